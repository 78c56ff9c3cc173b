package wildrydes.fanout;

/** The life cycle of a registered stream consumer, as DescribeStreamConsumer reports it. */
public enum ConsumerStatus { CREATING, DELETING, ACTIVE }

package wildrydes.api;

import wildrydes.errors.KinesisException;
import wildrydes.stream.ServiceSettings;

/** Resource ARNs of the tag and policy operations: a stream's, or a stream consumer's. */
record ResourceArns(String streamName, String consumerArn) {
    static final wildrydes.protocol.Shape RESOURCE_ARN = wildrydes.protocol.Shape.string().length(1, 2048)
            .pattern("arn:aws.*:kinesis:.*:\\d{12}:.+");

    static ResourceArns parse(String arn, ServiceSettings settings) {
        String prefix = "arn:aws:kinesis:" + settings.region() + ":" + settings.accountId() + ":stream/";
        if (!arn.startsWith(prefix)) {
            throw KinesisException.notFound("Resource " + arn + " under account " + settings.accountId() + " not found.");
        }
        String rest = arn.substring(prefix.length());
        int consumer = rest.indexOf("/consumer/");
        if (consumer < 0) {
            return new ResourceArns(rest, null);
        }
        return new ResourceArns(rest.substring(0, consumer), arn);
    }
}

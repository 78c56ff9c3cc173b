package wildrydes.storage;

/**
 * What readers of a log may see, published as one value so that the end and the newest arrival
 * time are always read together.
 *
 * @param end                 the sequence after the last committed record
 * @param latestArrivalMillis arrival time of the newest committed record, -1 if none
 */
record CommittedState(long end, long latestArrivalMillis) {
}

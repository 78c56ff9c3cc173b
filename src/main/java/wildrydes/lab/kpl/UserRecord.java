package wildrydes.lab.kpl;

/**
 * One record as the KPL's user put it, taken out of an aggregate.
 *
 * @param subSequenceNumber its index in the aggregate, from 0
 * @param explicitHashKey   the explicit hash key it was put with, or null
 * @param data              its data (not copied again: do not change it)
 */
public record UserRecord(long subSequenceNumber, String partitionKey, String explicitHashKey, byte[] data) {
}

package wildrydes.stream;

/**
 * Where one record was written: its shard, its position there and its arrival time. The sequence
 * number's text is made only when asked for; a response writes its digits straight from
 * {@link #sequenceDigits}.
 */
public record PutResult(String shardId, long shardCreatedMillis, int shardIndex, long position, long arrivalMillis) {

    public String sequenceNumber() {
        return SequenceNumbers.format(shardCreatedMillis, shardIndex, position, arrivalMillis);
    }

    /** Writes the sequence number's {@link SequenceNumbers#LENGTH} ASCII digits into {@code out}. */
    public void sequenceDigits(byte[] out) {
        SequenceNumbers.writeDigits(out, shardCreatedMillis, shardIndex, position, arrivalMillis);
    }
}

package wildrydes.stream;

/**
 * Where one record was written: its shard and its position there. The sequence number's text is
 * made only when asked for; a response writes its digits straight from {@link #sequenceDigits}.
 */
public record PutResult(String shardId, long streamCreatedMillis, int shardIndex, long position) {

    public String sequenceNumber() {
        return SequenceNumbers.format(streamCreatedMillis, shardIndex, position);
    }

    /** Writes the sequence number's {@link SequenceNumbers#LENGTH} ASCII digits into {@code out}. */
    public void sequenceDigits(byte[] out) {
        SequenceNumbers.writeDigits(out, streamCreatedMillis, shardIndex, position);
    }
}

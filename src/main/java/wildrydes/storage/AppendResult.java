package wildrydes.storage;

/**
 * Where an append landed: the sequences {@code firstSequence .. firstSequence + count - 1}, all
 * with the same arrival time.
 */
public record AppendResult(long firstSequence, int count, long arrivalMillis) {
}

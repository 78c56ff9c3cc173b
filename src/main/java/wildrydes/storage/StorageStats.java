package wildrydes.storage;

/**
 * What a durable store did since it was opened, for {@code /metrics}. Rates are over the last
 * ten whole seconds.
 *
 * @param fsyncs                   fsyncs of files and directories (group commits, background flushes, metadata)
 * @param fsyncsPerSecond          of those
 * @param journalCommits           group commits of the journal: one fdatasync each
 * @param journalRecords           records acknowledged through the journal
 * @param recordsPerCommit         records per group commit
 * @param commitsPerSecond         group commits per second
 * @param journalBytesWritten      bytes written to the journal
 * @param journalBytes             journal bytes after its checkpoint: what a restart after a crash replays
 * @param journalFileBytes         bytes of the journal files on disk, spares included
 * @param journalCheckpoints       journal checkpoints taken
 * @param replayedEntries          journal entries replayed when the store was opened
 * @param replayedBytes            journal bytes read when the store was opened
 */
public record StorageStats(long fsyncs, double fsyncsPerSecond, long journalCommits, long journalRecords,
                           double recordsPerCommit, double commitsPerSecond, long journalBytesWritten, long journalBytes,
                           long journalFileBytes, long journalCheckpoints, long replayedEntries, long replayedBytes) {
}

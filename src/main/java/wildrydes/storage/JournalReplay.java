package wildrydes.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the journal into the shard logs it names when the store is opened (see {@link Journal}
 * for the rules): each entry goes to its log, opened (and recovered) on its first entry; entries
 * of logs that are gone are skipped. Log ids outside {@code streams/} belong to no one this
 * version knows, so opening stops rather than drop them.
 */
final class JournalReplay {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {
    }

    /**
     * @param logs opens the shard log of a name, or gives null if it is gone
     * @return the logs that entries went to
     */
    static Set<FileShardLog> replay(Journal journal, StorageFiles files, Path dataDirectory,
                                    Function<StorageNames.ShardLogName, FileShardLog> logs) throws IOException {
        long started = System.nanoTime();
        Set<FileShardLog> replayed = new LinkedHashSet<>();
        long[] skipped = new long[1];
        JournalRecovery.Result result = journal.recover(files, (position, logId, payload) -> {
            StorageNames.ShardLogName name = StorageNames.parseShardLogId(logId);
            if (name == null) {
                throw new StorageException("the journal in " + dataDirectory.resolve(StorageNames.JOURNAL) + " holds entries for "
                        + logId + ", which this version does not know: open it with the version that wrote it");
            }
            FileShardLog log = logs.apply(name);
            if (log == null) {
                skipped[0]++;
                return;
            }
            ShardLogReplay.replay(log, position, payload);
            replayed.add(log);
        });
        if (result.entries() > 0) {
            LOG.info("Replayed {} journal entries ({} bytes) into {} shard log(s) in {} ms{}", result.entries(), result.bytes(),
                    replayed.size(), (System.nanoTime() - started) / 1_000_000,
                    skipped[0] == 0 ? "" : "; " + skipped[0] + " entries of deleted streams skipped");
        }
        return replayed;
    }
}

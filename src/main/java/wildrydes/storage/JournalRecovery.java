package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the journal from its checkpoint to the end of its valid entries when the store is
 * opened, handing every entry to a visitor (which repairs its log), and sorts the files into
 * those in use and spares. The rules are in {@link Journal}.
 */
final class JournalRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    /** Sees each entry after the checkpoint, in journal order. */
    interface Visitor {
        /** @param payload valid during the call only */
        void entry(long position, String logId, ByteBuffer payload) throws IOException;
    }

    /**
     * @param checkpoint where replay started (-1: no checkpoint, the whole journal was read)
     * @param end        the journal position after the last valid entry: where the journal goes on
     * @param entries    entries handed to the visitor
     * @param bytes      journal bytes read from the checkpoint to the end
     */
    record Result(long checkpoint, long end, long entries, long bytes) {
    }

    private record Found(Path path, long start) {
    }

    private JournalRecovery() {
    }

    static Result run(JournalDirectory directory, StorageFiles files, Visitor visitor) throws IOException {
        long checkpoint = directory.readCheckpoint();
        List<Found> chain = new ArrayList<>();
        for (Path file : directory.listFiles()) {
            long start = directory.readStart(file);
            if (start < 0 || (!chain.isEmpty() && start <= chain.getLast().start())) {
                directory.addSpare(file); // never written, or reused and not yet written again
            } else {
                chain.add(new Found(file, start));
            }
        }
        long end = Math.max(checkpoint, 0);
        long entries = 0;
        long replayedFrom = -1;
        for (int i = 0; i < chain.size(); i++) {
            Found file = chain.get(i);
            Found following = i + 1 < chain.size() ? chain.get(i + 1) : null;
            directory.addInUse(file.path(), file.start());
            if (following != null && following.start() <= checkpoint) {
                end = following.start();
                continue; // every entry in it lies before the checkpoint
            }
            long from = Math.max(file.start(), checkpoint);
            if (i > 0 && file.start() != end) {
                LOG.error("Journal file {} starts at position {} but the one before it ends at {}: the entries between are "
                        + "lost (disk damage); records they held are missing from their logs unless the logs have them",
                        file.path(), file.start(), end);
            } else if (i == 0 && checkpoint >= 0 && file.start() > checkpoint) {
                LOG.error("The journal checkpoint names position {} but the oldest journal file {} starts at {}: the entries "
                        + "between are lost (disk damage)", checkpoint, file.path(), file.start());
            }
            if (replayedFrom < 0) {
                replayedFrom = from;
            }
            try (FileChannel channel = files.open(file.path(), StandardOpenOption.READ)) {
                JournalReader reader = new JournalReader(channel, file.start(), from);
                while (reader.next()) {
                    visitor.entry(reader.position(), reader.logId(), reader.payload());
                    entries++;
                }
                end = reader.nextPosition();
                if (reader.problem() != null) {
                    // The torn or unwritten tail of the last group commit before the crash: it was never acknowledged.
                    LOG.info("Journal file {} ends at position {}: {}", file.path(), end, reader.problem());
                }
            }
        }
        return new Result(checkpoint, end, entries, replayedFrom < 0 ? 0 : end - replayedFrom);
    }
}

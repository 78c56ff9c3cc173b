package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs a {@link FileShardLog} from the journal when the store is opened: an entry's payload is
 * the frames of one append, stamped (sequences, arrival time, CRCs) as they went into the
 * segment. Frames the log has are skipped, the ones that follow its end are appended as they are;
 * replaying an entry twice changes nothing.
 */
final class ShardLogReplay {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLogReplay.class);

    private ShardLogReplay() {
    }

    static void replay(FileShardLog log, long position, ByteBuffer payload) throws IOException {
        byte[] bytes = payload.array();
        int base = payload.arrayOffset() + payload.position();
        FrameReader reader = FrameReader.over(bytes, base, payload.remaining());
        log.lock.lock();
        try {
            int from = -1;
            int[] offsets = new int[8];
            int count = 0;
            long first = -1;
            long arrival = -1;
            try {
                while (reader.next()) {
                    long sequence = reader.sequence();
                    if (sequence < log.nextSequence) {
                        continue; // the log has it
                    }
                    long expected = first < 0 ? log.nextSequence : first + count;
                    if (sequence != expected) {
                        reportGap(log, position, expected, sequence);
                        break;
                    }
                    if (first < 0) {
                        first = sequence;
                        arrival = reader.arrivalMillis();
                        from = (int) reader.frameStart();
                    }
                    if (count == offsets.length) {
                        offsets = Arrays.copyOf(offsets, count * 2);
                    }
                    offsets[count++] = (int) reader.frameStart() - from;
                }
            } catch (InvalidFrameException e) {
                LOG.error("Journal entry at position {} for {} holds an invalid frame at payload offset {} ({}): its records "
                        + "from there on are not restored", position, log.directory, e.offset(), e.reason());
            }
            if (count == 0) {
                return;
            }
            if (arrival < log.lastArrivalMillis) {
                LOG.error("Journal entry at position {} for {} has arrival time {}, before the log's last record ({}): not "
                        + "restored", position, log.directory, arrival, log.lastArrivalMillis);
                return;
            }
            int to = (int) reader.nextPosition();
            ByteBuffer frames = ByteBuffer.wrap(Arrays.copyOfRange(bytes, base + from, base + to));
            append(log, EncodedBatch.ofStamped(frames, Arrays.copyOf(offsets, count)), first, arrival);
        } finally {
            log.unlock();
        }
    }

    /** Under the lock: writes the frames as an append would, sealing synchronously if the segment rolls. */
    private static void append(FileShardLog log, EncodedBatch batch, long first, long arrival) throws IOException {
        Segment sealed = log.chain.rollIfDue(arrival, log.nextSequence);
        if (sealed != null) {
            sealed.force();
            sealed.writeSealedIndexFile();
            sealed.closeWriteChannel();
            log.chain.sealsDone(java.util.List.of(sealed));
        }
        log.chain.active().append(batch, first, arrival, log.options.indexIntervalBytes(), log.preallocateBytes());
        log.nextSequence = first + batch.count();
        log.lastArrivalMillis = arrival;
        log.committedUpTo(log.nextSequence, arrival);
        log.markDirty();
    }

    private static void reportGap(FileShardLog log, long position, long expected, long found) {
        if (!log.replayGapReported) {
            log.replayGapReported = true;
            LOG.error("Shard log {} lacks records {}..{}, which journal entry at position {} follows: they were lost from "
                    + "both (disk damage), and the journal's later records for this log are not restored either",
                    log.directory, expected, found - 1, position);
        }
    }
}

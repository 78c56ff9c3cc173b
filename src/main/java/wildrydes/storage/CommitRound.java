package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * One log's share of a group commit: the appends pending when the round began, the segments
 * sealed since the last commit, the channels to force so that both are durable, and whether the
 * log's directory gained a file.
 */
final class CommitRound {

    private final FileShardLog log;
    private final List<PendingAppend> appends;
    private final List<Segment> sealedSegments;
    private final List<FileChannel> channels;
    private final Path directoryToSync;
    private Exception failure;

    CommitRound(FileShardLog log, List<PendingAppend> appends, List<Segment> sealedSegments, List<FileChannel> channels,
                Path directoryToSync) {
        this.log = log;
        this.appends = appends;
        this.sealedSegments = sealedSegments;
        this.channels = channels;
        this.directoryToSync = directoryToSync;
    }

    /** Forces everything; the first failure is kept and stops the round. */
    void sync(FileSyncer syncer) {
        try {
            for (FileChannel channel : channels) {
                syncer.force(channel);
            }
            if (directoryToSync != null) {
                syncer.syncDirectory(directoryToSync);
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    FileShardLog log() {
        return log;
    }

    List<PendingAppend> appends() {
        return appends;
    }

    List<Segment> sealedSegments() {
        return sealedSegments;
    }

    Exception failure() {
        return failure;
    }
}

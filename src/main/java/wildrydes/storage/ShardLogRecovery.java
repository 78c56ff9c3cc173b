package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a shard log directory back to a consistent state when the log is opened, before the
 * journal replays what it lacks (see {@link Journal}).
 *
 * <h2>Rules</h2>
 * A sealed segment whose index file describes exactly its length (and either says it is sealed
 * whole, version 3, or ends where the next segment begins) is known from the file's header alone (its first and last sequence and arrival time; the header has its own CRC), so opening
 * reads neither its data nor its index entries: those are read, and checked against the file's
 * CRC and the header, when the segment is first read, and if they do not match, the index is
 * rebuilt then by scanning the segment. The last segment is the active one; its index file, if it
 * has a consistent one that names no more bytes than the file holds and starts no earlier than the
 * previous segment's last arrival time, is a checkpoint: the bytes before the length it names are
 * trusted like a sealed segment's, and only the frames after it are scanned and checked. Without a
 * usable checkpoint the whole active segment is scanned. A sealed segment whose index file is
 * missing or unusable is scanned whole, one whose index file is a checkpoint of a prefix (it was
 * sealed just before a crash) is scanned after it; either is then fsynced and its index rewritten.
 * At the first invalid frame the file is truncated (and fsynced), a warning names the file, offset
 * and bytes dropped (the journal then restores the committed records among them), and every later
 * segment is deleted first (durably), since its sequences no longer follow. A scanned segment that
 * is not the last one but ends before the next one begins lost its tail the same way (the next
 * segment holds records nobody acknowledged, or that the journal still holds) and is treated the
 * same, so only a gap after a segment known from its index file reads as lost older files. Nothing but zeros after the last frame
 * is space written ahead of the appends and is cut without a warning. With
 * {@link StorageOptions#verifySealedSegmentsOnOpen()} every segment, the active one included, is
 * scanned whole the same way and index files are only rewritten. The active segment is then
 * fsynced (what the previous process wrote may be in the page cache only, and a reader must not
 * see what a power cut could take back) and checkpointed to cover what was checked. Sequences must
 * follow on from file to file: if older files are missing, the files before the gap are dropped
 * rather than the newer ones, so that no sequence is ever given out twice. An empty directory
 * starts at sequence 0; an empty last segment continues at its name's sequence. A sealed segment
 * and a checkpointed prefix are trusted on open; a frame found corrupt when it is read makes the
 * read fail with a {@link StorageException} naming the file and offset.
 */
final class ShardLogRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLogRecovery.class);

    /** The recovered segments (the last one open for appends), and where the log goes on. */
    record Result(List<Segment> segments, long nextSequence, long lastArrivalMillis, long scannedBytes) {
    }

    private final Path directory;
    private final StorageOptions options;
    private final StorageFiles files;
    private final FileSyncer syncer;
    private final List<Segment> kept = new ArrayList<>();
    private long lastArrivalMillis = -1;
    private long scannedBytes;

    private ShardLogRecovery(Path directory, StorageOptions options, StorageFiles files, FileSyncer syncer) {
        this.directory = directory;
        this.options = options;
        this.files = files;
        this.syncer = syncer;
    }

    /** @param syncer how to make the recovered state durable */
    static Result recover(Path directory, StorageOptions options, StorageFiles files, FileSyncer syncer) throws IOException {
        ShardLogRecovery recovery = new ShardLogRecovery(directory, options, files, syncer);
        try {
            return recovery.run();
        } catch (IOException | RuntimeException e) {
            for (Segment segment : recovery.kept) {
                try {
                    segment.close();
                } catch (IOException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            throw e;
        }
    }

    private Result run() throws IOException {
        List<Path> segmentFiles = segmentFiles();
        for (int i = 0; i < segmentFiles.size(); i++) {
            Path file = segmentFiles.get(i);
            long firstSequence = StorageNames.segmentFirstSequence(file.getFileName().toString());
            if (!followsKeptSegments(firstSequence, file)) {
                deleteSegments(segmentFiles.subList(i, segmentFiles.size()), "it overlaps the segment before it");
                break;
            }
            boolean last = i == segmentFiles.size() - 1;
            long nextFirst = last ? -1 : StorageNames.segmentFirstSequence(segmentFiles.get(i + 1).getFileName().toString());
            long fileLength = files.size(file);
            IndexFile.Header header = options.verifySealedSegmentsOnOpen() ? null : indexHeader(file, firstSequence, fileLength);
            // Whole: sealed (its index file says so) or ending where the next segment begins. A checkpoint
            // that happens to cover the whole file of a segment followed by a later one does not make it
            // whole: the tail after the checkpoint may have been lost in a power cut.
            if (!last && header != null && header.length() == fileLength
                    && (header.sealed() || header.endSequence() == nextFirst)) {
                kept.add(Segment.sealedFromIndexHeader(files, syncer, directory, header, options.indexIntervalBytes()));
                lastArrivalMillis = header.lastArrivalMillis();
                continue;
            }
            // The active segment, or a sealed one whose index file is missing, unusable or only a
            // checkpoint of a prefix (it was sealed just before a crash): check what follows the
            // prefix its index file describes, or all of it.
            IndexFile.Contents prefix = null;
            if (header != null && header.firstArrivalMillis() < lastArrivalMillis) {
                LOG.warn("Index file of {} starts at arrival time {}, before the previous segment's last record ({}); "
                        + "checking the whole segment", file, header.firstArrivalMillis(), lastArrivalMillis);
            } else if (header != null) {
                SparseIndex prefixIndex = IndexFile.readEntries(files, directory.resolve(StorageNames.indexFile(firstSequence)),
                        header);
                prefix = prefixIndex == null ? null : new IndexFile.Contents(header, prefixIndex);
            }
            SegmentScan scan = prefix == null
                    ? SegmentScan.of(files, file, firstSequence, lastArrivalMillis, options.indexIntervalBytes())
                    : SegmentScan.from(files, file, firstSequence, header.length(), header.recordCount(), header.lastArrivalMillis(),
                            prefix.index(), lastArrivalMillis, options.indexIntervalBytes());
            scannedBytes += scan.scannedBytes();
            // A segment that is not the last one but ends before the next one begins lost its tail in
            // a crash (zeros written ahead of the appends can make a lost tail look like a clean end).
            boolean tailLost = !last && scan.clean() && firstSequence + scan.recordCount() != nextFirst;
            if (!scan.clean() || tailLost) {
                // The later segments go first, durably: were the cut made first, a crash in between
                // would leave a short segment followed by a longer-named one, which reads as lost files.
                deleteSegments(segmentFiles.subList(i + 1, segmentFiles.size()),
                        "its records no longer follow " + file.getFileName());
                syncer.syncDirectory(directory);
            }
            if (tailLost) {
                LOG.warn("Segment {} ends before record {}, where the next one began: its tail was lost in a crash", file,
                        nextFirst);
            }
            if (!scan.clean()) {
                truncate(file, scan);
            } else if (scan.trailingZeroBytes() > 0) {
                cutTrailingZeros(file, scan);
            }
            keepScanned(firstSequence, scan, last || !scan.clean() || tailLost, prefix == null ? 0 : header.length());
            if (!scan.clean() || tailLost) {
                break;
            }
        }
        Segment active = kept.isEmpty() ? null : kept.getLast();
        if (active == null || active.isSealed()) {
            active = Segment.create(files, syncer, directory, active == null ? 0 : active.endSequence());
            kept.add(active);
        }
        // What the previous process wrote may still be only in the page cache: make it durable
        // before readers are shown it.
        active.force();
        syncer.syncDirectory(directory);
        if (active.indexedLength() < active.sizeBytes()) {
            // Checkpoint what was just checked (and made durable), so that the next open need not check it again.
            try {
                active.writeCheckpointOfAll();
            } catch (IOException e) {
                LOG.warn("Could not write the index file {}; the segment is checked again on the next open", active.indexFile(), e);
            }
        }
        return new Result(List.copyOf(kept), active.endSequence(), lastArrivalMillis, scannedBytes);
    }

    /**
     * The consistent header of the segment's index file, or null if it has none that can be used:
     * one that names more bytes than the segment holds does not describe it.
     */
    private IndexFile.Header indexHeader(Path file, long firstSequence, long fileLength) throws IOException {
        Path indexFile = directory.resolve(StorageNames.indexFile(firstSequence));
        IndexFile.Header header = IndexFile.readHeader(files, syncer, indexFile, firstSequence);
        if (header != null && header.length() > fileLength) {
            LOG.warn("Index file {} describes {} bytes but the segment has {}; checking the whole segment",
                    indexFile, header.length(), fileLength);
            return null;
        }
        return header;
    }

    /**
     * Sequences must follow on from segment to segment. Retention deletes the oldest segments
     * first, so a gap means older files were lost: the newer ones are kept so that sequences are
     * never given out twice. A segment that overlaps the one before cannot be placed: it goes.
     */
    private boolean followsKeptSegments(long firstSequence, Path file) throws IOException {
        if (kept.isEmpty()) {
            return true;
        }
        long expected = kept.getLast().endSequence();
        if (firstSequence < expected) {
            return false;
        }
        if (firstSequence > expected) {
            LOG.warn("Shard log {} has no records {}..{} before {}: dropping the {} older segment(s)",
                    directory, expected, firstSequence - 1, file.getFileName(), kept.size());
            for (Segment segment : kept) {
                segment.delete();
            }
            kept.clear();
            lastArrivalMillis = -1;
        }
        return true;
    }

    /**
     * @param indexedLength the length of the checked prefix its index file describes, 0 if it was
     *                      scanned whole (its index file, if any, is then stale and deleted)
     */
    private void keepScanned(long firstSequence, SegmentScan scan, boolean active, long indexedLength) throws IOException {
        if (active) {
            if (indexedLength == 0) {
                files.deleteIfExists(directory.resolve(StorageNames.indexFile(firstSequence)));
            }
            kept.add(Segment.active(files, syncer, directory, firstSequence, scan.index(), scan.validLength(),
                    scan.recordCount(), scan.lastArrivalMillis(), indexedLength));
        } else {
            Segment sealed = Segment.sealed(files, syncer, directory, firstSequence, scan.index(), scan.validLength(),
                    scan.recordCount(), scan.lastArrivalMillis());
            // Unindexed, it may have been sealed just before a crash, unsynced: an index file
            // may only describe a segment that is durable.
            try (FileChannel channel = files.open(sealed.logFile(), StandardOpenOption.READ)) {
                syncer.force(channel);
            }
            sealed.writeSealedIndexFile();
            kept.add(sealed);
        }
        if (scan.recordCount() > 0) {
            lastArrivalMillis = scan.lastArrivalMillis();
        }
    }

    private void truncate(Path file, SegmentScan scan) throws IOException {
        try (FileChannel channel = files.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(scan.validLength());
            syncer.force(channel);
        }
        LOG.warn("Truncated {} at offset {} ({}): dropped {} bytes after {} valid record(s)",
                file, scan.validLength(), scan.problem(), scan.fileLength() - scan.validLength(), scan.recordCount());
    }

    /** Zeros written ahead of the appends before a crash: not data, so cut without a warning. */
    private void cutTrailingZeros(Path file, SegmentScan scan) throws IOException {
        try (FileChannel channel = files.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(scan.validLength());
            syncer.force(channel);
        }
        LOG.debug("Cut {} preallocated zero bytes off {} after {} record(s)", scan.trailingZeroBytes(), file, scan.recordCount());
    }

    private void deleteSegments(List<Path> doomed, String why) throws IOException {
        for (Path file : doomed) {
            long firstSequence = StorageNames.segmentFirstSequence(file.getFileName().toString());
            long length = files.size(file);
            files.delete(file);
            files.deleteIfExists(directory.resolve(StorageNames.indexFile(firstSequence)));
            LOG.warn("Deleted segment {} ({} bytes): {}", file, length, why);
        }
    }

    /** The segment files in sequence order; leftover temporary files and orphan index files are removed. */
    private List<Path> segmentFiles() throws IOException {
        List<Path> segments = new ArrayList<>();
        List<Path> indexes = new ArrayList<>();
        for (Path entry : files.list(directory)) {
            String name = entry.getFileName().toString();
            if (StorageNames.isTemporaryFile(name)) {
                files.deleteIfExists(entry);
            } else if (StorageNames.isSegmentFile(name)) {
                segments.add(entry);
            } else if (name.endsWith(StorageNames.INDEX_SUFFIX)) {
                indexes.add(entry);
            }
        }
        for (Path index : indexes) {
            String name = index.getFileName().toString();
            Path segment = index.resolveSibling(name.substring(0, name.length() - StorageNames.INDEX_SUFFIX.length())
                    + StorageNames.LOG_SUFFIX);
            if (!files.exists(segment)) {
                files.deleteIfExists(index);
            }
        }
        segments.sort(null);
        return segments;
    }
}

package wildrydes.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable storage engine keeping everything under one data directory:
 * <pre>
 * &lt;dataDir&gt;/lock                                    held (OS file lock) while an engine has the directory open
 * &lt;dataDir&gt;/storage-format                          the layout's version (see {@link StorageFormat})
 * &lt;dataDir&gt;/journal/                                the write-ahead journal all logs share (see {@link Journal})
 * &lt;dataDir&gt;/streams/&lt;streamKey&gt;/metadata.bin          replaced atomically (temporary file, fsync, rename, fsync directory)
 * &lt;dataDir&gt;/streams/&lt;streamKey&gt;/shard-&lt;12 digits&gt;/     one {@link FileShardLog} per shard (segment and index files)
 * &lt;dataDir&gt;/blobs/&lt;name&gt;                             replaced atomically like metadata
 * &lt;dataDir&gt;/trash/                                  deleted streams on their way out, emptied on open
 * </pre>
 * Stream keys and blob names are single path elements of {@code A-Z a-z 0-9 . _ -} (a blob name
 * may not start with a dot). Metadata, blobs, the format file, index files, checkpoints and the
 * directory entries of every file created or renamed are durable in every sync mode;
 * {@link SyncMode#NONE} relaxes only when an append is acknowledged. On open the journal is
 * replayed into the logs it names, whatever the mode. With {@link SyncMode#FSYNC} the thread
 * {@code wildrydes-fsync} commits every append through the journal; futures returned by appends
 * complete on it (or on {@code wildrydes-flush} for an append that sealed a segment), so their
 * callbacks should hand work back to their own threads.
 */
public final class FileStorageEngine implements StorageEngine {

    private static final Logger LOG = LoggerFactory.getLogger(FileStorageEngine.class);
    private static final String LOCK_FILE = "lock";

    private final Path dataDirectory;
    private final Path streamsDirectory;
    private final Path blobsDirectory;
    private final Path trashDirectory;
    private final SyncMode syncMode;
    private final StorageOptions options;
    private final Clock clock;
    private final StorageFiles files;
    private final CountingFileSyncer syncer;
    private final Closeable directoryLock;
    private final ConcurrentHashMap<LogKey, FileShardLog> logs = new ConcurrentHashMap<>();
    /** Opening logs and writing shares it; deleting a stream and closing take it alone. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Object fileWriteLock = new Object();
    private final Journal journal;
    private final Flusher flusher;
    /** The journal appends go to: null with {@link SyncMode#NONE}. */
    private Journal appendJournal;
    private boolean closed;

    private record LogKey(String streamKey, int shardIndex) {
    }

    private FileStorageEngine(Path dataDirectory, SyncMode syncMode, StorageOptions options, Clock clock, StorageFiles files,
                              CountingFileSyncer syncer, Closeable directoryLock) {
        this.dataDirectory = dataDirectory;
        this.streamsDirectory = dataDirectory.resolve(StorageNames.STREAMS);
        this.blobsDirectory = dataDirectory.resolve(StorageNames.BLOBS);
        this.trashDirectory = dataDirectory.resolve(StorageNames.TRASH);
        this.syncMode = syncMode;
        this.options = options;
        this.clock = clock;
        this.files = files;
        this.syncer = syncer;
        this.directoryLock = directoryLock;
        this.journal = new Journal(dataDirectory.resolve(StorageNames.JOURNAL), files, syncer, options);
        this.flusher = new Flusher(syncMode == SyncMode.FSYNC ? journal : null, options);
        this.appendJournal = syncMode == SyncMode.FSYNC ? journal : null;
    }

    /** Opens (creating if needed) a data directory that fsyncs appends, with default options. */
    public static FileStorageEngine open(Path dataDirectory) {
        return open(dataDirectory, SyncMode.FSYNC, StorageOptions.defaults());
    }

    public static FileStorageEngine open(Path dataDirectory, SyncMode syncMode, StorageOptions options) {
        return open(dataDirectory, syncMode, options, Clock.systemUTC(), FileSyncer.SYSTEM);
    }

    /** With a clock and a syncer of the caller's: for tests. */
    static FileStorageEngine open(Path dataDirectory, SyncMode syncMode, StorageOptions options, Clock clock,
                                  FileSyncer fileSyncer) {
        return open(dataDirectory, syncMode, options, clock, StorageFiles.SYSTEM, fileSyncer);
    }

    /** On files of the caller's (a simulated disk): for tests. */
    static FileStorageEngine open(Path dataDirectory, SyncMode syncMode, StorageOptions options, Clock clock,
                                  StorageFiles files, FileSyncer fileSyncer) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(syncMode, "syncMode");
        Objects.requireNonNull(options, "options");
        CountingFileSyncer syncer = new CountingFileSyncer(fileSyncer);
        Closeable lock = null;
        FileStorageEngine engine = null;
        try {
            AtomicFiles.createDirectories(files, dataDirectory, syncer);
            lock = lockDirectory(files, dataDirectory);
            engine = new FileStorageEngine(dataDirectory, syncMode, options, clock, files, syncer, lock);
            engine.prepareDirectories();
            engine.recoverJournal();
            LOG.info("Opened storage in {} (sync {})", dataDirectory, syncMode);
            return engine;
        } catch (IOException | RuntimeException e) {
            if (engine != null) {
                try {
                    engine.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            } else {
                closeQuietly(lock, e);
            }
            if (e instanceof StorageException storageException) {
                throw storageException;
            }
            throw new StorageException("could not open storage in " + dataDirectory + ": " + e, e);
        }
    }

    private static Closeable lockDirectory(StorageFiles files, Path dataDirectory) throws IOException {
        Closeable lock;
        try {
            lock = files.tryLock(dataDirectory.resolve(LOCK_FILE));
        } catch (OverlappingFileLockException e) {
            throw new StorageException("storage in " + dataDirectory + " is already open in this process", e);
        }
        if (lock == null) {
            throw new StorageException("storage in " + dataDirectory + " is in use by another process");
        }
        return lock;
    }

    private void prepareDirectories() throws IOException {
        int found = StorageFormat.check(files, dataDirectory);
        AtomicFiles.createDirectories(files, streamsDirectory, syncer);
        AtomicFiles.createDirectories(files, blobsDirectory, syncer);
        AtomicFiles.createDirectories(files, trashDirectory, syncer);
        AtomicFiles.createDirectories(files, dataDirectory.resolve(StorageNames.JOURNAL), syncer);
        StorageFormat.writeCurrent(files, syncer, dataDirectory, found);
        for (Path leftover : files.list(trashDirectory)) {
            AtomicFiles.deleteRecursively(files, leftover);
        }
    }

    /**
     * Replays the journal into the logs it names (opening them), then starts the journal (with
     * {@link SyncMode#FSYNC}) or, without fsync, makes the repaired logs durable and empties it.
     */
    private void recoverJournal() throws IOException {
        Set<FileShardLog> replayed = JournalReplay.replay(journal, files, dataDirectory, this::logForReplay);
        if (syncMode == SyncMode.FSYNC) {
            journal.start(flusher::journalCheckpointWanted);
        } else {
            for (FileShardLog log : replayed) {
                ShardLogFlush.flushForJournalCheckpoint(log);
            }
            journal.retire();
        }
        flusher.start();
    }

    /** The open log a journal entry is for, or null if its stream is gone. */
    private FileShardLog logForReplay(StorageNames.ShardLogName name) {
        Path directory = streamsDirectory.resolve(name.streamKey()).resolve(StorageNames.shardDirectory(name.shardIndex()));
        if (!files.isDirectory(directory)) {
            return null;
        }
        return (FileShardLog) shardLog(name.streamKey(), name.shardIndex());
    }

    @Override
    public ShardLog shardLog(String streamKey, int shardIndex) {
        LogKey key = new LogKey(StorageNames.checkStreamKey(streamKey), shardIndex);
        String shardDirectory = StorageNames.shardDirectory(shardIndex);
        FileShardLog log = logs.get(key);
        if (log != null) {
            return log;
        }
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return logs.computeIfAbsent(key, k -> openLog(streamsDirectory.resolve(streamKey).resolve(shardDirectory),
                    StorageNames.shardLogId(streamKey, shardIndex)));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private FileShardLog openLog(Path directory, String logId) {
        try {
            AtomicFiles.createDirectories(files, directory, syncer);
            return FileShardLog.open(directory, logId, options, files, syncer, appendJournal, flusher, clock);
        } catch (IOException e) {
            throw new StorageException("could not open shard log " + directory, e);
        }
    }

    @Override
    public void writeMetadata(String streamKey, byte[] metadata) {
        Path streamDirectory = streamsDirectory.resolve(StorageNames.checkStreamKey(streamKey));
        byte[] content = metadata.clone();
        lifecycle.readLock().lock();
        try {
            checkOpen();
            synchronized (fileWriteLock) {
                AtomicFiles.createDirectories(files, streamDirectory, syncer);
                AtomicFiles.write(files, streamDirectory.resolve(StorageNames.METADATA), content, syncer);
            }
        } catch (IOException e) {
            throw new StorageException("could not write the metadata of stream " + streamKey, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public Map<String, byte[]> readAllMetadata() {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            Map<String, byte[]> all = new TreeMap<>();
            for (Path streamDirectory : files.list(streamsDirectory)) {
                if (!files.isDirectory(streamDirectory)) {
                    continue;
                }
                byte[] metadata = AtomicFiles.readIfExists(files, streamDirectory.resolve(StorageNames.METADATA));
                if (metadata != null) {
                    all.put(streamDirectory.getFileName().toString(), metadata);
                }
            }
            return all;
        } catch (IOException e) {
            throw new StorageException("could not read stream metadata in " + streamsDirectory, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Closes the stream's logs (appends not yet committed fail), moves its directory into the
     * trash in one rename, then deletes it; whatever a crash leaves in the trash goes on next open.
     */
    @Override
    public void deleteStream(String streamKey) {
        Path streamDirectory = streamsDirectory.resolve(StorageNames.checkStreamKey(streamKey));
        lifecycle.writeLock().lock();
        try {
            checkOpen();
            for (LogKey key : List.copyOf(logs.keySet())) {
                if (key.streamKey().equals(streamKey)) {
                    logs.remove(key).close();
                }
            }
            if (!files.exists(streamDirectory)) {
                return;
            }
            Path trashed = trashDirectory.resolve(streamKey + "." + System.nanoTime());
            files.move(streamDirectory, trashed);
            syncer.syncDirectory(streamsDirectory);
            syncer.syncDirectory(trashDirectory);
            deleteTrashed(trashed);
        } catch (IOException e) {
            throw new StorageException("could not delete stream " + streamKey, e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void deleteTrashed(Path trashed) {
        try {
            AtomicFiles.deleteRecursively(files, trashed);
        } catch (IOException e) {
            LOG.warn("Could not empty {}; it is retried when the storage is opened", trashed, e);
        }
    }

    /** The blob's content, or null if there is none of that name. */
    @Override
    public byte[] readBlob(String name) {
        Path blob = blobsDirectory.resolve(StorageNames.checkBlobName(name));
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return AtomicFiles.readIfExists(files, blob);
        } catch (IOException e) {
            throw new StorageException("could not read blob " + name, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void writeBlob(String name, byte[] content) {
        Path blob = blobsDirectory.resolve(StorageNames.checkBlobName(name));
        byte[] copy = content.clone();
        lifecycle.readLock().lock();
        try {
            checkOpen();
            synchronized (fileWriteLock) {
                AtomicFiles.write(files, blob, copy, syncer);
            }
        } catch (IOException e) {
            throw new StorageException("could not write blob " + name, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public boolean durable() {
        return syncMode == SyncMode.FSYNC;
    }

    /** How many fsyncs (of files and directories) the engine has asked for since it was opened. */
    public long fsyncCount() {
        return syncer.calls();
    }

    @Override
    public StorageStats stats() {
        JournalStats journalStats = journal.stats();
        long now = System.currentTimeMillis();
        return new StorageStats(syncer.calls(), syncer.perSecond(now), journalStats.commits(), journalStats.records(),
                journalStats.recordsPerCommit(now), journalStats.commitsPerSecond(now), journalStats.bytesWritten(),
                journal.bytesSinceCheckpoint(), journal.fileBytes(), journalStats.checkpoints(),
                journalStats.replayedEntries(), journalStats.replayedBytes());
    }

    /** The journal (for tests, and for another service that shares it). */
    Journal journal() {
        return journal;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Commits what was appended, makes every log durable and checkpoints the journal (so the next
     * open replays nothing), stops the threads, closes every file and unlocks the directory.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            logs.values().forEach(FileShardLog::stopAppends);
            journal.stop();
            flusher.stop();
            logs.values().forEach(FileShardLog::close);
            logs.clear();
            journal.closeFiles();
            try {
                directoryLock.close();
            } catch (IOException e) {
                LOG.warn("Could not release the lock of {}", dataDirectory, e);
            }
            LOG.info("Closed storage in {}", dataDirectory);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("storage in " + dataDirectory + " is closed");
        }
    }

    private static void closeQuietly(Closeable lock, Exception failure) {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}

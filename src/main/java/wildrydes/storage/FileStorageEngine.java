package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable storage engine keeping everything under one data directory:
 * <pre>
 * &lt;dataDir&gt;/lock                                    held (OS file lock) while an engine has the directory open
 * &lt;dataDir&gt;/storage-format                          "wildrydes-storage 1": the layout's version
 * &lt;dataDir&gt;/streams/&lt;streamKey&gt;/metadata.bin          replaced atomically (temporary file, fsync, rename, fsync directory)
 * &lt;dataDir&gt;/streams/&lt;streamKey&gt;/shard-&lt;12 digits&gt;/     one {@link FileShardLog} per shard (segment and index files)
 * &lt;dataDir&gt;/blobs/&lt;name&gt;                             replaced atomically like metadata
 * &lt;dataDir&gt;/trash/                                  deleted streams on their way out, emptied on open
 * </pre>
 * Stream keys and blob names are single path elements of {@code A-Z a-z 0-9 . _ -} (a blob name
 * may not start with a dot). With {@link SyncMode#FSYNC} one daemon thread, {@code wildrydes-fsync},
 * commits the appends of every log (see {@link GroupCommitter}); futures returned by appends
 * complete on it, so their callbacks should hand work back to their own threads.
 */
public final class FileStorageEngine implements StorageEngine {

    private static final Logger LOG = LoggerFactory.getLogger(FileStorageEngine.class);
    private static final String LOCK_FILE = "lock";
    private static final String FORMAT_FILE = "storage-format";
    private static final String FORMAT = "wildrydes-storage 1\n";

    private final Path dataDirectory;
    private final Path streamsDirectory;
    private final Path blobsDirectory;
    private final Path trashDirectory;
    private final SyncMode syncMode;
    private final StorageOptions options;
    private final Clock clock;
    private final CountingFileSyncer countingSyncer;
    /** Null with {@link SyncMode#NONE}. */
    private final FileSyncer syncer;
    private final FileChannel lockChannel;
    private final FileLock directoryLock;
    private final ConcurrentHashMap<LogKey, FileShardLog> logs = new ConcurrentHashMap<>();
    /** Opening logs and writing shares it; deleting a stream and closing take it alone. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Object fileWriteLock = new Object();
    private GroupCommitter committer;
    private boolean closed;

    private record LogKey(String streamKey, int shardIndex) {
    }

    private FileStorageEngine(Path dataDirectory, SyncMode syncMode, StorageOptions options, Clock clock,
                              CountingFileSyncer countingSyncer, FileChannel lockChannel, FileLock directoryLock) {
        this.dataDirectory = dataDirectory;
        this.streamsDirectory = dataDirectory.resolve(StorageNames.STREAMS);
        this.blobsDirectory = dataDirectory.resolve(StorageNames.BLOBS);
        this.trashDirectory = dataDirectory.resolve(StorageNames.TRASH);
        this.syncMode = syncMode;
        this.options = options;
        this.clock = clock;
        this.countingSyncer = countingSyncer;
        this.syncer = syncMode == SyncMode.FSYNC ? countingSyncer : null;
        this.lockChannel = lockChannel;
        this.directoryLock = directoryLock;
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
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(syncMode, "syncMode");
        Objects.requireNonNull(options, "options");
        CountingFileSyncer counting = new CountingFileSyncer(fileSyncer);
        FileSyncer syncer = syncMode == SyncMode.FSYNC ? counting : null;
        FileChannel lockChannel = null;
        try {
            AtomicFiles.createDirectories(dataDirectory, syncer);
            lockChannel = FileChannel.open(dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockDirectory(lockChannel, dataDirectory);
            FileStorageEngine engine = new FileStorageEngine(dataDirectory, syncMode, options, clock, counting, lockChannel, lock);
            engine.prepareDirectories();
            if (syncMode == SyncMode.FSYNC) {
                engine.committer = GroupCommitter.start(counting);
            }
            LOG.info("Opened storage in {} (sync {})", dataDirectory, syncMode);
            return engine;
        } catch (IOException | RuntimeException e) {
            closeQuietly(lockChannel, e);
            if (e instanceof StorageException storageException) {
                throw storageException;
            }
            throw new StorageException("could not open storage in " + dataDirectory, e);
        }
    }

    private static FileLock lockDirectory(FileChannel lockChannel, Path dataDirectory) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new StorageException("storage in " + dataDirectory + " is already open in this process", e);
        }
        if (lock == null) {
            throw new StorageException("storage in " + dataDirectory + " is in use by another process");
        }
        return lock;
    }

    private void prepareDirectories() throws IOException {
        Path formatFile = dataDirectory.resolve(FORMAT_FILE);
        byte[] format = AtomicFiles.readIfExists(formatFile);
        if (format == null) {
            AtomicFiles.write(formatFile, FORMAT.getBytes(StandardCharsets.US_ASCII), syncer);
        } else if (!FORMAT.equals(new String(format, StandardCharsets.US_ASCII))) {
            throw new StorageException("storage in " + dataDirectory + " has an unknown format: "
                    + new String(format, StandardCharsets.US_ASCII).strip());
        }
        AtomicFiles.createDirectories(streamsDirectory, syncer);
        AtomicFiles.createDirectories(blobsDirectory, syncer);
        AtomicFiles.createDirectories(trashDirectory, syncer);
        for (Path leftover : list(trashDirectory, false)) {
            AtomicFiles.deleteRecursively(leftover);
        }
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
            return logs.computeIfAbsent(key, k -> openLog(streamsDirectory.resolve(streamKey).resolve(shardDirectory)));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private FileShardLog openLog(Path directory) {
        try {
            AtomicFiles.createDirectories(directory, syncer);
            return FileShardLog.open(directory, options, committer, syncer, clock);
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
                AtomicFiles.createDirectories(streamDirectory, syncer);
                AtomicFiles.write(streamDirectory.resolve(StorageNames.METADATA), content, syncer);
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
            for (Path streamDirectory : list(streamsDirectory, true)) {
                byte[] metadata = AtomicFiles.readIfExists(streamDirectory.resolve(StorageNames.METADATA));
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
            if (!Files.exists(streamDirectory)) {
                return;
            }
            Path trashed = trashDirectory.resolve(streamKey + "." + System.nanoTime());
            Files.move(streamDirectory, trashed, StandardCopyOption.ATOMIC_MOVE);
            if (syncer != null) {
                syncer.syncDirectory(streamsDirectory);
                syncer.syncDirectory(trashDirectory);
            }
            deleteTrashed(trashed);
        } catch (IOException e) {
            throw new StorageException("could not delete stream " + streamKey, e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void deleteTrashed(Path trashed) {
        try {
            AtomicFiles.deleteRecursively(trashed);
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
            return AtomicFiles.readIfExists(blob);
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
                AtomicFiles.write(blob, copy, syncer);
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
        return countingSyncer.calls();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Commits what was appended, stops the commit thread, closes every file and unlocks the directory. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            logs.values().forEach(FileShardLog::stopAppends);
            if (committer != null) {
                committer.stop();
            }
            logs.values().forEach(FileShardLog::close);
            logs.clear();
            try {
                directoryLock.release();
                lockChannel.close();
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

    private static List<Path> list(Path directory, boolean directoriesOnly) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> !directoriesOnly || Files.isDirectory(entry)).toList();
        }
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}

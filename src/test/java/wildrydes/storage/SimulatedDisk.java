package wildrydes.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A disk in memory that behaves like a real one under a power cut: it keeps what was written but
 * not fsynced apart from what is durable, and {@link #cut} keeps the durable state plus, at
 * random, some of what was not (a prefix of a file's unsynced writes with the last one torn, or
 * a random subset of them, or none), and some of the directory changes nobody fsynced. Rules, as
 * strict as POSIX allows rather than as kind as ext4 is:
 * <ul>
 *   <li>an fsync of a file makes its bytes and length durable, not its name;</li>
 *   <li>an fsync of a directory makes durable the entries created, removed or renamed in it (a
 *       rename, one step, becomes durable on both sides when either directory is fsynced);</li>
 *   <li>on a cut, directory changes not durable survive as a random prefix of them, in order.</li>
 * </ul>
 * After the cut the disk the engine used goes on as a ghost (nothing it does reaches
 * {@link #afterCut()}), so the engine's threads can be stopped without errors.
 */
final class SimulatedDisk implements StorageFiles, FileSyncer {

    private static final class Inode {
        byte[] current = new byte[0];
        int length;
        byte[] durable = new byte[0];
        int durableLength;
        /** Writes ({@code data != null}) and truncations since the last fsync, in order. */
        final List<Op> unsynced = new ArrayList<>();
    }

    private record Op(long position, byte[] data, long truncateTo) {
    }

    private static final class Directory {
        final Map<String, Object> entries = new LinkedHashMap<>();
        final Map<String, Object> durable = new LinkedHashMap<>();
    }

    /** A directory change nobody fsynced yet: in {@code from} the name goes, in {@code to} it comes. */
    private record MetaOp(Directory from, String fromName, Directory to, String toName, Object node) {
    }

    /**
     * The last operations on files whose path contains {@link #TRACED} (the journal's), shared by a
     * disk and the disks its cuts leave: a failing test prints them.
     */
    static final String TRACED = "/journal/";
    private final java.util.ArrayDeque<String> trace;
    private final String name;

    SimulatedDisk() {
        this(new java.util.ArrayDeque<>(), "disk-1");
    }

    private SimulatedDisk(java.util.ArrayDeque<String> trace, String name) {
        this.trace = trace;
        this.name = name;
    }

    private void trace(String what, Path path) {
        if (path == null || what.startsWith("force") || !what.startsWith("write") || path.toString().contains(TRACED)) {
            synchronized (trace) {
                if (trace.size() == 20_000) {
                    trace.pollFirst();
                }
                trace.addLast(name + " #" + operations + " " + Thread.currentThread().getName() + " " + what
                        + (path == null ? "" : " " + (path.toString().contains(TRACED) ? path.getFileName() : path)));
            }
        }
    }

    /** The traced operations about the journal and paths containing {@code about}, oldest first. */
    String trace(String about) {
        synchronized (trace) {
            return String.join("\n", trace.stream().filter(line -> line.contains("CUT") || line.contains("journal")
                    || line.contains("checkpoint") || line.contains(about)).toList());
        }
    }

    private final Directory root = new Directory();
    private final List<MetaOp> pendingMeta = new ArrayList<>();
    private final Set<Path> locks = new HashSet<>();
    private long operations;
    private long cutAfter = Long.MAX_VALUE;
    private Random cutRandom;
    private volatile SimulatedDisk afterCut;

    /** Cuts the power by itself once this many more operations were made (atomically, inside the one that reaches it). */
    synchronized void cutAfter(long moreOperations, Random random) {
        cutAfter = operations + moreOperations;
        cutRandom = random;
    }

    boolean isCut() {
        return afterCut != null;
    }

    /** The disk as the machine finds it when the power comes back. */
    SimulatedDisk afterCut() {
        return afterCut;
    }

    synchronized long operations() {
        return operations;
    }

    private void tick() {
        operations++;
        if (operations >= cutAfter && afterCut == null) {
            trace("CUT", null);
            afterCut = computeCut(cutRandom);
        }
    }

    /** Cuts the power now. */
    synchronized SimulatedDisk cut(Random random) {
        if (afterCut == null) {
            trace("CUT", null);
            afterCut = computeCut(random);
        }
        return afterCut;
    }

    /** Cuts the power now, keeping exactly what is durable: every unsynced write and directory change is lost. */
    synchronized SimulatedDisk cutKeepingOnlyDurable() {
        if (afterCut == null) {
            onlyDurable = true;
            afterCut = computeCut(new Random(0));
        }
        return afterCut;
    }

    private boolean onlyDurable;

    private SimulatedDisk computeCut(Random random) {
        // Directory changes: the durable state plus a random prefix of the rest.
        Map<Directory, Map<String, Object>> survived = new IdentityHashMap<>();
        collectDurable(root, survived);
        int keep = onlyDurable || random.nextInt(4) == 0 ? 0 : random.nextInt(pendingMeta.size() + 1);
        for (MetaOp op : pendingMeta.subList(0, keep)) {
            if (op.from() != null && survived.containsKey(op.from())) {
                survived.get(op.from()).remove(op.fromName());
            }
            if (op.to() != null && survived.containsKey(op.to())) {
                survived.get(op.to()).put(op.toName(), op.node());
                if (op.node() instanceof Directory created) {
                    collectDurable(created, survived);
                }
            }
        }
        SimulatedDisk disk = new SimulatedDisk(trace, "disk-" + (Integer.parseInt(name.substring(5)) + 1));
        Map<Inode, Inode> copies = new IdentityHashMap<>();
        rebuild(root, disk.root, survived, copies, random);
        return disk;
    }

    private static void collectDurable(Directory directory, Map<Directory, Map<String, Object>> into) {
        if (into.containsKey(directory)) {
            return;
        }
        into.put(directory, new LinkedHashMap<>(directory.durable));
        for (Object node : directory.durable.values()) {
            if (node instanceof Directory child) {
                collectDurable(child, into);
            }
        }
    }

    private void rebuild(Directory from, Directory to, Map<Directory, Map<String, Object>> survived,
                                Map<Inode, Inode> copies, Random random) {
        for (Map.Entry<String, Object> entry : survived.get(from).entrySet()) {
            Object node = entry.getValue();
            Object copy;
            if (node instanceof Directory directory) {
                Directory child = new Directory();
                if (!survived.containsKey(directory)) {
                    survived.put(directory, new LinkedHashMap<>(directory.durable));
                }
                rebuild(directory, child, survived, copies, random);
                copy = child;
            } else {
                copy = copies.computeIfAbsent((Inode) node, inode -> survivingContent(inode, onlyDurable ? null : random));
            }
            to.entries.put(entry.getKey(), copy);
            to.durable.put(entry.getKey(), copy);
        }
    }

    /** A file's bytes after the cut: durable ones, plus some unsynced writes (maybe torn). */
    /** @param random null: nothing unsynced survives */
    private static Inode survivingContent(Inode inode, Random random) {
        byte[] bytes = Arrays.copyOf(inode.durable, inode.durableLength);
        int length = inode.durableLength;
        List<Op> ops = inode.unsynced;
        int mode = random == null ? 0 : random.nextInt(10);
        List<Op> applied = new ArrayList<>();
        if (mode < 3 || ops.isEmpty()) {
            // nothing unsynced survives
        } else if (mode < 8) {
            int count = 1 + random.nextInt(ops.size());
            applied.addAll(ops.subList(0, count));
            Op last = applied.removeLast();
            if (last.data() != null && random.nextBoolean()) {
                last = new Op(last.position(), Arrays.copyOf(last.data(), random.nextInt(last.data().length + 1)), -1);
            }
            applied.add(last);
        } else {
            for (Op op : ops) {
                if (random.nextBoolean()) {
                    applied.add(op);
                }
            }
        }
        for (Op op : applied) {
            if (op.data() == null) {
                length = (int) op.truncateTo();
                bytes = grow(bytes, length);
                Arrays.fill(bytes, length, bytes.length, (byte) 0);
            } else {
                int end = (int) op.position() + op.data().length;
                bytes = grow(bytes, end);
                System.arraycopy(op.data(), 0, bytes, (int) op.position(), op.data().length);
                length = Math.max(length, end);
            }
        }
        Inode result = new Inode();
        result.current = Arrays.copyOf(bytes, length);
        result.length = length;
        result.durable = Arrays.copyOf(bytes, length);
        result.durableLength = length;
        return result;
    }

    private static byte[] grow(byte[] bytes, int length) {
        return bytes.length >= length ? bytes : Arrays.copyOf(bytes, Math.max(length, bytes.length * 2));
    }

    // ---- StorageFiles

    private Directory directoryOf(Path path, boolean mustExist) throws IOException {
        Directory directory = root;
        for (Path element : path.toAbsolutePath()) {
            Object node = directory.entries.get(element.toString());
            if (!(node instanceof Directory child)) {
                if (mustExist) {
                    throw new NoSuchFileException(path.toString());
                }
                return null;
            }
            directory = child;
        }
        return directory;
    }

    private Object node(Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        if (absolute.getParent() == null) {
            return root;
        }
        Directory parent = directoryOf(absolute.getParent(), false);
        return parent == null ? null : parent.entries.get(absolute.getFileName().toString());
    }

    private Directory parentOf(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IOException("no parent: " + path);
        }
        return directoryOf(parent, true);
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }

    @Override
    public synchronized FileChannel open(Path file, OpenOption... options) throws IOException {
        tick();
        List<OpenOption> asked = Arrays.asList(options);
        Directory parent = parentOf(file);
        Object node = parent.entries.get(name(file));
        if (node instanceof Directory) {
            throw new IOException(file + " is a directory");
        }
        Inode inode = (Inode) node;
        if (inode == null) {
            if (!asked.contains(StandardOpenOption.CREATE) && !asked.contains(StandardOpenOption.CREATE_NEW)) {
                throw new NoSuchFileException(file.toString());
            }
            inode = new Inode();
            trace("create", file);
            parent.entries.put(name(file), inode);
            pendingMeta.add(new MetaOp(null, null, parent, name(file), inode));
        } else if (asked.contains(StandardOpenOption.CREATE_NEW)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        boolean write = asked.contains(StandardOpenOption.WRITE) || asked.contains(StandardOpenOption.APPEND);
        boolean read = asked.contains(StandardOpenOption.READ) || !write;
        if (write && asked.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            truncate(inode, 0);
        }
        Channel channel = new Channel(inode, read, write);
        channel.path = file;
        return channel;
    }

    @Override
    public synchronized boolean exists(Path path) {
        try {
            return node(path) != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized boolean isDirectory(Path path) {
        try {
            return node(path) instanceof Directory;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void createDirectory(Path directory) throws IOException {
        tick();
        Directory parent = parentOf(directory);
        if (parent.entries.containsKey(name(directory))) {
            throw new FileAlreadyExistsException(directory.toString());
        }
        Directory created = new Directory();
        parent.entries.put(name(directory), created);
        pendingMeta.add(new MetaOp(null, null, parent, name(directory), created));
    }

    @Override
    public synchronized List<Path> list(Path directory) throws IOException {
        Directory found = directoryOf(directory, true);
        List<Path> entries = new ArrayList<>();
        for (String entry : found.entries.keySet()) {
            entries.add(directory.resolve(entry));
        }
        return entries;
    }

    @Override
    public synchronized void delete(Path path) throws IOException {
        tick();
        Directory parent = parentOf(path);
        Object node = parent.entries.get(name(path));
        if (node == null) {
            throw new NoSuchFileException(path.toString());
        }
        if (node instanceof Directory directory && !directory.entries.isEmpty()) {
            throw new DirectoryNotEmptyException(path.toString());
        }
        parent.entries.remove(name(path));
        trace("delete", path);
        pendingMeta.add(new MetaOp(parent, name(path), null, null, null));
    }

    @Override
    public synchronized boolean deleteIfExists(Path path) throws IOException {
        if (!exists(path)) {
            return false;
        }
        delete(path);
        return true;
    }

    @Override
    public synchronized void move(Path source, Path target) throws IOException {
        tick();
        Directory from = parentOf(source);
        Object node = from.entries.get(name(source));
        if (node == null) {
            throw new NoSuchFileException(source.toString());
        }
        Directory to = parentOf(target);
        if (to.entries.get(name(target)) instanceof Directory existing && !existing.entries.isEmpty()) {
            throw new DirectoryNotEmptyException(target.toString());
        }
        from.entries.remove(name(source));
        to.entries.put(name(target), node);
        trace("move to " + target.getFileName() + " from", source);
        pendingMeta.add(new MetaOp(from, name(source), to, name(target), node));
    }

    @Override
    public synchronized long size(Path file) throws IOException {
        if (!(node(file) instanceof Inode inode)) {
            throw new NoSuchFileException(file.toString());
        }
        return inode.length;
    }

    @Override
    public synchronized byte[] readAllBytes(Path file) throws IOException {
        if (!(node(file) instanceof Inode inode)) {
            throw new NoSuchFileException(file.toString());
        }
        return Arrays.copyOf(inode.current, inode.length);
    }

    @Override
    public synchronized Closeable tryLock(Path lockFile) throws IOException {
        open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
        if (!locks.add(lockFile.toAbsolutePath())) {
            throw new OverlappingFileLockException();
        }
        return () -> {
            synchronized (SimulatedDisk.this) {
                locks.remove(lockFile.toAbsolutePath());
            }
        };
    }

    // ---- FileSyncer

    @Override
    public synchronized void force(FileChannel channel) throws IOException {
        tick();
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
        Inode inode = ((Channel) channel).inode;
        trace("force (" + inode.unsynced.size() + " ops, " + inode.length + " bytes)", ((Channel) channel).path);
        for (Op op : inode.unsynced) {
            if (op.data() == null) {
                inode.durableLength = (int) op.truncateTo();
                inode.durable = grow(inode.durable, inode.durableLength);
                Arrays.fill(inode.durable, inode.durableLength, inode.durable.length, (byte) 0);
            } else {
                int end = (int) op.position() + op.data().length;
                inode.durable = grow(inode.durable, end);
                System.arraycopy(op.data(), 0, inode.durable, (int) op.position(), op.data().length);
                inode.durableLength = Math.max(inode.durableLength, end);
            }
        }
        inode.unsynced.clear();
    }

    @Override
    public synchronized void syncDirectory(Path directory) throws IOException {
        tick();
        Directory synced = directoryOf(directory, true);
        trace("syncdir", directory.resolve("."));
        synced.durable.clear();
        synced.durable.putAll(synced.entries);
        for (MetaOp op : pendingMeta) {
            if (op.from() == synced && op.to() != null) {
                op.to().durable.put(op.toName(), op.node()); // a rename is one step: both sides
            } else if (op.to() == synced && op.from() != null) {
                op.from().durable.remove(op.fromName());
            }
        }
        pendingMeta.removeIf(op -> op.from() == synced || op.to() == synced);
    }

    private void truncate(Inode inode, long size) {
        if (size < inode.length) {
            Arrays.fill(inode.current, (int) size, inode.length, (byte) 0);
            inode.length = (int) size;
        } else if (size > inode.length) {
            inode.current = grow(inode.current, (int) size);
            inode.length = (int) size;
        }
        inode.unsynced.add(new Op(0, null, size));
    }

    private final class Channel extends FileChannel {
        final Inode inode;
        Path path;
        private final boolean readable;
        private final boolean writable;
        private long position;

        Channel(Inode inode, boolean readable, boolean writable) {
            this.inode = inode;
            this.readable = readable;
            this.writable = writable;
        }

        private void check(boolean write) throws IOException {
            if (!isOpen()) {
                throw new ClosedChannelException();
            }
            if (write && !writable) {
                throw new NonWritableChannelException();
            }
            if (!write && !readable) {
                throw new NonReadableChannelException();
            }
        }

        @Override
        public int read(ByteBuffer dst, long at) throws IOException {
            synchronized (SimulatedDisk.this) {
                check(false);
                if (at >= inode.length) {
                    return -1;
                }
                int count = (int) Math.min(dst.remaining(), inode.length - at);
                dst.put(inode.current, (int) at, count);
                return count;
            }
        }

        @Override
        public int write(ByteBuffer src, long at) throws IOException {
            synchronized (SimulatedDisk.this) {
                check(true);
                tick();
                byte[] data = new byte[src.remaining()];
                src.get(data);
                if (at == 0) {
                    trace("write at 0 (" + data.length + " bytes)", path);
                }
                int end = (int) at + data.length;
                inode.current = grow(inode.current, end);
                System.arraycopy(data, 0, inode.current, (int) at, data.length);
                inode.length = Math.max(inode.length, end);
                inode.unsynced.add(new Op(at, data, -1));
                return data.length;
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int read = read(dst, position);
            if (read > 0) {
                position += read;
            }
            return read;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int written = write(src, position);
            position += written;
            return written;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public FileChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws IOException {
            synchronized (SimulatedDisk.this) {
                if (!isOpen()) {
                    throw new ClosedChannelException();
                }
                return inode.length;
            }
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            synchronized (SimulatedDisk.this) {
                check(true);
                tick();
                if (size < inode.length) {
                    SimulatedDisk.this.truncate(inode, size);
                }
                return this;
            }
        }

        @Override
        public void force(boolean metaData) throws IOException {
            SimulatedDisk.this.force(this);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferTo(long at, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long at, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long at, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long at, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long at, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() {
        }
    }
}

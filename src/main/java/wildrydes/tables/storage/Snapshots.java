package wildrydes.tables.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Snapshots of every keyspace, so a restart replays only the journal written since. A snapshot
 * is {@code snapshot-<lsn, 20 digits>.snap}, a sequence of {@link Frames}:
 *
 * <pre>
 * 0x10 "WRTABLES" version:u32 lsn:u64            first frame: the state includes every batch up to lsn
 * 0x11 name metadata:bytes                       a keyspace; the entries frames after it are its entries
 * 0x12 count:u32 (key:bytes value:bytes)*        up to about 64 KiB of entries
 * 0x1F keyspaces:u32 entries:u64                 last frame: without it the snapshot is incomplete
 * </pre>
 *
 * It may also hold some batches after {@code lsn}, taken while writes went on: replaying the
 * journal from {@code lsn + 1} sets every such entry again (see {@link Mutation}). It is written
 * to a temporary file, forced, and renamed into place.
 */
final class Snapshots {
    private static final byte HEADER = 0x10, KEYSPACE = 0x11, ENTRIES = 0x12, END = 0x1F;
    private static final byte[] MAGIC = "WRTABLES".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int CHUNK = 64 * 1024;

    private Snapshots() {
    }

    static String fileName(long lsn) {
        return String.format("snapshot-%020d.snap", lsn);
    }

    /** Writes the snapshot to a temporary file and forces it; {@link #publish} renames it into place. */
    static Path write(Path directory, long lsn, Iterable<Keyspace> keyspaces, Syncer syncer) throws IOException {
        Path temporary = directory.resolve(fileName(lsn) + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Writer writer = new Writer(out);
            ByteBuffer header = ByteBuffer.allocate(1 + MAGIC.length + 4 + 8);
            header.put(HEADER).put(MAGIC).putInt(VERSION).putLong(lsn);
            writer.frame(header.array());
            int spaces = 0;
            long entries = 0;
            for (Keyspace space : keyspaces) {
                byte[] name = BatchCodec.utf8(space.name());
                byte[] metadata = space.metadata();
                ByteBuffer frame = ByteBuffer.allocate(1 + 2 + name.length + 4 + metadata.length);
                frame.put(KEYSPACE).putShort((short) name.length).put(name).putInt(metadata.length).put(metadata);
                writer.frame(frame.array());
                spaces++;
                List<Map.Entry<byte[], byte[]>> chunk = new ArrayList<>();
                int chunkBytes = 0;
                for (Map.Entry<byte[], byte[]> e : space.entries().entrySet()) {
                    chunk.add(e);
                    chunkBytes += 8 + e.getKey().length + e.getValue().length;
                    entries++;
                    if (chunkBytes >= CHUNK) {
                        writer.frame(entriesFrame(chunk, chunkBytes));
                        chunk.clear();
                        chunkBytes = 0;
                    }
                }
                if (!chunk.isEmpty()) {
                    writer.frame(entriesFrame(chunk, chunkBytes));
                }
            }
            ByteBuffer end = ByteBuffer.allocate(1 + 4 + 8);
            end.put(END).putInt(spaces).putLong(entries);
            writer.frame(end.array());
            writer.flush();
            syncer.force(out);
        }
        return temporary;
    }

    static void publish(Path temporary, Syncer syncer) throws IOException {
        String name = temporary.getFileName().toString();
        Path target = temporary.resolveSibling(name.substring(0, name.length() - ".tmp".length()));
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncer.syncDirectory(temporary.getParent());
    }

    private static byte[] entriesFrame(List<Map.Entry<byte[], byte[]>> chunk, int bytes) {
        ByteBuffer frame = ByteBuffer.allocate(1 + 4 + bytes);
        frame.put(ENTRIES).putInt(chunk.size());
        for (Map.Entry<byte[], byte[]> e : chunk) {
            frame.putInt(e.getKey().length).put(e.getKey()).putInt(e.getValue().length).put(e.getValue());
        }
        return Arrays.copyOf(frame.array(), frame.position());
    }

    /** Loads a snapshot into {@code state}; returns its LSN. @throws IOException when it is incomplete or corrupt */
    static long load(Path file, KeyspaceSet state) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long position = 0;
            long lsn = -1;
            String current = null;
            boolean ended = false;
            while (!ended) {
                Frames.Read read = Frames.read(in, position, size);
                if (read.body() == null) {
                    throw new IOException(read.isEnd() ? "it ends before its last frame" : "it has " + read.problem());
                }
                position += Frames.HEADER + read.body().length;
                ByteBuffer body = ByteBuffer.wrap(read.body());
                byte type = body.get();
                if (lsn < 0 && type != HEADER) {
                    throw new IOException("it does not start with a snapshot header");
                }
                switch (type) {
                    case HEADER -> {
                        byte[] magic = new byte[MAGIC.length];
                        body.get(magic);
                        int version = body.getInt();
                        if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                            throw new IOException("it is not a version " + VERSION + " table snapshot");
                        }
                        lsn = body.getLong();
                    }
                    case KEYSPACE -> {
                        current = BatchCodec.name(body);
                        state.apply(List.of(new Mutation.PutKeyspace(current, BatchCodec.bytes(body))));
                    }
                    case ENTRIES -> {
                        if (current == null) {
                            throw new IOException("it has entries before any keyspace");
                        }
                        int count = body.getInt();
                        List<Mutation> puts = new ArrayList<>(count);
                        for (int i = 0; i < count; i++) {
                            puts.add(new Mutation.Put(current, BatchCodec.bytes(body), BatchCodec.bytes(body)));
                        }
                        state.apply(puts);
                    }
                    case END -> ended = true;
                    default -> throw new IOException("it has a frame of unknown type " + type);
                }
            }
            return lsn;
        } catch (RuntimeException e) {
            throw new IOException("it cannot be read: " + e, e);
        }
    }

    /** Buffers frames into large writes. */
    private static final class Writer {
        private final FileChannel out;
        private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        private long position;

        Writer(FileChannel out) {
            this.out = out;
        }

        void frame(byte[] body) throws IOException {
            ByteBuffer frame = Frames.frame(body);
            if (frame.remaining() > buffer.remaining()) {
                flush();
            }
            if (frame.remaining() > buffer.capacity()) {
                position += writeAll(frame);
            } else {
                buffer.put(frame);
            }
        }

        void flush() throws IOException {
            buffer.flip();
            position += writeAll(buffer);
            buffer.clear();
        }

        private int writeAll(ByteBuffer data) throws IOException {
            int length = data.remaining();
            Frames.writeFully(out, data, position);
            return length;
        }
    }
}

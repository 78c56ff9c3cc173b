package wildrydes.tables.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch as the journal keeps it:
 *
 * <pre>
 * batch    = lsn:u64 count:u32 mutation*
 * mutation = 1 name metadata:bytes      (PutKeyspace)
 *          | 2 name                     (DropKeyspace)
 *          | 3 name key:bytes value:bytes (Put)
 *          | 4 name key:bytes           (Delete)
 * name     = length:u16 utf8            bytes = length:u32 bytes      (big-endian)
 * </pre>
 */
final class BatchCodec {
    private static final byte PUT_KEYSPACE = 1, DROP_KEYSPACE = 2, PUT = 3, DELETE = 4;

    private BatchCodec() {
    }

    record Decoded(long lsn, List<Mutation> mutations) {
    }

    static byte[] encode(long lsn, List<Mutation> batch) {
        int size = 12;
        for (Mutation m : batch) {
            size += 1 + 2 + 4 * 2 + switch (m) {
                case Mutation.PutKeyspace p -> utf8(p.keyspace()).length + p.metadata().length;
                case Mutation.DropKeyspace d -> utf8(d.keyspace()).length;
                case Mutation.Put p -> utf8(p.keyspace()).length + p.key().length + p.value().length;
                case Mutation.Delete d -> utf8(d.keyspace()).length + d.key().length;
            };
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putLong(lsn).putInt(batch.size());
        for (Mutation m : batch) {
            switch (m) {
                case Mutation.PutKeyspace p -> {
                    out.put(PUT_KEYSPACE);
                    name(out, p.keyspace());
                    bytes(out, p.metadata());
                }
                case Mutation.DropKeyspace d -> {
                    out.put(DROP_KEYSPACE);
                    name(out, d.keyspace());
                }
                case Mutation.Put p -> {
                    out.put(PUT);
                    name(out, p.keyspace());
                    bytes(out, p.key());
                    bytes(out, p.value());
                }
                case Mutation.Delete d -> {
                    out.put(DELETE);
                    name(out, d.keyspace());
                    bytes(out, d.key());
                }
            }
        }
        byte[] encoded = new byte[out.position()];
        System.arraycopy(out.array(), 0, encoded, 0, encoded.length);
        return encoded;
    }

    /** @throws IllegalArgumentException when the bytes are not a batch (checked by CRC before, so a bug or a foreign file) */
    static Decoded decode(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            long lsn = in.getLong();
            int count = in.getInt();
            if (count < 0 || count > body.length) {
                throw new IllegalArgumentException("Implausible mutation count " + count);
            }
            List<Mutation> mutations = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte type = in.get();
                String name = name(in);
                mutations.add(switch (type) {
                    case PUT_KEYSPACE -> new Mutation.PutKeyspace(name, bytes(in));
                    case DROP_KEYSPACE -> new Mutation.DropKeyspace(name);
                    case PUT -> new Mutation.Put(name, bytes(in), bytes(in));
                    case DELETE -> new Mutation.Delete(name, bytes(in));
                    default -> throw new IllegalArgumentException("Unknown mutation type " + type);
                });
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last mutation");
            }
            return new Decoded(lsn, mutations);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("Batch ends early", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void name(ByteBuffer out, String name) {
        byte[] bytes = utf8(name);
        out.putShort((short) bytes.length).put(bytes);
    }

    static void bytes(ByteBuffer out, byte[] bytes) {
        out.putInt(bytes.length).put(bytes);
    }

    static String name(ByteBuffer in) {
        byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("Length " + length + " runs past the end");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}

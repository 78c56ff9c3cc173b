package wildrydes.protocol.eventstream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Encodes and decodes single event-stream frames:
 * <pre>
 * total length (u32 BE) | headers length (u32 BE) | CRC32 of the 8 bytes before (u32 BE)
 * headers | payload | CRC32 of everything before it (u32 BE)
 * </pre>
 * A header is name length (u8), name (UTF-8), type (u8), then the value: nothing for
 * true (0) and false (1); 1, 2, 4 or 8 big-endian bytes for byte (2), short (3), int (4),
 * long (5) and timestamp (8, epoch millis); u16 length and bytes for byte array (6) and
 * string (7, UTF-8); 16 bytes for a UUID (9).
 */
public final class EventStreamCodec {
    /** The largest frame the AWS SDKs accept (16 MiB), so never more is sent or read. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    public static final int MAX_HEADERS_BYTES = 128 * 1024;
    static final int PRELUDE_BYTES = 12;
    static final int OVERHEAD_BYTES = PRELUDE_BYTES + 4;

    private static final byte TRUE = 0;
    private static final byte FALSE = 1;
    private static final byte BYTE = 2;
    private static final byte SHORT = 3;
    private static final byte INT = 4;
    private static final byte LONG = 5;
    private static final byte BYTES = 6;
    private static final byte STRING = 7;
    private static final byte TIMESTAMP = 8;
    private static final byte UUID_TYPE = 9;

    private EventStreamCodec() {
    }

    public static byte[] encode(EventStreamMessage message) {
        byte[] headers = encodeHeaders(message.headers());
        long total = (long) OVERHEAD_BYTES + headers.length + message.payload().length;
        if (total > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("event-stream message of " + total + " bytes is over " + MAX_MESSAGE_BYTES);
        }
        ByteBuffer frame = ByteBuffer.allocate((int) total);
        frame.putInt((int) total).putInt(headers.length);
        frame.putInt((int) crc(frame.array(), 0, 8));
        frame.put(headers).put(message.payload());
        frame.putInt((int) crc(frame.array(), 0, frame.position()));
        return frame.array();
    }

    /** Decodes exactly one frame, checking both CRCs. */
    public static EventStreamMessage decode(byte[] frame) {
        if (frame.length < OVERHEAD_BYTES) {
            throw new EventStreamException("frame of " + frame.length + " bytes is shorter than the " + OVERHEAD_BYTES
                    + " bytes of prelude and CRC");
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        int total = checkPrelude(frame, 0);
        if (total != frame.length) {
            throw new EventStreamException("prelude says " + total + " bytes, the frame has " + frame.length);
        }
        int headersLength = in.getInt(4);
        long expected = Integer.toUnsignedLong(in.getInt(total - 4));
        if (crc(frame, 0, total - 4) != expected) {
            throw new EventStreamException("message CRC mismatch");
        }
        Map<String, Object> headers = decodeHeaders(in.slice(PRELUDE_BYTES, headersLength));
        byte[] payload = new byte[total - OVERHEAD_BYTES - headersLength];
        in.get(PRELUDE_BYTES + headersLength, payload);
        return new EventStreamMessage(headers, payload);
    }

    /**
     * Checks the 12-byte prelude at {@code offset} and returns the frame's total length. The
     * lengths are trusted only once the prelude CRC matches.
     */
    static int checkPrelude(byte[] bytes, int offset) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, PRELUDE_BYTES);
        long total = Integer.toUnsignedLong(in.getInt(offset));
        long headersLength = Integer.toUnsignedLong(in.getInt(offset + 4));
        long expected = Integer.toUnsignedLong(in.getInt(offset + 8));
        if (crc(bytes, offset, 8) != expected) {
            throw new EventStreamException("prelude CRC mismatch");
        }
        if (total > MAX_MESSAGE_BYTES || headersLength > MAX_HEADERS_BYTES || total < OVERHEAD_BYTES + headersLength) {
            throw new EventStreamException("invalid lengths in prelude: total " + total + ", headers " + headersLength);
        }
        return (int) total;
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static byte[] encodeHeaders(Map<String, Object> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            byte[] name = header.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length == 0 || name.length > 255) {
                throw new IllegalArgumentException("header name must be 1 to 255 bytes: " + header.getKey());
            }
            out.write(name.length);
            out.writeBytes(name);
            writeValue(out, header.getKey(), header.getValue());
        }
        return out.toByteArray();
    }

    private static void writeValue(ByteArrayOutputStream out, String name, Object value) {
        switch (value) {
            case Boolean b -> out.write(b ? TRUE : FALSE);
            case Byte b -> {
                out.write(BYTE);
                out.write(b);
            }
            case Short s -> {
                out.write(SHORT);
                out.writeBytes(ByteBuffer.allocate(2).putShort(s).array());
            }
            case Integer i -> {
                out.write(INT);
                out.writeBytes(ByteBuffer.allocate(4).putInt(i).array());
            }
            case Long l -> {
                out.write(LONG);
                out.writeBytes(ByteBuffer.allocate(8).putLong(l).array());
            }
            case byte[] bytes -> {
                out.write(BYTES);
                writeShortLength(out, name, bytes);
            }
            case String s -> {
                out.write(STRING);
                writeShortLength(out, name, s.getBytes(StandardCharsets.UTF_8));
            }
            case Instant t -> {
                out.write(TIMESTAMP);
                out.writeBytes(ByteBuffer.allocate(8).putLong(t.toEpochMilli()).array());
            }
            case UUID u -> {
                out.write(UUID_TYPE);
                out.writeBytes(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                        .array());
            }
            default -> throw new IllegalArgumentException("header " + name + " has a value of unsupported type "
                    + value.getClass().getName());
        }
    }

    private static void writeShortLength(ByteArrayOutputStream out, String name, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("header " + name + " is longer than 65535 bytes");
        }
        out.write(value.length >>> 8);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
    }

    private static Map<String, Object> decodeHeaders(ByteBuffer in) {
        Map<String, Object> headers = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            int nameLength = in.get() & 0xFF;
            String name = new String(take(in, nameLength), StandardCharsets.UTF_8);
            byte type = take(in, 1)[0];
            Object value = switch (type) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case BYTE -> take(in, 1)[0];
                case SHORT -> ByteBuffer.wrap(take(in, 2)).getShort();
                case INT -> ByteBuffer.wrap(take(in, 4)).getInt();
                case LONG -> ByteBuffer.wrap(take(in, 8)).getLong();
                case BYTES -> take(in, ByteBuffer.wrap(take(in, 2)).getShort() & 0xFFFF);
                case STRING -> new String(take(in, ByteBuffer.wrap(take(in, 2)).getShort() & 0xFFFF), StandardCharsets.UTF_8);
                case TIMESTAMP -> Instant.ofEpochMilli(ByteBuffer.wrap(take(in, 8)).getLong());
                case UUID_TYPE -> {
                    ByteBuffer uuid = ByteBuffer.wrap(take(in, 16));
                    yield new UUID(uuid.getLong(), uuid.getLong());
                }
                default -> throw new EventStreamException("header " + name + " has unknown type " + type);
            };
            headers.put(name, value);
        }
        return headers;
    }

    private static byte[] take(ByteBuffer in, int length) {
        if (in.remaining() < length) {
            throw new EventStreamException("headers end in the middle of a header");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}

package wildrydes.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes CBOR by hand, byte for byte, so tests control exactly what goes on the wire:
 * definite and indefinite lengths, chunked strings, tags and simple values.
 */
public final class CborBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static CborBytes cbor() {
        return new CborBytes();
    }

    /** Major type and argument, in the shortest form. */
    private CborBytes head(int major, long argument) {
        int m = major << 5;
        if (argument < 24) {
            out.write(m | (int) argument);
        } else if (argument < 0x100) {
            out.write(m | 24);
            out.write((int) argument);
        } else if (argument < 0x10000) {
            out.write(m | 25);
            writeBigEndian(argument, 2);
        } else if (argument < 0x100000000L) {
            out.write(m | 26);
            writeBigEndian(argument, 4);
        } else {
            out.write(m | 27);
            writeBigEndian(argument, 8);
        }
        return this;
    }

    private void writeBigEndian(long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }

    public CborBytes uint(long value) {
        return head(0, value);
    }

    /** An integer of either sign. */
    public CborBytes integer(long value) {
        return value >= 0 ? head(0, value) : head(1, -1 - value);
    }

    /** An unsigned integer always written with the 8-byte argument (0x1B). */
    public CborBytes uint64(long value) {
        out.write(0x1B);
        writeBigEndian(value, 8);
        return this;
    }

    public CborBytes bytes(byte[] value) {
        head(2, value.length);
        out.writeBytes(value);
        return this;
    }

    public CborBytes text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        head(3, utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    public CborBytes array(int size) {
        return head(4, size);
    }

    public CborBytes map(int size) {
        return head(5, size);
    }

    public CborBytes tag(long tag) {
        return head(6, tag);
    }

    /** Start of an indefinite-length byte string (0x5F); chunks follow, then {@link #end()}. */
    public CborBytes bytesStart() {
        out.write(0x5F);
        return this;
    }

    /** Start of an indefinite-length text string (0x7F); chunks follow, then {@link #end()}. */
    public CborBytes textStart() {
        out.write(0x7F);
        return this;
    }

    /** Start of an indefinite-length array (0x9F). */
    public CborBytes arrayStart() {
        out.write(0x9F);
        return this;
    }

    /** Start of an indefinite-length map (0xBF). */
    public CborBytes mapStart() {
        out.write(0xBF);
        return this;
    }

    /** The "break" that ends an indefinite-length item (0xFF). */
    public CborBytes end() {
        out.write(0xFF);
        return this;
    }

    public CborBytes bool(boolean value) {
        out.write(value ? 0xF5 : 0xF4);
        return this;
    }

    public CborBytes nul() {
        out.write(0xF6);
        return this;
    }

    public CborBytes undefined() {
        out.write(0xF7);
        return this;
    }

    /** A half-precision float (0xF9) with the given raw 16 bits. */
    public CborBytes half(int bits) {
        out.write(0xF9);
        writeBigEndian(bits, 2);
        return this;
    }

    public CborBytes float32(float value) {
        out.write(0xFA);
        writeBigEndian(Float.floatToIntBits(value) & 0xFFFFFFFFL, 4);
        return this;
    }

    public CborBytes float64(double value) {
        out.write(0xFB);
        writeBigEndian(Double.doubleToLongBits(value), 8);
        return this;
    }

    /** Raw bytes, as given. */
    public CborBytes raw(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    public CborBytes raw(byte[] values) {
        out.writeBytes(values);
        return this;
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }
}

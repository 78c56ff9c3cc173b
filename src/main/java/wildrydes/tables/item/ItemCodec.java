package wildrydes.tables.item;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of an item, as the table storage keeps it: compact and quick to read back.
 *
 * <pre>
 * item   = count:varint (name:string value)*
 * string = length:varint utf8-bytes
 * value  = tag:byte payload
 *   1 S    string            2 N   scale:zigzag-varint unscaled:(length:varint two's-complement bytes)
 *   3 B    length:varint bytes     4 BOOL false   5 BOOL true   6 NULL
 *   7 SS   count:varint string*    8 NS count:varint number*    9 BS count:varint (length bytes)*
 *  10 L    count:varint value*    11 M  count:varint (name:string value)*
 * </pre>
 */
public final class ItemCodec {
    private static final int S = 1, N = 2, B = 3, FALSE = 4, TRUE = 5, NULL = 6, SS = 7, NS = 8, BS = 9, L = 10, M = 11;

    private ItemCodec() {
    }

    public static byte[] encode(Map<String, AttributeValue> item) {
        Out out = new Out(64 + item.size() * 16);
        out.varint(item.size());
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            out.string(e.getKey());
            writeValue(out, e.getValue());
        }
        return out.toByteArray();
    }

    public static Map<String, AttributeValue> decode(byte[] bytes) {
        In in = new In(bytes);
        int count = in.varint();
        Map<String, AttributeValue> item = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            item.put(in.string(), readValue(in));
        }
        return item;
    }

    private static void writeValue(Out out, AttributeValue value) {
        switch (value) {
            case AttributeValue.S s -> {
                out.write(S);
                out.string(s.value());
            }
            case AttributeValue.N n -> {
                out.write(N);
                writeNumber(out, n.value());
            }
            case AttributeValue.B b -> {
                out.write(B);
                out.bytes(b.value().array());
            }
            case AttributeValue.Bool b -> out.write(b.value() ? TRUE : FALSE);
            case AttributeValue.Null ignored -> out.write(NULL);
            case AttributeValue.SS ss -> {
                out.write(SS);
                out.varint(ss.values().size());
                ss.values().forEach(out::string);
            }
            case AttributeValue.NS ns -> {
                out.write(NS);
                out.varint(ns.values().size());
                ns.values().forEach(n -> writeNumber(out, n));
            }
            case AttributeValue.BS bs -> {
                out.write(BS);
                out.varint(bs.values().size());
                bs.values().forEach(b -> out.bytes(b.array()));
            }
            case AttributeValue.L l -> {
                out.write(L);
                out.varint(l.values().size());
                l.values().forEach(v -> writeValue(out, v));
            }
            case AttributeValue.M m -> {
                out.write(M);
                out.varint(m.values().size());
                for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
                    out.string(e.getKey());
                    writeValue(out, e.getValue());
                }
            }
        }
    }

    private static AttributeValue readValue(In in) {
        int tag = in.read();
        return switch (tag) {
            case S -> new AttributeValue.S(in.string());
            case N -> new AttributeValue.N(readNumber(in));
            case B -> new AttributeValue.B(Bytes.wrap(in.bytes()));
            case FALSE -> AttributeValue.Bool.FALSE;
            case TRUE -> AttributeValue.Bool.TRUE;
            case NULL -> AttributeValue.Null.INSTANCE;
            case SS -> {
                int count = in.varint();
                List<String> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    values.add(in.string());
                }
                yield new AttributeValue.SS(values);
            }
            case NS -> {
                int count = in.varint();
                List<BigDecimal> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    values.add(readNumber(in));
                }
                yield new AttributeValue.NS(values);
            }
            case BS -> {
                int count = in.varint();
                List<Bytes> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    values.add(Bytes.wrap(in.bytes()));
                }
                yield new AttributeValue.BS(values);
            }
            case L -> {
                int count = in.varint();
                List<AttributeValue> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    values.add(readValue(in));
                }
                yield new AttributeValue.L(values);
            }
            case M -> {
                int count = in.varint();
                Map<String, AttributeValue> values = new LinkedHashMap<>(count * 2);
                for (int i = 0; i < count; i++) {
                    values.put(in.string(), readValue(in));
                }
                yield new AttributeValue.M(values);
            }
            default -> throw new IllegalArgumentException("Unknown value tag " + tag + " at byte " + (in.position - 1));
        };
    }

    private static void writeNumber(Out out, BigDecimal n) {
        int scale = n.scale();
        out.varint((scale << 1) ^ (scale >> 31));
        out.bytes(n.unscaledValue().toByteArray());
    }

    private static BigDecimal readNumber(In in) {
        int zigzag = in.varint();
        int scale = (zigzag >>> 1) ^ -(zigzag & 1);
        return new BigDecimal(new BigInteger(in.bytes()), scale);
    }

    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        void varint(int value) {
            while ((value & ~0x7F) != 0) {
                write((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            write(value);
        }

        void bytes(byte[] bytes) {
            varint(bytes.length);
            write(bytes, 0, bytes.length);
        }

        void string(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final class In {
        private final byte[] bytes;
        private int position;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        int read() {
            return bytes[position++] & 0xFF;
        }

        int varint() {
            int value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = read();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("Malformed varint at byte " + position);
        }

        byte[] bytes() {
            int length = varint();
            if (length < 0 || length > bytes.length - position) {
                throw new IllegalArgumentException("Length " + length + " runs past the end at byte " + position);
            }
            byte[] out = new byte[length];
            System.arraycopy(bytes, position, out, 0, length);
            position += length;
            return out;
        }

        String string() {
            int length = varint();
            if (length < 0 || length > bytes.length - position) {
                throw new IllegalArgumentException("Length " + length + " runs past the end at byte " + position);
            }
            String s = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }
    }
}

package wildrydes.lab.kpl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Just enough of the protobuf wire format to read the KPL's two messages, rejecting what
 * protobuf-java's parser rejects (truncated input, over-long varints, invalid or zero tags,
 * unbalanced groups, negative lengths), so that what the KCL treats as unparsable is
 * unparsable here too. Unknown fields are skipped, as protobuf-java skips them.
 */
final class ProtobufReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;
    /** protobuf-java's default recursion limit, here only reached by nested unknown groups. */
    private static final int MAX_DEPTH = 100;

    /** The input is not a valid protobuf message. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    private final byte[] buffer;
    private int position;
    private final int limit;

    ProtobufReader(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    boolean atEnd() {
        return position >= limit;
    }

    /** The next tag (field number and wire type), as protobuf-java reads it: a varint of which the low 32 bits count. */
    int readTag() throws MalformedException {
        int tag = (int) readVarint();
        if (tag >>> 3 == 0) {
            throw new MalformedException("invalid tag (field number zero)");
        }
        return tag;
    }

    long readVarint() throws MalformedException {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (position >= limit) {
                throw new MalformedException("truncated varint");
            }
            byte b = buffer[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedException("varint longer than 10 bytes");
    }

    /** A length-delimited field's bytes, as a reader over them. */
    ProtobufReader readEmbedded() throws MalformedException {
        int length = readLength();
        ProtobufReader embedded = new ProtobufReader(buffer, position, length);
        position += length;
        return embedded;
    }

    byte[] readBytes() throws MalformedException {
        int length = readLength();
        byte[] bytes = Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return bytes;
    }

    /** A string field; like protobuf-java for proto2 strings, malformed UTF-8 becomes replacement characters. */
    String readString() throws MalformedException {
        int length = readLength();
        String text = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    private int readLength() throws MalformedException {
        int length = (int) readVarint(); // protobuf-java reads lengths as 32-bit varints
        if (length < 0) {
            throw new MalformedException("negative length");
        }
        if (length > limit - position) {
            throw new MalformedException("length-delimited field runs past the end");
        }
        return length;
    }

    /** Skips the value of a field this reader does not know. */
    void skipField(int tag) throws MalformedException {
        skipField(tag, 0);
    }

    private void skipField(int tag, int depth) throws MalformedException {
        switch (tag & 7) {
            case VARINT -> readVarint();
            case FIXED64 -> skipRaw(8);
            case LENGTH_DELIMITED -> skipRaw(readLength());
            case FIXED32 -> skipRaw(4);
            case START_GROUP -> skipGroup(tag, depth + 1);
            case END_GROUP -> throw new MalformedException("end-group tag without a group");
            default -> throw new MalformedException("invalid wire type " + (tag & 7));
        }
    }

    private void skipGroup(int startTag, int depth) throws MalformedException {
        if (depth > MAX_DEPTH) {
            throw new MalformedException("groups nested too deeply");
        }
        int endTag = (startTag & ~7) | END_GROUP;
        while (true) {
            if (atEnd()) {
                throw new MalformedException("truncated group");
            }
            int tag = readTag();
            if (tag == endTag) {
                return;
            }
            skipField(tag, depth);
        }
    }

    private void skipRaw(int length) throws MalformedException {
        if (length > limit - position) {
            throw new MalformedException("truncated field");
        }
        position += length;
    }
}

package wildrydes.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Writes a response straight to the output in the request's format. Blobs are base64 strings
 * in JSON and byte strings in CBOR; timestamps are epoch seconds with a fraction in JSON and
 * CBOR tag 1 with integer epoch milliseconds in CBOR (what the AWS SDK for Java expects).
 * Null values are left out, as AWS leaves them out.
 */
public final class ResponseWriter implements AutoCloseable {
    private final WireFormat format;
    private final JsonGenerator generator;

    public ResponseWriter(WireFormat format, OutputStream out) {
        this.format = format;
        try {
            this.generator = format.factory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WireFormat format() {
        return format;
    }

    public ResponseWriter startObject() {
        return run(generator::writeStartObject);
    }

    public ResponseWriter startObject(String name) {
        return run(() -> {
            generator.writeFieldName(name);
            generator.writeStartObject();
        });
    }

    public ResponseWriter endObject() {
        return run(generator::writeEndObject);
    }

    public ResponseWriter startArray(String name) {
        return run(() -> {
            generator.writeFieldName(name);
            generator.writeStartArray();
        });
    }

    public ResponseWriter endArray() {
        return run(generator::writeEndArray);
    }

    public ResponseWriter string(String name, String value) {
        if (value == null) {
            return this;
        }
        return run(() -> generator.writeStringField(name, value));
    }

    /** A string known to be ASCII without characters to escape, written from its bytes (no String, no escaping pass). */
    public ResponseWriter asciiString(String name, byte[] ascii, int offset, int length) {
        return run(() -> {
            generator.writeFieldName(name);
            generator.writeRawUTF8String(ascii, offset, length);
        });
    }

    /** An array element. */
    public ResponseWriter stringValue(String value) {
        return run(() -> generator.writeString(value));
    }

    public ResponseWriter number(String name, long value) {
        return run(() -> generator.writeNumberField(name, value));
    }

    public ResponseWriter bool(String name, boolean value) {
        return run(() -> generator.writeBooleanField(name, value));
    }

    public ResponseWriter blob(String name, byte[] value) {
        return run(() -> {
            generator.writeFieldName(name);
            generator.writeBinary(value);
        });
    }

    public ResponseWriter timestamp(String name, long epochMillis) {
        return run(() -> {
            generator.writeFieldName(name);
            if (generator instanceof CBORGenerator cbor) {
                cbor.writeTag(1);
                cbor.writeNumber(epochMillis);
            } else if (epochMillis >= 0) {
                generator.writeNumber(epochSecondsText(epochMillis));
            } else {
                generator.writeNumber(BigDecimal.valueOf(epochMillis, 3));
            }
        });
    }

    /** Epoch seconds with three decimals, as BigDecimal.valueOf(millis, 3) prints them, without making one per record. */
    static String epochSecondsText(long epochMillis) {
        long millis = epochMillis % 1000;
        String seconds = Long.toString(epochMillis / 1000);
        char[] text = new char[seconds.length() + 4];
        seconds.getChars(0, seconds.length(), text, 0);
        int at = seconds.length();
        text[at] = '.';
        text[at + 1] = (char) ('0' + millis / 100);
        text[at + 2] = (char) ('0' + millis / 10 % 10);
        text[at + 3] = (char) ('0' + millis % 10);
        return new String(text);
    }

    public ResponseWriter nullField(String name) {
        return run(() -> generator.writeNullField(name));
    }

    @Override
    public void close() {
        run(generator::close);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private ResponseWriter run(IoAction action) {
        try {
            action.run();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

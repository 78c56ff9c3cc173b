package wildrydes.protocol;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A structure with one member of every kind, and helpers to decode into it. */
final class TestShapes {
    static final Shape ENTRY = Shape.structure(
            required("Name", Shape.string()),
            optional("Count", Shape.integer()));

    static final Shape ALL = Shape.structure(
            optional("S", Shape.string()),
            optional("I", Shape.integer()),
            optional("L", Shape.longNumber()),
            optional("B", Shape.bool()),
            optional("Data", Shape.blob()),
            optional("T", Shape.timestamp()),
            optional("List", Shape.list(Shape.string())),
            optional("Map", Shape.map(Shape.string(), Shape.string())),
            optional("Inner", ENTRY),
            optional("Entries", Shape.list(ENTRY)));

    private TestShapes() {
    }

    static Struct json(String body) {
        return json(body, ALL);
    }

    static Struct json(String body, Shape shape) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RequestDecoder.decode(WireFormat.JSON, bytes, 0, bytes.length, shape);
    }

    static Struct cbor(byte[] body) {
        return cbor(body, ALL);
    }

    static Struct cbor(byte[] body, Shape shape) {
        return RequestDecoder.decode(WireFormat.CBOR, body, 0, body.length, shape);
    }

    /** Runs the call, asserts it failed with a SerializationException and returns its message. */
    static String serializationMessage(ThrowingCallable call) {
        KinesisException e = catchThrowableOfType(KinesisException.class, call);
        assertThat(e).as("a SerializationException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.SerializationException);
        assertThat(e.getMessage()).isNotBlank();
        return e.getMessage();
    }

    /** Runs the call, asserts it failed with a ValidationException and returns its message. */
    static String validationMessage(ThrowingCallable call) {
        KinesisException e = catchThrowableOfType(KinesisException.class, call);
        assertThat(e).as("a ValidationException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.ValidationException);
        return e.getMessage();
    }
}

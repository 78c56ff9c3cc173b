package wildrydes.protocol.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class EventStreamCodecTest {

    @Test
    void everyHeaderTypeAndThePayloadSurviveARoundTrip() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(":message-type", "event");
        headers.put("yes", true);
        headers.put("no", false);
        headers.put("byte", (byte) -7);
        headers.put("short", (short) 31000);
        headers.put("int", 123456789);
        headers.put("long", Long.MIN_VALUE + 5);
        headers.put("bytes", new byte[] {1, 2, 3});
        headers.put("time", Instant.ofEpochMilli(1_700_000_000_123L));
        headers.put("uuid", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
        byte[] payload = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);

        EventStreamMessage decoded = EventStreamCodec.decode(EventStreamCodec.encode(new EventStreamMessage(headers, payload)));

        assertThat(decoded.payload()).isEqualTo(payload);
        assertThat(decoded.headers().keySet()).containsExactlyElementsOf(headers.keySet());
        headers.forEach((name, value) -> assertThat(decoded.headers().get(name)).as(name).isEqualTo(value));
    }

    @Test
    void theFrameLayoutIsTotalLengthHeadersLengthAndTwoCrcs() {
        byte[] frame = EventStreamCodec.encode(EventStreamMessage.event("initial-response", "application/x-amz-json-1.1",
                "{}".getBytes(StandardCharsets.UTF_8)));

        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(frame);
        assertThat(in.getInt(0)).isEqualTo(frame.length);
        int headersLength = in.getInt(4);
        assertThat(Integer.toUnsignedLong(in.getInt(8))).isEqualTo(crc(frame, 0, 8));
        assertThat(Integer.toUnsignedLong(in.getInt(frame.length - 4))).isEqualTo(crc(frame, 0, frame.length - 4));
        assertThat(new String(frame, 12 + headersLength, 2, StandardCharsets.UTF_8)).isEqualTo("{}");
        // first header: name length, ":message-type", type 7 (string), u16 length, "event"
        assertThat(frame[12]).isEqualTo((byte) ":message-type".length());
        assertThat(frame[12 + 1 + 13]).isEqualTo((byte) 7);
    }

    @Test
    void aCorruptedPreludeCrcIsRejected() {
        byte[] frame = sampleFrame();
        frame[9] ^= 0x01;

        assertThatThrownBy(() -> EventStreamCodec.decode(frame)).isInstanceOf(EventStreamException.class)
                .hasMessageContaining("prelude CRC");
        assertThatThrownBy(() -> new EventStreamDecoder().feed(frame)).isInstanceOf(EventStreamException.class);
    }

    @Test
    void aCorruptedLengthIsCaughtByThePreludeCrcBeforeItIsTrusted() {
        byte[] frame = sampleFrame();
        frame[1] = 0x7F; // claims a huge message

        assertThatThrownBy(() -> new EventStreamDecoder().feed(frame)).isInstanceOf(EventStreamException.class)
                .hasMessageContaining("prelude CRC");
    }

    @Test
    void aCorruptedPayloadIsRejectedByTheMessageCrc() {
        byte[] frame = sampleFrame();
        frame[frame.length - 6] ^= 0x20;

        assertThatThrownBy(() -> EventStreamCodec.decode(frame)).isInstanceOf(EventStreamException.class)
                .hasMessageContaining("message CRC");
    }

    @Test
    void aCorruptedMessageCrcIsRejected() {
        byte[] frame = sampleFrame();
        frame[frame.length - 1] ^= 0x01;

        assertThatThrownBy(() -> new EventStreamDecoder().feed(frame)).isInstanceOf(EventStreamException.class)
                .hasMessageContaining("message CRC");
    }

    @Test
    void theDecoderReassemblesMessagesFedInPiecesOfAnySize() {
        List<byte[]> frames = new ArrayList<>();
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            byte[] frame = EventStreamCodec.encode(EventStreamMessage.event("SubscribeToShardEvent",
                    "application/x-amz-json-1.1", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            frames.add(frame);
            stream.writeBytes(frame);
        }
        byte[] all = stream.toByteArray();
        for (int piece : new int[] {1, 3, 7, 64, all.length}) {
            EventStreamDecoder decoder = new EventStreamDecoder();
            List<EventStreamMessage> messages = new ArrayList<>();
            for (int at = 0; at < all.length; at += piece) {
                messages.addAll(decoder.feed(all, at, Math.min(piece, all.length - at)));
            }
            assertThat(messages).as("pieces of %d bytes", piece).hasSize(5);
            assertThat(decoder.pendingBytes()).isZero();
            for (int i = 0; i < 5; i++) {
                assertThat(new String(messages.get(i).payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + i + "}");
                assertThat(messages.get(i).stringHeader(":event-type")).isEqualTo("SubscribeToShardEvent");
            }
        }
    }

    @Test
    void anExceptionMessageCarriesItsTypeInHeaders() {
        EventStreamMessage decoded = EventStreamCodec.decode(EventStreamCodec.encode(EventStreamMessage.exception(
                "ResourceInUseException", "application/x-amz-cbor-1.1", new byte[] {(byte) 0xA0})));

        assertThat(decoded.stringHeader(":message-type")).isEqualTo("exception");
        assertThat(decoded.stringHeader(":exception-type")).isEqualTo("ResourceInUseException");
        assertThat(decoded.stringHeader(":content-type")).isEqualTo("application/x-amz-cbor-1.1");
    }

    private static byte[] sampleFrame() {
        return EventStreamCodec.encode(EventStreamMessage.event("SubscribeToShardEvent", "application/x-amz-json-1.1",
                "{\"Records\":[],\"MillisBehindLatest\":0}".getBytes(StandardCharsets.UTF_8)));
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}

package wildrydes.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a ListStreams, in JSON and in CBOR, through the real HTTP/1.1 pipeline of an in-memory
 * channel while the server is still binding its port: the classes and static state a first
 * request needs (Netty's HTTP codec, the JSON and CBOR factories, decoding, actions, response
 * writing) are loaded and initialised on the second core instead of on the first client's time.
 * ListStreams changes nothing, and nothing here touches the network.
 */
final class WarmUp {
    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private WarmUp() {
    }

    static void run(HttpPipelines pipelines) {
        try {
            send(pipelines, "application/x-amz-json-1.1", "{}".getBytes(StandardCharsets.US_ASCII));
            send(pipelines, "application/x-amz-cbor-1.1", new byte[] {(byte) 0xA0}); // an empty CBOR map
        } catch (RuntimeException | LinkageError e) {
            log.debug("Warm-up request failed (harmless: the first client request pays instead)", e);
        }
    }

    /** The response's status line (for tests: a warm-up that fails early warms little). */
    static String send(HttpPipelines pipelines, String contentType, byte[] body) {
        EmbeddedChannel channel = new EmbeddedChannel(pipelines.uncounted());
        try {
            String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\nX-Amz-Date: 20260101T000000Z\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=warm-up/20260101/us-east-1/kinesis/aws4_request, "
                    + "SignedHeaders=host;x-amz-date, Signature=0\r\nContent-Length: " + body.length + "\r\n\r\n";
            ByteBuf request = Unpooled.buffer();
            request.writeCharSequence(head, StandardCharsets.US_ASCII);
            request.writeBytes(body);
            channel.writeInbound(request);
            channel.runPendingTasks();
            String status = null;
            Object out;
            while ((out = channel.readOutbound()) != null) {
                if (status == null && out instanceof ByteBuf bytes) {
                    String text = bytes.toString(StandardCharsets.US_ASCII);
                    status = text.substring(0, Math.max(0, text.indexOf('\r')));
                }
                ReferenceCountUtil.release(out);
            }
            return status;
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}

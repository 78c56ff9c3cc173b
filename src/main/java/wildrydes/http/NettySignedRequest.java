package wildrydes.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import wildrydes.auth.SignedRequest;
import wildrydes.auth.SigningMath;

/** A complete Netty request as signature verification reads it; the body is hashed once, when asked. */
final class NettySignedRequest implements SignedRequest {
    private static final String AUTHORITY = ":authority";

    private final FullHttpRequest request;
    private final Channel channel;
    private String payloadSha256;

    NettySignedRequest(FullHttpRequest request, Channel channel) {
        this.request = request;
        this.channel = channel;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String uri() {
        return request.uri();
    }

    /**
     * Every value of a header. A client speaking HTTP/2 may sign the {@code :authority} pseudo-header
     * instead of {@code host} (the JavaScript SDK does); Netty hands it on as the Host header.
     */
    @Override
    public List<String> headers(String name) {
        return request.headers().getAll(AUTHORITY.equals(name) ? HttpHeaderNames.HOST.toString() : name);
    }

    @Override
    public String payloadSha256() {
        if (payloadSha256 == null) {
            payloadSha256 = SigningMath.sha256Hex(request.content().nioBuffer());
        }
        return payloadSha256;
    }

    /** TLS sits on the connection: for an HTTP/2 stream, on its parent channel. */
    @Override
    public boolean overTls() {
        for (Channel c = channel; c != null; c = c.parent()) {
            if (c.pipeline().get(SslHandler.class) != null) {
                return true;
            }
        }
        return false;
    }
}

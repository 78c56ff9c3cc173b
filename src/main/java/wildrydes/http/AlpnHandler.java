package wildrydes.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/** After the TLS handshake, installs HTTP/2 or HTTP/1.1 as ALPN chose (HTTP/1.1 for clients without ALPN). */
final class AlpnHandler extends ApplicationProtocolNegotiationHandler {
    private final HttpPipelines pipelines;

    AlpnHandler(HttpPipelines pipelines) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.pipelines = pipelines;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            pipelines.http2(ctx.pipeline(), ctx.name());
        } else {
            pipelines.http1(ctx.pipeline(), ctx.name());
        }
    }

    /** A failed handshake (a client that does not trust the certificate, or speaks no TLS) just closes the connection. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionErrors.INSTANCE.exceptionCaught(ctx, cause);
    }
}

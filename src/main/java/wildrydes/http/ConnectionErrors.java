package wildrydes.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of an HTTP/2 connection: an error that no stream handled (a client that resets
 * the connection, a broken frame) closes the connection quietly instead of reaching Netty's
 * pipeline tail as a warning.
 */
@ChannelHandler.Sharable
final class ConnectionErrors extends ChannelInboundHandlerAdapter {
    static final ConnectionErrors INSTANCE = new ConnectionErrors();
    private static final Logger log = LoggerFactory.getLogger(ConnectionErrors.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection error, closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

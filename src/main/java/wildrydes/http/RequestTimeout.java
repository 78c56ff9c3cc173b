package wildrydes.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Against slow clients (slowloris): a request must arrive whole within the timeout of its first
 * byte, or the connection (HTTP/1.1) or the stream (HTTP/2) is closed. On HTTP/1.1 the clock
 * starts at the first byte on the wire ({@link #bytes()}, before the codec, so a request whose
 * headers trickle in is caught too) and stops when the codec has the last of it ({@link #messages()},
 * after the codec); on an HTTP/2 stream it starts when the stream opens.
 */
final class RequestTimeout {
    private final long timeoutNanos;
    private ScheduledFuture<?> timer;
    private boolean inRequest;

    private RequestTimeout(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** The two handlers of one HTTP/1.1 connection: {@code [0]} goes before the codec, {@code [1]} after it. */
    static ChannelInboundHandlerAdapter[] http1(long timeoutNanos) {
        RequestTimeout shared = new RequestTimeout(timeoutNanos);
        return new ChannelInboundHandlerAdapter[] {shared.bytes(), shared.messages()};
    }

    /** The handler of one HTTP/2 stream, after the frame-to-HTTP codec. */
    static ChannelInboundHandlerAdapter http2Stream(long timeoutNanos) {
        RequestTimeout timeout = new RequestTimeout(timeoutNanos);
        return new ChannelDuplexHandler() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                timeout.start(ctx);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof LastHttpContent) {
                    timeout.stop();
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                timeout.stop();
                super.channelInactive(ctx);
            }
        };
    }

    private ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof ByteBuf bytes && bytes.isReadable() && !inRequest) {
                    start(ctx);
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                stop();
                super.channelInactive(ctx);
            }
        };
    }

    private ChannelInboundHandlerAdapter messages() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof LastHttpContent) {
                    stop();
                }
                super.channelRead(ctx, msg);
            }
        };
    }

    private void start(ChannelHandlerContext ctx) {
        inRequest = true;
        if (timer == null) {
            timer = ctx.executor().schedule(() -> {
                timer = null;
                if (inRequest) {
                    ctx.channel().close();
                }
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stop() {
        inRequest = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}

package wildrydes.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.ReferenceCountUtil;

/**
 * Buffers a request body up to a limit; a larger body is answered with a
 * SerializationException (in the request's format) and the connection is closed, so an
 * oversized body is never buffered. The bytes being buffered count against the server's
 * {@link BodyBudget}; a body that would overspend it is answered with ServiceUnavailable and
 * the connection closed the same way.
 *
 * <p>The refusal is handed to {@link ApiHandler} as a request that failed to decode, so it is
 * answered in turn: a pipelining client still gets the answers to its earlier requests first,
 * even when one of them waits for fsync.
 */
final class LimitedAggregator extends HttpObjectAggregator {
    private final int maxBytes;
    private final BodyBudget budget;
    private long reserved;
    private String contentType;
    private boolean refused;

    LimitedAggregator(int maxBytes, BodyBudget budget) {
        super(maxBytes);
        this.maxBytes = maxBytes;
        this.budget = budget;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(msg); // the rest of a refused body: the connection closes once it is answered
            return;
        }
        if (msg instanceof HttpMessage message && !(msg instanceof FullHttpMessage)) {
            contentType = message.headers().get(HttpHeaderNames.CONTENT_TYPE);
        } else if (msg instanceof HttpContent content && !(msg instanceof FullHttpMessage)) {
            int bytes = content.content().readableBytes();
            if (!budget.reserve(bytes)) {
                ReferenceCountUtil.release(msg);
                refused = true;
                giveBack();
                ctx.fireChannelRead(refusal(contentType, new BodyBudget.Exhausted("The server is receiving "
                        + budget.maxBytes() / (1024 * 1024) + " MiB of request bodies from other clients at once; retry shortly.")));
                return;
            }
            reserved += bytes;
            if (msg instanceof LastHttpContent) {
                try {
                    super.channelRead(ctx, msg);
                } finally {
                    giveBack();
                }
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    private void giveBack() {
        budget.release(reserved);
        reserved = 0;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        giveBack();
        super.handlerRemoved(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        giveBack();
        super.channelInactive(ctx);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String length = oversized.headers().get(HttpHeaderNames.CONTENT_LENGTH, "more than " + maxBytes);
        ctx.fireChannelRead(refusal(oversized.headers().get(HttpHeaderNames.CONTENT_TYPE), new TooLongHttpContentException(
                "Request body of " + length + " bytes is over this server's limit of " + maxBytes
                        + " bytes. Send fewer or smaller records per request.")));
    }

    private static DefaultFullHttpRequest refusal(String contentType, Exception cause) {
        DefaultFullHttpRequest refusal = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.EMPTY_BUFFER);
        if (contentType != null) {
            refusal.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        refusal.setDecoderResult(DecoderResult.failure(cause));
        return refusal;
    }
}

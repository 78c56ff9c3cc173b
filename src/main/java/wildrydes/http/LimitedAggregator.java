package wildrydes.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpContentException;

/**
 * Buffers a request body up to a limit; a larger body is answered with a
 * SerializationException (in the request's format) and the connection is closed, so an
 * oversized body is never buffered.
 *
 * <p>The refusal is handed to {@link ApiHandler} as a request that failed to decode, so it is
 * answered in turn: a pipelining client still gets the answers to its earlier requests first,
 * even when one of them waits for fsync.
 */
final class LimitedAggregator extends HttpObjectAggregator {
    private final int maxBytes;

    LimitedAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String length = oversized.headers().get(HttpHeaderNames.CONTENT_LENGTH, "more than " + maxBytes);
        DefaultFullHttpRequest refusal = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.EMPTY_BUFFER);
        String contentType = oversized.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType != null) {
            refusal.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        refusal.setDecoderResult(DecoderResult.failure(new TooLongHttpContentException("Request body of " + length
                + " bytes is over this server's limit of " + maxBytes + " bytes. Send fewer or smaller records per request.")));
        ctx.fireChannelRead(refusal);
    }
}

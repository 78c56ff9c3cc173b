package wildrydes.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import wildrydes.tables.api.TablesEndpoint;

/**
 * One DynamoDB API call on the shared port: hands the body to {@link TablesEndpoint} and sends
 * its answer with the headers DynamoDB sends ({@code x-amzn-RequestId}, {@code x-amz-crc32},
 * and {@code x-amzn-ErrorType} on errors), on the connection's event loop, in turn.
 */
final class TablesCall {
    private TablesCall() {
    }

    static void handle(ChannelHandlerContext ctx, FullHttpRequest request, TablesEndpoint tables, boolean keepAlive, String origin,
                       Runnable finished) {
        byte[] body;
        TablesEndpoint.Authentication auth;
        String target;
        String contentType;
        try {
            body = ByteBufUtil.getBytes(request.content());
            HttpHeaders headers = request.headers();
            target = headers.get("X-Amz-Target");
            contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
            boolean hasDate = headers.contains("X-Amz-Date") || headers.contains(HttpHeaderNames.DATE);
            auth = new TablesEndpoint.Authentication(headers.get(HttpHeaderNames.AUTHORIZATION), hasDate,
                    new QueryStringDecoder(request.uri()).parameters());
        } finally {
            request.release();
        }
        tables.handle(target, contentType, body, auth).whenComplete((answer, failure) -> ctx.executor().execute(() -> {
            FullHttpResponse http;
            if (failure != null) {
                http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR, Unpooled.EMPTY_BUFFER);
                http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            } else {
                http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()),
                        Unpooled.wrappedBuffer(answer.body()));
                http.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                        .set("x-amz-crc32", Long.toString(answer.crc32()));
                if (answer.errorType() != null) {
                    http.headers().set("x-amzn-ErrorType", answer.errorType());
                }
            }
            http.headers().set("x-amzn-RequestId", RequestIds.requestId());
            ApiHandler.send(ctx, http, keepAlive, origin);
            finished.run();
        }));
    }
}

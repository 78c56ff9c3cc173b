package wildrydes.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpContentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.api.Action;
import wildrydes.api.ActionRegistry;
import wildrydes.api.EventStreamResponse;
import wildrydes.api.Response;
import wildrydes.auth.SignatureShapeCheck;
import wildrydes.console.ConsoleResponse;
import wildrydes.console.ConsoleRouter;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;
import wildrydes.protocol.ConstraintValidator;
import wildrydes.protocol.RequestDecoder;
import wildrydes.protocol.ResponseWriter;
import wildrydes.protocol.Struct;
import wildrydes.protocol.WireFormat;
import wildrydes.tables.api.TablesEndpoint;

/**
 * Turns one HTTP request into one API call: content type, target, authentication shape,
 * decoding and validation, then the action; answers in the request's format. Requests on one
 * connection are answered in order (one in flight at a time), so a pipelining client gets
 * its answers in the order it asked, even when a write waits for fsync.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final ActionRegistry actions;
    private final ConsoleRouter console; // null: GET answers only the plain-text description
    private final TablesEndpoint tables; // null: no DynamoDB API
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    ApiHandler(ActionRegistry actions, ConsoleRouter console, TablesEndpoint tables) {
        super(false);
        this.actions = actions;
        this.console = console;
        this.tables = tables;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy) {
            waiting.add(request);
            return;
        }
        busy = true;
        handle(ctx, request);
    }

    private void finished(ChannelHandlerContext ctx) {
        FullHttpRequest next = waiting.poll();
        if (next == null) {
            busy = false;
        } else {
            handle(ctx, next);
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        WireFormat format = WireFormat.fromContentType(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        try {
            if (request.decoderResult().isFailure()) {
                // Netty could not parse the request (bad request line, headers too large, bad
                // Content-Length or chunk) or the body is over the limit (LimitedAggregator):
                // answer once, in turn, and close, as the rest of the stream is lost.
                Throwable cause = request.decoderResult().cause();
                String message = cause instanceof TooLongHttpContentException ? cause.getMessage()
                        : "Malformed HTTP request: " + (cause == null ? "unreadable" : cause.getMessage());
                sendErrorAndClose(ctx, format == null ? WireFormat.JSON : format, ErrorCode.SerializationException, message);
                return;
            }
            if (request.method() != HttpMethod.POST) {
                handleNonApi(ctx, request, keepAlive, origin);
                return;
            }
            if (tables != null && TablesEndpoint.handles(request.headers().get("X-Amz-Target"))) {
                FullHttpRequest tablesRequest = request;
                request = null; // TablesCall releases it
                TablesCall.handle(ctx, tablesRequest, tables, keepAlive, origin, () -> finished(ctx));
                return;
            }
            if (format == null) {
                throw new KinesisException(ErrorCode.SerializationException, "Unsupported Content-Type '"
                        + request.headers().get(HttpHeaderNames.CONTENT_TYPE) + "': send application/x-amz-json-1.1 "
                        + "or application/x-amz-cbor-1.1");
            }
            Action action = actionFor(request.headers().get("X-Amz-Target"));
            checkAuthentication(request);
            ByteBuf content = request.content();
            Struct input;
            if (content.hasArray()) {
                input = RequestDecoder.decode(format, content.array(), content.arrayOffset() + content.readerIndex(),
                        content.readableBytes(), action.input());
            } else {
                byte[] body = ByteBufUtil.getBytes(content);
                input = RequestDecoder.decode(format, body, 0, body.length, action.input());
            }
            request.release();
            request = null;
            ConstraintValidator.validate(input, action.input());
            CompletableFuture<Response> result = action.execute(input);
            if (result.isDone()) {
                complete(ctx, format, keepAlive, origin, result.getNow(null), null);
            } else {
                result.whenComplete((response, failure) ->
                        ctx.executor().execute(() -> complete(ctx, format, keepAlive, origin, response, failure)));
            }
        } catch (RuntimeException e) {
            complete(ctx, format == null ? WireFormat.JSON : format, keepAlive, origin, null, e);
        } finally {
            if (request != null) {
                request.release();
            }
        }
    }

    private Action actionFor(String target) {
        Action action = actions.forTarget(target);
        if (action == null) {
            String shown = target == null ? "no X-Amz-Target header" : "X-Amz-Target '" + target + "'";
            throw new KinesisException(ErrorCode.UnknownOperationException, "Unknown operation: " + shown
                    + ". This server answers " + ActionRegistry.TARGET_PREFIX + "<Operation>.");
        }
        return action;
    }

    private static void checkAuthentication(FullHttpRequest request) {
        HttpHeaders headers = request.headers();
        boolean hasDate = headers.contains("X-Amz-Date") || headers.contains(HttpHeaderNames.DATE);
        SignatureShapeCheck.check(headers.get(HttpHeaderNames.AUTHORIZATION), hasDate,
                new QueryStringDecoder(request.uri()).parameters());
    }

    private void complete(ChannelHandlerContext ctx, WireFormat format, boolean keepAlive, String origin,
                          Response response, Throwable failure) {
        if (failure == null && response instanceof EventStreamResponse streaming) {
            EventStreamPump.start(ctx, format, streaming, keepAlive, origin != null, () -> finished(ctx));
            return;
        }
        FullHttpResponse http;
        try {
            http = failure == null ? success(ctx, format, response) : error(ctx, format, unwrap(failure));
        } catch (RuntimeException e) {
            http = error(ctx, format, e);
        }
        send(ctx, http, keepAlive, origin);
        finished(ctx);
    }

    private static FullHttpResponse success(ChannelHandlerContext ctx, WireFormat format, Response response) {
        ByteBuf body = ctx.alloc().buffer(response.sizeHint());
        try (ResponseWriter writer = new ResponseWriter(format, new ByteBufOutputStream(body))) {
            response.writeTo(writer);
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
        return response(HttpResponseStatus.OK, format, body);
    }

    private static FullHttpResponse error(ChannelHandlerContext ctx, WireFormat format, Throwable failure) {
        ErrorCode code;
        String message;
        if (failure instanceof KinesisException k) {
            code = k.code();
            message = k.getMessage();
        } else {
            log.error("Internal failure while answering a request", failure);
            code = ErrorCode.InternalFailure;
            message = "Internal service failure: " + failure;
        }
        ByteBuf body = ctx.alloc().buffer(128);
        try (ResponseWriter writer = new ResponseWriter(format, new ByteBufOutputStream(body))) {
            ErrorResponses.writeBody(writer, code, message);
        }
        FullHttpResponse http = response(ErrorResponses.status(code), format, body);
        http.headers().set("x-amzn-ErrorType", code.name());
        return http;
    }

    private static Throwable unwrap(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    private static FullHttpResponse response(HttpResponseStatus status, WireFormat format, ByteBuf body) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, format.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set("x-amzn-RequestId", RequestIds.requestId())
                .set("x-amz-id-2", RequestIds.extendedId());
        return http;
    }

    static void send(ChannelHandlerContext ctx, FullHttpResponse http, boolean keepAlive, String origin) {
        if (origin != null) {
            http.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS,
                            "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date");
        }
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** GET serves the web console or shows what this endpoint is; OPTIONS answers CORS pre-flight requests. */
    private void handleNonApi(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive, String origin) {
        FullHttpResponse http;
        boolean read = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        ConsoleResponse page = read && console != null
                ? console.answer(request.uri(), request.headers().get(HttpHeaderNames.ACCEPT)) : null;
        if (request.method() == HttpMethod.OPTIONS) {
            http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
            HttpHeaders h = request.headers();
            if (h.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)) {
                http.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, h.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
            }
            http.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
                    .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, 172800)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        } else if (page != null) {
            ByteBuf body = Unpooled.wrappedBuffer(page.body());
            http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(page.status()), body);
            page.headers().forEach(http.headers()::set);
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, page.contentType())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        } else if (read) {
            String host = request.headers().get(HttpHeaderNames.HOST, "127.0.0.1:4567");
            String text = "Wild Rydes Streaming: a Kinesis Data Streams compatible endpoint.\n"
                    + "Send API calls as POST / with X-Amz-Target: Kinesis_20131202.<Operation>, for example:\n"
                    + "  aws --endpoint-url http://" + host + " kinesis list-streams\n"
                    + (console == null ? "" : "Open http://" + host + "/ in a browser for the web console; "
                    + "Prometheus metrics are at /metrics.\n");
            ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        } else {
            ByteBuf body = Unpooled.copiedBuffer("Method " + request.method() + " is not supported: use POST for API calls.\n",
                    StandardCharsets.UTF_8);
            http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.METHOD_NOT_ALLOWED, body);
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .set(HttpHeaderNames.ALLOW, "GET, POST, OPTIONS")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        }
        http.headers().set("x-amzn-RequestId", RequestIds.requestId());
        if (request.method() != HttpMethod.OPTIONS) {
            http.headers().set("x-amz-id-2", RequestIds.extendedId());
        }
        send(ctx, http, keepAlive, origin);
        finished(ctx);
    }

    static void sendErrorAndClose(ChannelHandlerContext ctx, WireFormat format, ErrorCode code, String message) {
        FullHttpResponse http = error(ctx, format, new KinesisException(code, message));
        http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        FullHttpRequest pending;
        while ((pending = waiting.poll()) != null) {
            pending.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection error, closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

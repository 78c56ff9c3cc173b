package wildrydes.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
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
import java.util.ArrayDeque;
import java.util.Set;
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
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;
import wildrydes.protocol.ConstraintValidator;
import wildrydes.protocol.RequestDecoder;
import wildrydes.protocol.ResponseWriter;
import wildrydes.protocol.Struct;
import wildrydes.protocol.WireFormat;
import wildrydes.storage.CommitBatching;
import wildrydes.tables.api.TablesEndpoint;

/**
 * Turns one HTTP request into one API call: the console's pages first, then AWS's order of
 * checks ({@link RequestScreening}: method, content type, target), the body, authentication,
 * types and validation, then the action; answers in the request's format. Requests on one
 * connection are answered in order (one in flight at a time), so a pipelining client gets
 * its answers in the order it asked, even when a write waits for fsync.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    /** {@code -Dwildrydes.commit-batching=false}: every write goes to the journal's commit thread (to compare). */
    private static final boolean COMMIT_BATCHING = !"false".equals(System.getProperty("wildrydes.commit-batching"));

    private final RequestGate gate;
    private final RequestScreening screening;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    ApiHandler(RequestGate gate) {
        super(false);
        this.gate = gate;
        String service = ActionRegistry.TARGET_PREFIX.substring(0, ActionRegistry.TARGET_PREFIX.length() - 1);
        // A request that is no POST gets an error whatever its signature: AWS checks only the shape there.
        this.screening = new RequestScreening(Set.of(service), target -> gate.operations().forTarget(target) != null,
                ApiHandler::checkSignatureShape);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // A real event loop (not a test's or the warm-up's embedded channel, whose tasks run only when
        // asked) commits the writes of each batch of requests it reads itself, once, after the batch.
        if (COMMIT_BATCHING && ctx.executor().inEventLoop() && !(ctx.channel() instanceof EmbeddedChannel)) {
            CommitBatching.install(ctx.executor());
        }
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
                String message = cause instanceof TooLongHttpContentException || cause instanceof BodyBudget.Exhausted
                        ? cause.getMessage() : "Malformed HTTP request: " + (cause == null ? "unreadable" : cause.getMessage());
                ErrorCode code = cause instanceof BodyBudget.Exhausted ? ErrorCode.ServiceUnavailable : ErrorCode.SerializationException;
                sendErrorAndClose(ctx, format == null ? WireFormat.JSON : format, code, message);
                return;
            }
            ConsoleResponse page = consolePage(ctx, request);
            if (page != null) {
                sendConsole(ctx, page, keepAlive, origin);
                return;
            }
            if (gate.hasTables() && request.method() == HttpMethod.POST
                    && TablesEndpoint.handles(request.headers().get("X-Amz-Target"))) {
                FullHttpRequest tablesRequest = request;
                request = null; // TablesCall releases it
                TablesCall.handle(ctx, tablesRequest, gate.tablesEntry(), gate.tablesAuthorizer(ctx, tablesRequest),
                        http -> send(ctx, http, keepAlive, origin), () -> finished(ctx));
                return;
            }
            RequestScreening.Verdict verdict = screening.screen(request.method(), request.headers(), request.uri(),
                    request.content().readableBytes() == 0);
            switch (verdict) {
                case RequestScreening.Answer answer -> sendEdge(ctx, request, answer.answer(), keepAlive, origin);
                case RequestScreening.BareError bare -> {
                    format = bare.format();
                    throw new KinesisException(bare.code(), null);
                }
                case RequestScreening.Call call -> {
                    format = call.format();
                    FullHttpRequest taken = request;
                    request = null; // call releases it once read
                    call(ctx, taken, call, keepAlive, origin);
                }
            }
        } catch (RuntimeException e) {
            complete(ctx, format == null ? WireFormat.JSON : format, keepAlive, origin, null, e);
        } finally {
            if (request != null) {
                request.release();
            }
        }
    }

    /**
     * An API call, in AWS's order: the body is parsed (a body that is no object is a bare
     * SerializationException), then an unknown target is answered, then authentication, and
     * only then a member of the wrong type, validation and the action.
     */
    private void call(ChannelHandlerContext ctx, FullHttpRequest request, RequestScreening.Call call, boolean keepAlive,
                      String origin) {
        WireFormat format = call.format();
        Action action = call.target() == null ? null : gate.operations().forTarget(call.target());
        Struct input = null;
        try {
            ByteBuf content = request.content();
            byte[] body = content.hasArray() ? content.array() : ByteBufUtil.getBytes(content);
            int offset = content.hasArray() ? content.arrayOffset() + content.readerIndex() : 0;
            int length = content.readableBytes();
            KinesisException mismatch = null;
            if (action != null && !call.deprecatedJson()) {
                try {
                    input = RequestDecoder.decode(format, body, offset, length, action.input());
                } catch (KinesisException e) {
                    mismatch = e;
                }
            }
            if (input == null && !RequestDecoder.isWellFormedObject(format, body, offset, length)) {
                if (call.deprecatedJson()) {
                    sendEdge(ctx, request, EdgeAnswer.deprecatedJson("SerializationException", 400), keepAlive, origin);
                    return;
                }
                throw new KinesisException(ErrorCode.SerializationException, null);
            }
            if (call.deprecatedJson()) {
                sendEdge(ctx, request, EdgeAnswer.deprecatedJson("UnknownOperationException", 404), keepAlive, origin);
                return;
            }
            if (action == null) {
                throw new KinesisException(ErrorCode.UnknownOperationException, null);
            }
            action = gate.authorize(ctx, request, action); // the caller's account's action, once the signature holds
            if (mismatch != null) {
                throw mismatch;
            }
        } finally {
            request.release();
        }
        ConstraintValidator.validate(input, action.input());
        CompletableFuture<Response> result = action.execute(input);
        if (result.isDone()) {
            complete(ctx, format, keepAlive, origin, result.getNow(null), null);
        } else {
            result.whenComplete((response, failure) ->
                    ctx.executor().execute(() -> complete(ctx, format, keepAlive, origin, response, failure)));
        }
    }

    private static void checkSignatureShape(HttpHeaders headers, String uri) {
        boolean hasDate = headers.contains("X-Amz-Date") || headers.contains(HttpHeaderNames.DATE);
        SignatureShapeCheck.check(headers.get(HttpHeaderNames.AUTHORIZATION), hasDate, new QueryStringDecoder(uri).parameters());
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

    private void send(ChannelHandlerContext ctx, FullHttpResponse http, boolean keepAlive, String origin) {
        // As AWS does: the SDKs correct a skewed client clock from it after a "Signature expired".
        http.headers().set(HttpHeaderNames.DATE, gate.httpDate());
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

    /** The console's answer to a GET or HEAD of its own (a browser's page, its files, /console/api, /metrics), or null. */
    private ConsoleResponse consolePage(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean read = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        return read ? gate.console(ctx, request) : null;
    }

    private void sendConsole(ChannelHandlerContext ctx, ConsoleResponse page, boolean keepAlive, String origin) {
        ByteBuf body = Unpooled.wrappedBuffer(page.body());
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(page.status()), body);
        page.headers().forEach(http.headers()::set);
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, page.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set("x-amzn-RequestId", RequestIds.requestId())
                .set("x-amz-id-2", RequestIds.extendedId());
        send(ctx, http, keepAlive, origin);
        finished(ctx);
    }

    /** An answer of AWS's front end; a CORS pre-flight carries no x-amz-id-2 and no Expose-Headers, as AWS's. */
    private void sendEdge(ChannelHandlerContext ctx, FullHttpRequest request, EdgeAnswer answer, boolean keepAlive, String origin) {
        ByteBuf body = Unpooled.wrappedBuffer(answer.body());
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()), body);
        HttpHeaders h = http.headers();
        if (answer.contentType() != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        }
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes()).set("x-amzn-RequestId", RequestIds.requestId());
        if (answer.errorType() != null) {
            h.set("x-amzn-ErrorType", answer.errorType());
        }
        answer.headers().forEach(h::set);
        if (request.method() == HttpMethod.OPTIONS && origin != null) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            send(ctx, http, keepAlive, null);
        } else {
            h.set("x-amz-id-2", RequestIds.extendedId());
            send(ctx, http, keepAlive, origin);
        }
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

package wildrydes.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import wildrydes.api.ActionRegistry;
import wildrydes.auth.Authenticator;
import wildrydes.console.ConsoleRouter;
import wildrydes.tables.api.TablesEndpoint;

/**
 * The handlers behind a connection once its protocol is known. Both end in an {@link ApiHandler}
 * that sees complete HTTP/1.1-style requests: on HTTP/2 every stream is a child channel of its
 * own, converted to HTTP/1.1 objects, so every operation works the same over both. Every
 * connection starts with the {@link ConnectionLimiter} and an idle timeout, and each request has
 * bounded headers, a bounded body and a time limit ({@link ConnectionLimits}).
 */
final class HttpPipelines {
    /** Streams a client may open at once on one HTTP/2 connection (a fan-out client uses one per shard). */
    static final int MAX_CONCURRENT_STREAMS = 1000;
    /** Receive window per HTTP/2 stream: a PutRecords body flows without waiting on window updates. */
    static final int INITIAL_WINDOW_BYTES = 1024 * 1024;

    private final RequestGate gate;
    private final ConnectionLimits limits;
    private final ConnectionLimiter limiter;
    private final BodyBudget bodies;

    HttpPipelines(RequestGate gate, ConnectionLimits limits) {
        this.gate = gate;
        this.limits = limits;
        this.limiter = new ConnectionLimiter(limits.maxConnections());
        this.bodies = new BodyBudget(limits.bodyBudgetBytes());
    }

    /** One account, signatures checked for shape only, default limits (tests). */
    HttpPipelines(ActionRegistry actions, ConsoleRouter console) {
        this(actions, console, null);
    }

    /** One account with tables, signatures checked for shape only, default limits (tests). */
    HttpPipelines(ActionRegistry actions, ConsoleRouter console, TablesEndpoint tables) {
        this(new RequestGate(AccountDirectory.single("000000000000", actions, console, tables),
                Authenticator.shapeOnly("000000000000"), "us-east-1", Clock.systemUTC()), ConnectionLimits.defaults());
    }

    ConnectionLimiter limiter() {
        return limiter;
    }

    BodyBudget bodies() {
        return bodies;
    }

    ConnectionLimits limits() {
        return limits;
    }

    /** The first handlers of every accepted connection, on either port. */
    void accepted(ChannelPipeline pipeline) {
        pipeline.addLast(limiter);
        timeouts(pipeline);
    }

    private void timeouts(ChannelPipeline pipeline) {
        pipeline.addLast(new IdleStateHandler(0, 0, limits.idleTimeout().toNanos(), TimeUnit.NANOSECONDS))
                .addLast(IdleCloser.INSTANCE);
    }

    /** Adds the HTTP/1.1 handlers after the handler named {@code after}. */
    void http1(ChannelPipeline pipeline, String after) {
        var timeout = RequestTimeout.http1(limits.requestTimeout().toNanos());
        pipeline.addAfter(after, null, new HttpServerCodec(limits.maxHeaderBytes(), limits.maxHeaderBytes(), 8192));
        String codec = pipeline.context(HttpServerCodec.class).name();
        pipeline.addBefore(codec, null, timeout[0]);
        pipeline.addAfter(codec, null, new ApiHandler(gate));
        pipeline.addAfter(codec, null, new LimitedAggregator(limits.maxBodyBytes(), bodies));
        pipeline.addAfter(codec, null, new HttpServerExpectContinueHandler());
        pipeline.addAfter(codec, null, timeout[1]);
    }

    /** Adds the HTTP/2 handlers after the handler named {@code after}. */
    void http2(ChannelPipeline pipeline, String after) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .initialWindowSize(INITIAL_WINDOW_BYTES)
                .maxHeaderListSize(limits.maxHeaderBytes());
        pipeline.addAfter(after, null, Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
        String codec = pipeline.context(Http2FrameCodec.class).name();
        long requestTimeout = limits.requestTimeout().toNanos();
        pipeline.addAfter(codec, null, new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline()
                        .addLast(new Http2StreamFrameToHttpObjectCodec(true))
                        .addLast(RequestTimeout.http2Stream(requestTimeout))
                        .addLast(new HttpServerExpectContinueHandler())
                        .addLast(new LimitedAggregator(limits.maxBodyBytes(), bodies))
                        .addLast(new ApiHandler(gate));
            }
        }));
        pipeline.addLast(ConnectionErrors.INSTANCE);
    }

    /** Channel initialiser for the plain port: HTTP/1.1, or HTTP/2 when the client starts with the preface (h2c). */
    ChannelInitializer<Channel> plain() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                accepted(ch.pipeline());
                ch.pipeline().addLast(new ProtocolDetector(HttpPipelines.this));
            }
        };
    }

    /** The plain port's handlers without the connection count: the warm-up's in-memory channels are no clients. */
    ChannelInitializer<Channel> uncounted() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                timeouts(ch.pipeline());
                ch.pipeline().addLast(new ProtocolDetector(HttpPipelines.this));
            }
        };
    }
}

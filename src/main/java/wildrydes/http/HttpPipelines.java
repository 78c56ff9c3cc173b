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
import wildrydes.api.ActionRegistry;
import wildrydes.console.ConsoleRouter;
import wildrydes.tables.api.TablesEndpoint;

/**
 * The handlers behind a connection once its protocol is known. Both end in an {@link ApiHandler}
 * that sees complete HTTP/1.1-style requests: on HTTP/2 every stream is a child channel of its
 * own, converted to HTTP/1.1 objects, so every operation works the same over both.
 */
final class HttpPipelines {
    /** Streams a client may open at once on one HTTP/2 connection (a fan-out client uses one per shard). */
    static final int MAX_CONCURRENT_STREAMS = 1000;
    /** Receive window per HTTP/2 stream: a PutRecords body flows without waiting on window updates. */
    static final int INITIAL_WINDOW_BYTES = 1024 * 1024;

    private final ActionRegistry actions;
    private final ConsoleRouter console;
    private final TablesEndpoint tables;

    HttpPipelines(ActionRegistry actions, ConsoleRouter console) {
        this(actions, console, null);
    }

    HttpPipelines(ActionRegistry actions, ConsoleRouter console, TablesEndpoint tables) {
        this.actions = actions;
        this.console = console;
        this.tables = tables;
    }

    /** Adds the HTTP/1.1 handlers after the handler named {@code after}. */
    void http1(ChannelPipeline pipeline, String after) {
        pipeline.addAfter(after, null, new HttpServerCodec());
        String codec = pipeline.context(HttpServerCodec.class).name();
        pipeline.addAfter(codec, null, new ApiHandler(actions, console, tables));
        pipeline.addAfter(codec, null, new LimitedAggregator(ApiServer.MAX_BODY_BYTES));
        pipeline.addAfter(codec, null, new HttpServerExpectContinueHandler());
    }

    /** Adds the HTTP/2 handlers after the handler named {@code after}. */
    void http2(ChannelPipeline pipeline, String after) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .initialWindowSize(INITIAL_WINDOW_BYTES);
        pipeline.addAfter(after, null, Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
        String codec = pipeline.context(Http2FrameCodec.class).name();
        pipeline.addAfter(codec, null, new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline()
                        .addLast(new Http2StreamFrameToHttpObjectCodec(true))
                        .addLast(new HttpServerExpectContinueHandler())
                        .addLast(new LimitedAggregator(ApiServer.MAX_BODY_BYTES))
                        .addLast(new ApiHandler(actions, console, tables));
            }
        }));
        pipeline.addLast(ConnectionErrors.INSTANCE);
    }

    /** Channel initialiser for the plain port: HTTP/1.1, or HTTP/2 when the client starts with the preface (h2c). */
    ChannelInitializer<Channel> plain() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new ProtocolDetector(HttpPipelines.this));
            }
        };
    }
}

package bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The "ceiling" responder: the physical limit of the HTTP stack the server is built on.
 *
 * <p>Same Netty version, transport (NIO), thread layout (one boss, default worker count),
 * socket options and pipeline shape (codec, expect-continue, a 16 MiB aggregator so request
 * bodies are buffered exactly as the server buffers them) as {@code wildrydes.http.ApiServer};
 * the handler answers every request with a fixed 200 and a small JSON body shaped like a
 * PutRecord answer, without parsing anything. Whatever the server does beyond this is its own
 * cost.
 *
 * <p>{@code java -cp bench.jar bench.Ceiling --port P} (host 127.0.0.1); prints "ready" once
 * listening, stops on SIGTERM.
 */
public final class Ceiling {
    static final byte[] BODY = ("{\"SequenceNumber\":\"49680569641559888905441742326498993609252281603474849794\","
            + "\"ShardId\":\"shardId-000000000000\",\"EncryptionType\":\"NONE\"}").getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        int port = 4590;
        String host = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerExpectContinueHandler())
                                .addLast(new HttpObjectAggregator(16 * 1024 * 1024))
                                .addLast(new Responder());
                    }
                })
                .bind(host, port).sync().channel();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            channel.close().awaitUninterruptibly();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            stop.countDown();
        }));
        System.out.println("ceiling responder ready on http://" + host + ":" + port);
        System.out.flush();
        stop.await();
    }

    static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            ByteBuf content = Unpooled.wrappedBuffer(BODY);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.1")
                    .set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

package wildrydes.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import wildrydes.api.ActionRegistry;
import wildrydes.console.ConsoleRouter;
import wildrydes.tables.api.TablesEndpoint;

/**
 * The HTTP edge: Netty servers that hand complete requests to {@link ApiHandler}. The plain port
 * speaks HTTP/1.1 and HTTP/2 with prior knowledge (h2c); the optional TLS port offers h2 and
 * http/1.1 by ALPN.
 */
public final class ApiServer implements AutoCloseable {
    /** Large enough for a PutRecords of 5 MiB of data in base64 JSON, small enough to refuse floods. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final HttpPipelines pipelines;
    private final LongAdder eventStreamQueuedBytes = new LongAdder();
    private final Channel channel;
    private volatile Channel tlsChannel;

    /** @throws java.net.BindException (from Netty, undeclared there) when the port is taken */
    public ApiServer(String host, int port, ActionRegistry actions) throws InterruptedException, IOException {
        this(host, port, actions, null);
    }

    /** @param console answers GET requests for the web console and /metrics; null for none */
    public ApiServer(String host, int port, ActionRegistry actions, ConsoleRouter console)
            throws InterruptedException, IOException {
        this(host, port, actions, console, null);
    }

    /** @param tables answers the DynamoDB API ({@code X-Amz-Target: DynamoDB_20120810.*}) on the same port; null for none */
    public ApiServer(String host, int port, ActionRegistry actions, ConsoleRouter console, TablesEndpoint tables)
            throws InterruptedException, IOException {
        this.pipelines = new HttpPipelines(actions, console, tables);
        Thread.ofPlatform().name("wildrydes-warm-up").daemon().start(() -> WarmUp.run(pipelines));
        this.channel = bootstrap(pipelines.plain()).bind(host, port).sync().channel();
    }

    private ServerBootstrap bootstrap(ChannelInitializer<Channel> initializer) {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childAttr(EventStreamPump.QUEUED_BYTES, eventStreamQueuedBytes)
                .childHandler(initializer);
    }

    /**
     * Also listens with TLS on {@code port} (0 picks a free one); returns the bound port.
     *
     * @throws java.net.BindException (from Netty, undeclared there) when the port is taken
     */
    public int listenTls(String host, int port, SslContext ssl) throws InterruptedException, IOException {
        ChannelInitializer<Channel> initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(ssl.newHandler(ch.alloc())).addLast(new AlpnHandler(pipelines));
            }
        };
        Channel bound = bootstrap(initializer).bind(host, port).sync().channel();
        tlsChannel = bound;
        return ((InetSocketAddress) bound.localAddress()).getPort();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Bytes of event-stream frames written to connections but not yet sent: bounded however slowly subscribers read. */
    public long eventStreamQueuedBytes() {
        return eventStreamQueuedBytes.sum();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        Channel tls = tlsChannel;
        if (tls != null) {
            tls.close().awaitUninterruptibly();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}

package wildrydes.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.api.EventSource;
import wildrydes.api.EventStreamResponse;
import wildrydes.api.Response;
import wildrydes.api.StreamEvent;
import wildrydes.protocol.ResponseWriter;
import wildrydes.protocol.WireFormat;
import wildrydes.protocol.eventstream.EventStreamCodec;
import wildrydes.protocol.eventstream.EventStreamMessage;

/**
 * Sends a streaming response ({@code application/vnd.amazon.eventstream}) on one HTTP/1.1
 * connection (chunked) or HTTP/2 stream. Events are pulled from the {@link EventSource} only
 * while the channel is writable (for HTTP/2 that includes the stream's flow-control window), so a
 * client that reads slowly holds back its own reads and nothing else, and the server never
 * queues more than about one event beyond the channel's high-water mark for it. The source
 * wakes the pump when something is committed; timers only serve heartbeats and the end.
 */
final class EventStreamPump extends ChannelInboundHandlerAdapter {
    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
    /** Counts the bytes of events written but not yet on the socket, per listening server. */
    static final AttributeKey<LongAdder> QUEUED_BYTES = AttributeKey.valueOf("wildrydes.eventStreamQueuedBytes");
    /** How long a subscriber may take nothing before it is cut off, per listening server. */
    static final AttributeKey<Long> STALL_TIMEOUT_NANOS = AttributeKey.valueOf("wildrydes.eventStreamStallTimeout");
    private static final long DEFAULT_STALL_TIMEOUT_NANOS = 60_000_000_000L;
    /** A drain hands the event loop back after this many events, so one busy stream cannot starve others. */
    private static final int EVENTS_PER_DRAIN = 256;

    private static final Logger log = LoggerFactory.getLogger(EventStreamPump.class);

    private final Channel channel;
    private final WireFormat format;
    private final EventSource source;
    private final boolean keepAlive;
    private final Runnable onFinished;
    private final LongAdder queuedBytes;
    private final long stallTimeoutNanos;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final Runnable wake = this::wake;
    private ScheduledFuture<?> timer;
    private long timerDueNanos;
    private boolean done;
    /**
     * Whether the channel is not writable, since when the subscriber has taken nothing, and how many
     * bytes it then had to take before it would be (fewer later means it took some: not stalled).
     */
    private boolean stalled;
    private long stalledSinceNanos;
    private long pendingWhenStalled;

    private EventStreamPump(Channel channel, WireFormat format, EventSource source, boolean keepAlive, Runnable onFinished) {
        this.channel = channel;
        this.format = format;
        this.source = source;
        this.keepAlive = keepAlive;
        this.onFinished = onFinished;
        this.queuedBytes = queuedBytesCounter(channel);
        this.stallTimeoutNanos = stallTimeout(channel);
    }

    /**
     * Answers 200 with the {@code initial-response} event, then pumps the events. {@code onFinished}
     * runs (on the event loop) once the stream is over and the connection may serve its next request.
     */
    static void start(ChannelHandlerContext ctx, WireFormat format, EventStreamResponse response, boolean keepAlive,
                      boolean cors, Runnable onFinished) {
        EventSource source = response.events();
        Channel channel = ctx.channel();
        if (!channel.isActive()) {
            source.close();
            return;
        }
        EventStreamPump pump = new EventStreamPump(channel, format, source, keepAlive, onFinished);
        channel.write(headers(channel, cors));
        pump.write(EventStreamMessage.event("initial-response", format.contentType(), payload(format, response)));
        ctx.pipeline().addLast(pump);
        try {
            source.start(pump.wake);
        } catch (RuntimeException e) {
            log.error("Starting an event stream failed", e);
            pump.finish();
            return;
        }
        channel.flush();
    }

    private static HttpResponse headers(Channel channel, boolean cors) {
        HttpResponse http = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .set("x-amzn-RequestId", RequestIds.requestId())
                .set("x-amz-id-2", RequestIds.extendedId());
        if (!(channel instanceof Http2StreamChannel)) {
            http.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (cors) {
            http.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "x-amzn-RequestId,x-amz-id-2");
        }
        return http;
    }

    private static LongAdder queuedBytesCounter(Channel channel) {
        for (Channel c = channel; c != null; c = c.parent()) {
            if (c.hasAttr(QUEUED_BYTES)) {
                return c.attr(QUEUED_BYTES).get();
            }
        }
        return new LongAdder();
    }

    private static long stallTimeout(Channel channel) {
        for (Channel c = channel; c != null; c = c.parent()) {
            if (c.hasAttr(STALL_TIMEOUT_NANOS)) {
                return c.attr(STALL_TIMEOUT_NANOS).get();
            }
        }
        return DEFAULT_STALL_TIMEOUT_NANOS;
    }

    private static byte[] payload(WireFormat format, Response response) {
        ByteBuf body = Unpooled.buffer(256);
        try (ResponseWriter writer = new ResponseWriter(format, new ByteBufOutputStream(body))) {
            response.writeTo(writer);
        }
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        return bytes;
    }

    /** Any thread: makes the event loop drain once more. */
    private void wake() {
        if (wakeScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    private void drain() {
        wakeScheduled.set(false);
        if (done) {
            return;
        }
        boolean wrote = false;
        int sent = 0;
        try {
            while (channel.isWritable() && sent < EVENTS_PER_DRAIN) {
                StreamEvent event = source.next(System.nanoTime());
                if (event == null) {
                    break;
                }
                if (event.kind() != StreamEvent.Kind.END) {
                    write(message(event));
                    wrote = true;
                    sent++;
                }
                if (event.last()) {
                    finish();
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.error("An event stream failed; closing it", e);
            finish();
            return;
        }
        if (wrote) {
            channel.flush();
        }
        if (!channel.isWritable()) {
            waitForSubscriber();
            return;
        }
        stalled = false;
        if (sent == EVENTS_PER_DRAIN) {
            wake();
        }
        armTimer();
    }

    /**
     * The channel is not writable: no heartbeat is due until it is (writability wakes the pump). A
     * subscriber that takes nothing at all for the stall timeout is cut off (its HTTP/2 stream reset,
     * its HTTP/1.1 connection closed), so it holds at most one event for that long; one that reads,
     * however slowly, is not.
     */
    private void waitForSubscriber() {
        long now = System.nanoTime();
        long pending = channel.bytesBeforeWritable();
        if (!stalled || pending < pendingWhenStalled) {
            stalled = true;
            stalledSinceNanos = now;
            pendingWhenStalled = pending;
        }
        long left = stalledSinceNanos + stallTimeoutNanos - now;
        if (left <= 0) {
            log.debug("Cutting off a SubscribeToShard subscriber that took nothing for {} ms: {}",
                    (now - stalledSinceNanos) / 1_000_000, channel);
            stop();
            channel.close();
            return;
        }
        schedule(now, left);
    }

    private EventStreamMessage message(StreamEvent event) {
        byte[] payload = payload(format, event.payload());
        return event.kind() == StreamEvent.Kind.EXCEPTION
                ? EventStreamMessage.exception(event.type(), format.contentType(), payload)
                : EventStreamMessage.event(event.type(), format.contentType(), payload);
    }

    private void write(EventStreamMessage message) {
        byte[] frame = EventStreamCodec.encode(message);
        queuedBytes.add(frame.length);
        channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(frame)))
                .addListener(f -> queuedBytes.add(-frame.length));
    }

    /** Keeps one timer for the next heartbeat or the end; one that fires early just finds nothing due. */
    private void armTimer() {
        long now = System.nanoTime();
        long due = source.nanosUntilDue(now);
        if (due == Long.MAX_VALUE) {
            return;
        }
        schedule(now, due);
    }

    private void schedule(long now, long due) {
        boolean pending = timer != null && !timer.isDone();
        if (pending && timerDueNanos - now <= due) {
            return;
        }
        if (pending) {
            timer.cancel(false);
        }
        timerDueNanos = now + due;
        timer = channel.eventLoop().schedule(wake, Math.max(1, due), TimeUnit.NANOSECONDS);
    }

    /** Ends the response (the HTTP/2 stream's END_STREAM, the last chunk) and hands the connection back. */
    private void finish() {
        if (done) {
            return;
        }
        stop();
        channel.pipeline().remove(this);
        if (keepAlive) {
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            onFinished.run();
        } else {
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void stop() {
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        source.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            stalled = false;
            wake();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!done) {
            stop();
        }
        super.channelInactive(ctx);
    }
}

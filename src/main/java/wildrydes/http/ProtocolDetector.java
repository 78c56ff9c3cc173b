package wildrydes.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * First handler on the plain port: reads just enough of the first bytes to tell the HTTP/2
 * connection preface ({@code PRI * HTTP/2.0...}, as clients with prior knowledge of h2c send
 * it) from an HTTP/1.1 request line, installs the matching handlers and steps aside; the bytes
 * read so far go on to them.
 */
final class ProtocolDetector extends ByteToMessageDecoder {
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final HttpPipelines pipelines;

    ProtocolDetector(HttpPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int compared = Math.min(in.readableBytes(), PREFACE.readableBytes());
        boolean prefaceSoFar = ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), compared);
        if (prefaceSoFar && compared < PREFACE.readableBytes()) {
            return; // could still be either: wait for more
        }
        if (prefaceSoFar) {
            pipelines.http2(ctx.pipeline(), ctx.name());
        } else {
            pipelines.http1(ctx.pipeline(), ctx.name());
        }
        ctx.pipeline().remove(this);
    }
}

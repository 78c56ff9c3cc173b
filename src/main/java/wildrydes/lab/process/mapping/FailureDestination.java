package wildrydes.lab.process.mapping;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Where the metadata of discarded batches goes (the mapping's DestinationConfig.OnFailure): a
 * stream of the same server (a record per failed batch, partition key the failed shard's id) or a
 * file (a JSON document per line, appended and fsynced before the mapping moves on).
 */
public interface FailureDestination {

    void send(String shardId, byte[] document) throws IOException;

    String describe();

    /**
     * {@code kinesis:NAME}, a Kinesis stream ARN ({@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}),
     * or {@code file:PATH} (a plain path with a slash works too).
     */
    static FailureDestination parse(String spec, KinesisClient kinesis) {
        if (spec.startsWith("kinesis:")) {
            return stream(spec.substring("kinesis:".length()), kinesis);
        }
        if (spec.startsWith("arn:aws:kinesis:")) {
            int slash = spec.indexOf(":stream/");
            if (slash < 0) {
                throw new IllegalArgumentException("-on-failure " + spec + " is not a stream ARN (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME)");
            }
            return stream(spec.substring(slash + ":stream/".length()), kinesis);
        }
        if (spec.startsWith("arn:")) {
            throw new IllegalArgumentException("-on-failure " + spec + ": here a Kinesis stream (kinesis:NAME) or a file (file:PATH) "
                    + "receives failed batches; SQS, SNS and S3 destinations are not offered");
        }
        if (spec.startsWith("file:")) {
            return file(Path.of(spec.substring("file:".length())));
        }
        if (spec.contains("/")) {
            return file(Path.of(spec));
        }
        throw new IllegalArgumentException("-on-failure " + spec + ": say kinesis:STREAM for a stream or file:PATH for a file");
    }

    static FailureDestination stream(String name, KinesisClient kinesis) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("-on-failure kinesis: needs a stream name, e.g. kinesis:wildrydes-failures");
        }
        return new FailureDestination() {
            @Override
            public void send(String shardId, byte[] document) {
                kinesis.putRecord(r -> r.streamName(name).partitionKey(shardId).data(SdkBytes.fromByteArray(document)));
            }

            @Override
            public String describe() {
                return "stream " + name;
            }
        };
    }

    static FailureDestination file(Path path) {
        return new FailureDestination() {
            @Override
            public synchronized void send(String shardId, byte[] document) throws IOException {
                Path absolute = path.toAbsolutePath();
                Files.createDirectories(absolute.getParent());
                try (FileChannel out = FileChannel.open(absolute, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    ByteBuffer line = ByteBuffer.wrap((new String(document, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
                    while (line.hasRemaining()) {
                        out.write(line);
                    }
                    out.force(true);
                }
            }

            @Override
            public String describe() {
                return "file " + path;
            }
        };
    }
}

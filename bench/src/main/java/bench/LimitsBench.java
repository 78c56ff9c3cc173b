package bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * What one abusive client costs a server shared with --credentials (issue 17), in phases that
 * pile up: idle connections that never send a byte, SubscribeToShard subscribers that read a
 * few hundred bytes a second, then requests with oversized headers and bodies. Throughout, a
 * well-behaved SDK client calls ListStreams every 20 ms: per phase its successes, failures and
 * latency, and the server's peak RSS. Bounded in count and time; prints one key=value line per phase.
 *
 * <pre>
 * --url U --pid P --key ID --secret S [--idle N] [--subscribers M] [--oversized K] [--seconds T] [--slow-bytes B]
 * </pre>
 */
public final class LimitsBench {
    private static final String TARGET = "Kinesis_20131202.";

    private final URI url;
    private final long pid;
    private final String key;
    private final String secret;
    private final KinesisClient client;
    private final List<AutoCloseable> held = new ArrayList<>();

    private LimitsBench(URI url, long pid, String key, String secret) {
        this.url = url;
        this.pid = pid;
        this.key = key;
        this.secret = secret;
        this.client = KinesisClient.builder().endpointOverride(url).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)).build())
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        LimitsBench bench = new LimitsBench(URI.create(o.get("url")), Long.parseLong(o.get("pid")), o.get("key"), o.get("secret"));
        int idle = Integer.parseInt(o.getOrDefault("idle", "10000"));
        int subscribers = Integer.parseInt(o.getOrDefault("subscribers", "1000"));
        int oversized = Integer.parseInt(o.getOrDefault("oversized", "50"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        int slowBytes = Integer.parseInt(o.getOrDefault("slow-bytes", "256"));
        try {
            bench.run(idle, subscribers, oversized, seconds, slowBytes);
        } finally {
            bench.closeAll();
        }
        System.exit(0);
    }

    private void run(int idle, int subscribers, int oversized, int seconds, int slowBytes) throws Exception {
        List<String> consumers = prepare(subscribers);
        phase("baseline", seconds, null, Map::of);

        List<SocketChannel> idles = new ArrayList<>();
        for (int i = 0; i < idle; i++) {
            idles.add(open(0));
        }
        phase("idle", seconds, null, () -> Map.of("idle_open", Long.toString(stillOpen(idles))));

        List<SocketChannel> subs = new ArrayList<>();
        int shards = (subscribers + consumers.size() - 1) / Math.max(1, consumers.size());
        for (int i = 0; i < subscribers; i++) {
            SocketChannel channel = open(4096);
            String body = "{\"ConsumerARN\":\"" + consumers.get(i % consumers.size()) + "\",\"ShardId\":\"shardId-"
                    + String.format("%012d", i / consumers.size() % shards) + "\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}";
            writeFully(channel, signed("SubscribeToShard", body));
            subs.add(channel);
        }
        AtomicLong taken = new AtomicLong();
        Thread reader = Thread.ofPlatform().daemon().name("slow-readers").start(() -> readSlowly(subs, slowBytes, taken));
        phase("subscribers", seconds, null, () -> Map.of("idle_open", Long.toString(stillOpen(idles)),
                "subs_open", Long.toString(stillOpen(subs)), "subs_bytes_read", Long.toString(taken.get())));

        Map<String, Long> answers = new TreeMap<>();
        phase("oversized", seconds, () -> oversizedRequests(oversized, answers), () -> {
            return Map.of("idle_open", Long.toString(stillOpen(idles)), "subs_open", Long.toString(stillOpen(subs)),
                    "subs_bytes_read", Long.toString(taken.get()), "answers", answers.toString().replace(" ", ""));
        });
        reader.interrupt();
    }

    /** One stream with enough shards that every subscriber has a (consumer, shard) pair of its own, a backlog, and the consumers. */
    private List<String> prepare(int subscribers) throws InterruptedException {
        int consumerCount = Math.max(1, Math.min(20, subscribers));
        int shards = Math.max(1, (subscribers + consumerCount - 1) / consumerCount);
        client.createStream(r -> r.streamName("limits").shardCount(shards));
        while (client.describeStreamSummary(r -> r.streamName("limits")).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            Thread.sleep(50);
        }
        byte[] data = new byte[1024];
        Arrays.fill(data, (byte) 'x');
        for (int batch = 0; batch < shards; batch++) { // about 256 KiB per shard for the subscribers to be sent
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + batch + "-" + i).data(SdkBytes.fromByteArray(data)).build());
            }
            client.putRecords(r -> r.streamName("limits").records(entries));
        }
        String streamArn = client.describeStreamSummary(r -> r.streamName("limits")).streamDescriptionSummary().streamARN();
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < consumerCount; i++) {
            String name = "slow-" + i;
            arns.add(client.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName(name)).consumer().consumerARN());
        }
        for (String arn : arns) {
            while (client.describeStreamConsumer(r -> r.consumerARN(arn)).consumerDescription().consumerStatus() != ConsumerStatus.ACTIVE) {
                Thread.sleep(50);
            }
        }
        return arns;
    }

    interface Extra {
        Map<String, String> get() throws Exception;
    }

    interface Load {
        void run() throws Exception;
    }

    /**
     * Probes ListStreams every 20 ms for {@code seconds} (and until {@code during}, run beside it, is done) while
     * sampling the server's RSS, then prints the phase's line with what {@code after} says.
     */
    private void phase(String name, int seconds, Load during, Extra after) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Long> latencies = new ArrayList<>();
        long failures = 0;
        long rssMax = 0;
        ExecutorService side = Executors.newSingleThreadExecutor();
        Future<Object> load = side.submit(() -> {
            if (during != null) {
                during.run();
            }
            return null;
        });
        while (System.nanoTime() < end || !load.isDone()) {
            long started = System.nanoTime();
            try {
                client.listStreams();
                latencies.add(System.nanoTime() - started);
            } catch (RuntimeException e) {
                failures++;
            }
            rssMax = Math.max(rssMax, rssKb());
            Thread.sleep(20);
        }
        load.get();
        side.shutdown();
        Map<String, String> values = new TreeMap<>(after.get());
        latencies.sort(null);
        StringBuilder line = new StringBuilder("phase=" + name + " probes_ok=" + latencies.size() + " probes_failed=" + failures
                + " p50_ms=" + millis(latencies, 0.50) + " p99_ms=" + millis(latencies, 0.99) + " max_ms=" + millis(latencies, 1.0)
                + " rss_max_mb=" + String.format("%.1f", rssMax / 1024.0));
        values.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        System.out.flush();
    }

    private static String millis(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return "n/a";
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return String.format("%.2f", sorted.get(Math.max(0, index)) / 1e6);
    }

    private long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the server is gone: the probes say so
        }
        return 0;
    }

    private SocketChannel open(int receiveBuffer) throws IOException {
        SocketChannel channel = SocketChannel.open();
        if (receiveBuffer > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
        }
        channel.connect(new InetSocketAddress(url.getHost(), url.getPort()));
        channel.configureBlocking(false);
        held.add(channel);
        return channel;
    }

    private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    /** Connections the server has not closed: a read that returns -1 (or fails) means closed. */
    private static long stillOpen(List<SocketChannel> channels) {
        ByteBuffer sink = ByteBuffer.allocate(1);
        long open = 0;
        for (SocketChannel channel : channels) {
            try {
                sink.clear();
                if (channel.isOpen() && channel.read(sink) >= 0) {
                    open++;
                }
            } catch (IOException e) {
                // reset: closed
            }
        }
        return open;
    }

    /** Every second, takes at most {@code bytes} from each subscriber's connection: readers far slower than the server pushes. */
    private static void readSlowly(List<SocketChannel> channels, int bytes, AtomicLong taken) {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (!Thread.currentThread().isInterrupted()) {
            for (SocketChannel channel : channels) {
                try {
                    buffer.clear();
                    int n = channel.isOpen() ? channel.read(buffer) : -1;
                    if (n > 0) {
                        taken.addAndGet(n);
                    }
                } catch (IOException e) {
                    // cut off by the server
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Signed HTTP/1.1 request bytes for a Kinesis operation, as the SDK's own signer signs it. */
    private byte[] signed(String operation, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(url + "/"))
                .putHeader("Host", url.getHost() + ":" + url.getPort())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET + operation).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(key, secret))
                .request(request).payload(ContentStreamProvider.fromByteArray(content))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kinesis")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
        signed.forEachHeader((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(start, start.length + content.length);
        System.arraycopy(content, 0, all, start.length, content.length);
        return all;
    }

    /**
     * {@code count} requests each with 1 MiB of headers, {@code count} declaring a 64 MiB body, and
     * {@code count} sending 15 MiB bodies at once (over the body budget together), one thread each.
     */
    private void oversizedRequests(int count, Map<String, Long> answers) throws Exception {
        String hugeHeader = "X-Padding: " + "x".repeat(1024 * 1024) + "\r\n";
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(64, Math.max(1, count * 3)));
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(pool.submit(() -> "header:" + raw(hugeHeader, 2, 0)));
            results.add(pool.submit(() -> "declared-64MiB:" + raw("", 64 * 1024 * 1024, 1024 * 1024)));
            results.add(pool.submit(() -> "sent-15MiB:" + raw("", 15 * 1024 * 1024, 15 * 1024 * 1024)));
        }
        for (Future<String> result : results) {
            answers.merge(result.get(), 1L, Long::sum);
        }
        pool.shutdown();
    }

    /** A ListStreams with extra header lines and a declared body length of which {@code send} bytes are sent; the answer's status. */
    private String raw(String extraHeaders, int declared, int send) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            try {
                out.write(("POST / HTTP/1.1\r\nHost: " + url.getHost() + "\r\nContent-Type: application/x-amz-json-1.1\r\n"
                        + "X-Amz-Target: " + TARGET + "ListStreams\r\n" + extraHeaders + "Content-Length: " + declared + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int sent = 0; sent < send; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, send - sent));
                }
                out.flush();
            } catch (IOException answeredEarly) {
                // the server answered and closed before the whole request was sent
            }
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int c;
            while (head.length() < 8192 && !head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
                head.append((char) c);
            }
            if (head.length() < 12) {
                return "closed";
            }
            String type = head.toString().lines().filter(l -> l.toLowerCase().startsWith("x-amzn-errortype:"))
                    .map(l -> "-" + l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
            return head.substring(9, 12) + type;
        } catch (IOException e) {
            return "closed";
        }
    }

    private void closeAll() {
        for (AutoCloseable c : held) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        client.close();
    }
}

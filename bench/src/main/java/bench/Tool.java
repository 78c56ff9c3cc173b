package bench;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator for everything wrk cannot do, the same against every server. Each command
 * is bounded in count and time, and prints one line of {@code key=value} pairs for bench/run.
 *
 * <pre>
 * launch   --url U --log F [--cwd D] [--env K=V]... [--timeout-s S] [--probe OP] -- CMD ARGS...
 *          start CMD (detached; it outlives this tool) and poll ListStreams (or OP, e.g.
 *          DynamoDB_20120810.ListTables for a DynamoDB-only server) until it answers 200:
 *          ready_ms (from process start), pid
 * create   --url U --stream S --shards N [--streams K --conns C] [--timeout-s S]
 *          create one stream (or K streams named S-0..S-(K-1)) and wait until ACTIVE
 * fill     --url U --stream S --records N --size B [--batch 500] [--conns C] [--max-s S]
 *          PutRecords of random partition keys until N records are stored or S seconds pass
 * drain    --url U --stream S --limit L [--max-records N] [--max-s S]
 *          read shard 0 from TRIM_HORIZON with GetRecords(Limit L), chaining iterators
 * e2e      --url U --stream S --rate R --seconds T [--size B] [--conns C]
 *          PutRecord at R/s (open loop) while a consumer polls GetRecords; latency from each
 *          PutRecord's acknowledgement to the moment the consumer holds the record
 * fsync    --dir D [--seconds S]      4 KiB write + fdatasync, one writer: fsyncs/s
 * report   --raw F --out F            the markdown table from the raw results bench/run wrote
 * </pre>
 */
public final class Tool {
    private Tool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench.Tool launch|create|fill|drain|e2e|fsync|tables|report [options]");
            System.exit(2);
        }
        String command = args[0];
        Opts o = new Opts(Arrays.copyOfRange(args, 1, args.length));
        int rc = switch (command) {
            case "launch" -> launch(o);
            case "tables" -> TablesSetup.run(o);
            case "create" -> create(o);
            case "fill" -> fill(o);
            case "drain" -> drain(o);
            case "e2e" -> e2e(o);
            case "fsync" -> fsync(o);
            case "report" -> Report.write(Path.of(o.str("raw", null)), Path.of(o.str("out", null)));
            default -> {
                System.err.println("unknown command " + command);
                yield 2;
            }
        };
        System.out.flush();
        System.exit(rc);
    }

    // ---------------------------------------------------------------- launch

    static int launch(Opts o) throws Exception {
        String url = o.str("url", null);
        List<String> cmd = o.rest;
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("launch needs -- CMD");
        }
        long timeoutNanos = TimeUnit.SECONDS.toNanos(o.num("timeout-s", 120));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (o.has("cwd")) {
            pb.directory(new File(o.str("cwd", null)));
        }
        for (String kv : o.all("env")) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        File log = new File(o.str("log", "/dev/null"));
        pb.redirectInput(new File("/dev/null"));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        pb.redirectErrorStream(true);
        byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);
        try (Kinesis k = new Kinesis(url)) {
            long start = System.nanoTime();
            Process p = pb.start();
            while (true) {
                try {
                    Kinesis.Response r = k.call(o.str("probe", "ListStreams"), body, 1000);
                    if (r.ok()) {
                        long readyMicros = (System.nanoTime() - start) / 1000;
                        System.out.printf(Locale.ROOT, "ready_ms=%.1f pid=%d%n", readyMicros / 1000.0, p.pid());
                        return 0;
                    }
                } catch (IOException notYet) {
                    k.close();
                }
                if (!p.isAlive()) {
                    System.out.println("error=exited_before_ready exit=" + p.exitValue());
                    return 1;
                }
                if (System.nanoTime() - start > timeoutNanos) {
                    p.destroyForcibly();
                    System.out.println("error=not_ready_in_time");
                    return 1;
                }
                Thread.sleep(0, 500_000);
            }
        }
    }

    // ---------------------------------------------------------------- create

    static int create(Opts o) throws Exception {
        String url = o.str("url", null);
        String stream = o.str("stream", null);
        int shards = (int) o.num("shards", 1);
        int count = (int) o.num("streams", 0);
        int conns = (int) o.num("conns", 4);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.num("timeout-s", 300));
        List<String> names = new ArrayList<>();
        if (count == 0) {
            names.add(stream);
        } else {
            for (int i = 0; i < count; i++) {
                names.add(stream + "-" + i);
            }
        }
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(conns, names.size()));
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < Math.min(conns, names.size()); t++) {
            results.add(pool.submit(() -> {
                try (Kinesis k = new Kinesis(url)) {
                    for (int i = next.getAndIncrement(); i < names.size(); i = next.getAndIncrement()) {
                        if (!createOne(k, names.get(i), shards, deadline, errors)) {
                            return false;
                        }
                    }
                }
                return true;
            }));
        }
        boolean ok = true;
        for (Future<Boolean> f : results) {
            ok &= f.get();
        }
        pool.shutdown();
        // wait until all are ACTIVE
        try (Kinesis k = new Kinesis(url)) {
            for (String name : names) {
                while (true) {
                    String status = null;
                    try {
                        Kinesis.Response r = k.call("DescribeStream", "{\"StreamName\":" + Kinesis.quote(name) + ",\"Limit\":1}");
                        status = r.ok() ? Kinesis.Json.str(r.body(), "StreamStatus") : null;
                    } catch (IOException e) {
                        k.close();
                    }
                    if ("ACTIVE".equals(status)) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        System.out.println("error=not_active_in_time stream=" + name);
                        return 1;
                    }
                    Thread.sleep(20);
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "streams=%d shards=%d seconds=%.2f errors=%d%n", names.size(), shards, seconds, errors.get());
        return ok ? 0 : 1;
    }

    private static boolean createOne(Kinesis k, String name, int shards, long deadline, AtomicInteger errors) throws Exception {
        String body = "{\"StreamName\":" + Kinesis.quote(name) + ",\"ShardCount\":" + shards + "}";
        while (true) {
            try {
                Kinesis.Response r = k.call("CreateStream", body);
                String err = r.errorType();
                if (r.ok() || err.equals("ResourceInUseException")) {
                    return true;
                }
                errors.incrementAndGet();
                if (!err.equals("LimitExceededException")) {
                    System.err.println("CreateStream " + name + ": " + r.status() + " " + r.text());
                    return false;
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                k.close();
            }
            if (System.nanoTime() > deadline) {
                System.err.println("CreateStream " + name + ": out of time");
                return false;
            }
            Thread.sleep(50);
        }
    }

    // ---------------------------------------------------------------- fill

    static int fill(Opts o) throws Exception {
        String url = o.str("url", null);
        String stream = o.str("stream", null);
        long target = o.num("records", 1_000_000);
        int size = (int) o.num("size", 100);
        int batch = (int) o.num("batch", 500);
        int conns = (int) o.num("conns", 4);
        long maxNanos = TimeUnit.SECONDS.toNanos(o.num("max-s", 60));
        // random data: a fresh value per record for small records, a pool of 8 per connection for large ones
        boolean pooled = (long) size * batch > 4 << 20 || size > 64 << 10;
        AtomicLong reserved = new AtomicLong();
        AtomicLong stored = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long t0 = System.nanoTime();
        long deadline = t0 + maxNanos;
        ExecutorService pool = Executors.newFixedThreadPool(conns);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < conns; t++) {
            futures.add(pool.submit(() -> {
                try (Kinesis k = new Kinesis(url)) {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    List<String> blobs = new ArrayList<>();
                    if (pooled) {
                        for (int i = 0; i < 8; i++) {
                            blobs.add(Kinesis.data(size));
                        }
                    }
                    long sent = 0;
                    while (System.nanoTime() < deadline) {
                        long start = reserved.getAndAdd(batch);
                        if (start >= target) {
                            return null;
                        }
                        int n = (int) Math.min(batch, target - start);
                        List<String> keys = new ArrayList<>(n);
                        List<String> values = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            keys.add(Long.toHexString(rnd.nextLong()));
                            values.add(pooled ? blobs.get((int) (sent++ % blobs.size())) : Kinesis.data(size));
                        }
                        byte[] body = Kinesis.putRecordsBody(stream, keys, values);
                        try {
                            Kinesis.Response r = k.call("PutRecords", body);
                            if (r.ok()) {
                                long f = Kinesis.Json.num(r.body(), "FailedRecordCount", 0);
                                failed.addAndGet(f);
                                stored.addAndGet(n - f);
                                if (f > 0) {
                                    reserved.addAndGet(-f); // write them again
                                }
                            } else {
                                errors.incrementAndGet();
                                reserved.addAndGet(-n);
                                if (errors.get() <= 3) {
                                    System.err.println("PutRecords: " + r.status() + " " + r.text());
                                }
                                Thread.sleep(20);
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            reserved.addAndGet(-n);
                            k.close();
                            if (errors.get() <= 3) {
                                System.err.println("PutRecords: " + e);
                            }
                            Thread.sleep(20);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long recs = stored.get();
        System.out.printf(Locale.ROOT, "records=%d bytes=%d seconds=%.3f records_per_s=%.1f mb_per_s=%.2f failed=%d errors=%d%n",
                recs, recs * size, seconds, recs / seconds, recs * (double) size / seconds / 1e6, failed.get(), errors.get());
        return 0;
    }

    // ---------------------------------------------------------------- drain

    static String shardIterator(Kinesis k, String stream, String shardId, String type) throws IOException {
        Kinesis.Response r = k.call("GetShardIterator", "{\"StreamName\":" + Kinesis.quote(stream) + ",\"ShardId\":"
                + Kinesis.quote(shardId) + ",\"ShardIteratorType\":\"" + type + "\"}");
        if (!r.ok()) {
            throw new IOException("GetShardIterator: " + r.status() + " " + r.text());
        }
        return Kinesis.Json.str(r.body(), "ShardIterator");
    }

    static String firstShard(Kinesis k, String stream) throws IOException {
        Kinesis.Response r = k.call("DescribeStream", "{\"StreamName\":" + Kinesis.quote(stream) + ",\"Limit\":1}");
        if (!r.ok()) {
            throw new IOException("DescribeStream: " + r.status() + " " + r.text());
        }
        return Kinesis.Json.str(r.body(), "ShardId");
    }

    static int drain(Opts o) throws Exception {
        String url = o.str("url", null);
        String stream = o.str("stream", null);
        int limit = (int) o.num("limit", 10_000);
        long max = o.num("max-records", Long.MAX_VALUE);
        long maxNanos = TimeUnit.SECONDS.toNanos(o.num("max-s", 60));
        try (Kinesis k = new Kinesis(url)) {
            String iterator = shardIterator(k, stream, firstShard(k, stream), "TRIM_HORIZON");
            long records = 0;
            long bytes = 0;
            long calls = 0;
            long errors = 0;
            long emptyAtEnd = 0;
            byte[] prefix = ("{\"ShardIterator\":").getBytes(StandardCharsets.US_ASCII);
            byte[] suffix = (",\"Limit\":" + limit + "}").getBytes(StandardCharsets.US_ASCII);
            long t0 = System.nanoTime();
            long deadline = t0 + maxNanos;
            String stop = "time";
            while (System.nanoTime() < deadline) {
                byte[] it = Kinesis.quote(iterator).getBytes(StandardCharsets.US_ASCII);
                byte[] body = new byte[prefix.length + it.length + suffix.length];
                System.arraycopy(prefix, 0, body, 0, prefix.length);
                System.arraycopy(it, 0, body, prefix.length, it.length);
                System.arraycopy(suffix, 0, body, prefix.length + it.length, suffix.length);
                Kinesis.Response r = k.call("GetRecords", body);
                calls++;
                if (!r.ok()) {
                    errors++;
                    if (errors <= 3) {
                        System.err.println("GetRecords: " + r.status() + " " + r.text());
                    }
                    if (errors > 1000) {
                        stop = "errors";
                        break;
                    }
                    Thread.sleep(10);
                    continue;
                }
                int n = Kinesis.Json.count(r.body(), "SequenceNumber");
                records += n;
                bytes += r.body().length;
                String next = Kinesis.Json.str(r.body(), "NextShardIterator");
                if (next == null) {
                    stop = "shard_closed";
                    break;
                }
                iterator = next;
                if (records >= max) {
                    stop = "count";
                    break;
                }
                if (n == 0 && Kinesis.Json.num(r.body(), "MillisBehindLatest", 1) == 0 && ++emptyAtEnd >= 3) {
                    stop = "end";
                    break;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "records=%d seconds=%.3f records_per_s=%.1f calls=%d response_mb=%.1f errors=%d stop=%s%n",
                    records, seconds, records / seconds, calls, bytes / 1e6, errors, stop);
        }
        return 0;
    }

    // ---------------------------------------------------------------- e2e

    static int e2e(Opts o) throws Exception {
        String url = o.str("url", null);
        String stream = o.str("stream", null);
        int rate = (int) o.num("rate", 1000);
        int seconds = (int) o.num("seconds", 10);
        int warmup = (int) o.num("warmup-s", 0);
        int size = (int) o.num("size", 100);
        int conns = (int) o.num("conns", 8);
        boolean subscribe = o.str("mode", "poll").equals("subscribe");
        // a consumer of its own for the warm-up and for the measured run: a server may keep a
        // subscription active for a while after its connection closed, and refuses a second one
        String warmArn = null;
        String consumerArn = null;
        if (subscribe) {
            try {
                warmArn = warmup > 0 ? registerConsumer(url, stream, "bench-e2e-warmup") : null;
                consumerArn = registerConsumer(url, stream, "bench-e2e");
            } catch (IOException e) {
                System.out.println("error=subscribe_unsupported detail=" + e.getMessage().replace(' ', '_'));
                return 0;
            }
        }
        if (warmup > 0) {
            e2eOnce(url, stream, rate, warmup, size, conns, warmArn); // same path, figures discarded
        }
        System.out.println(e2eOnce(url, stream, rate, seconds, size, conns, consumerArn));
        return 0;
    }

    /** Registers (or finds) a stream consumer and waits until it is ACTIVE; returns its ARN. */
    static String registerConsumer(String url, String stream, String name) throws Exception {
        try (Kinesis k = new Kinesis(url)) {
            Kinesis.Response d = k.call("DescribeStream", "{\"StreamName\":" + Kinesis.quote(stream) + ",\"Limit\":1}");
            String streamArn = Kinesis.Json.str(d.body(), "StreamARN");
            if (!d.ok() || streamArn == null) {
                throw new IOException("DescribeStream " + d.status());
            }
            String ident = "{\"StreamARN\":" + Kinesis.quote(streamArn) + ",\"ConsumerName\":" + Kinesis.quote(name) + "}";
            Kinesis.Response r = k.call("RegisterStreamConsumer", ident);
            if (!r.ok() && !r.errorType().equals("ResourceInUseException")) {
                throw new IOException("RegisterStreamConsumer: " + r.errorType());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                Kinesis.Response c = k.call("DescribeStreamConsumer", ident);
                if (c.ok() && "ACTIVE".equals(Kinesis.Json.str(c.body(), "ConsumerStatus"))) {
                    return Kinesis.Json.str(c.body(), "ConsumerARN");
                }
                Thread.sleep(20);
            }
            throw new IOException("consumer not ACTIVE in 30 s");
        }
    }

    /** One open-loop run: PutRecord at rate/s for seconds while one consumer reads; the result line. */
    static String e2eOnce(String url, String stream, int rate, int seconds, int size, int conns, String consumerArn) throws Exception {
        long total = (long) rate * seconds;
        String data = Kinesis.data(size);
        // sequence number -> the first of its two events (acknowledged, seen by the consumer)
        ConcurrentHashMap<String, long[]> pending = new ConcurrentHashMap<>();
        long[] latencies = new long[(int) total];
        AtomicInteger nLat = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong sentOk = new AtomicLong();
        AtomicLong seen = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Kinesis consumerConn = new Kinesis(url);
        String shard;
        try (Kinesis k = new Kinesis(url)) {
            shard = firstShard(k, stream);
        }
        ExecutorService pool = Executors.newFixedThreadPool(conns + 1);
        java.util.concurrent.CountDownLatch consumerReady = new java.util.concurrent.CountDownLatch(1);
        Future<?> consumer;
        if (consumerArn == null) {
            String first = shardIterator(consumerConn, stream, shard, "LATEST");
            consumerReady.countDown();
            consumer = pool.submit(() -> {
                String it = first;
                while (!stop.get()) {
                    Kinesis.Response r = consumerConn.call("GetRecords", "{\"ShardIterator\":" + Kinesis.quote(it) + ",\"Limit\":10000}");
                    long now = System.nanoTime();
                    reads.incrementAndGet();
                    if (!r.ok()) {
                        errors.incrementAndGet();
                        Thread.sleep(1);
                        continue;
                    }
                    List<String> seqs = Kinesis.Json.all(r.body(), "SequenceNumber");
                    for (String seq : seqs) {
                        seen.incrementAndGet();
                        meet(pending, seq, now, false, latencies, nLat);
                    }
                    String next = Kinesis.Json.str(r.body(), "NextShardIterator");
                    if (next == null) {
                        break;
                    }
                    it = next;
                    if (seqs.isEmpty()) {
                        Thread.sleep(1); // an idle poller asks again after 1 ms
                    }
                }
                return null;
            });
        } else {
            String body = "{\"ConsumerARN\":" + Kinesis.quote(consumerArn) + ",\"ShardId\":" + Kinesis.quote(shard)
                    + ",\"StartingPosition\":{\"Type\":\"LATEST\"}}";
            consumer = pool.submit(() -> {
                try {
                    Kinesis.StreamingResponse sr = consumerConn.openStream("SubscribeToShard", body.getBytes(StandardCharsets.US_ASCII));
                    if (sr.status() != 200) {
                        errors.incrementAndGet();
                        System.err.println("SubscribeToShard: HTTP " + sr.status() + " " + new String(sr.body().readAllBytes(), StandardCharsets.UTF_8));
                        consumerReady.countDown();
                        return null;
                    }
                    java.io.DataInputStream in = new java.io.DataInputStream(sr.body());
                    while (!stop.get()) {
                        int totalLen = in.readInt();
                        int headersLen = in.readInt();
                        in.readInt(); // prelude CRC
                        byte[] headers = in.readNBytes(headersLen);
                        byte[] payload = in.readNBytes(totalLen - headersLen - 16);
                        in.readInt(); // message CRC
                        long now = System.nanoTime();
                        String type = eventHeader(headers, ":event-type");
                        String messageType = eventHeader(headers, ":message-type");
                        if ("exception".equals(messageType) || "error".equals(messageType)) {
                            errors.incrementAndGet();
                            System.err.println("SubscribeToShard: " + eventHeader(headers, ":exception-type") + " "
                                    + new String(payload, StandardCharsets.UTF_8));
                            break;
                        }
                        if ("initial-response".equals(type)) {
                            consumerReady.countDown();
                            continue;
                        }
                        consumerReady.countDown();
                        reads.incrementAndGet();
                        for (String seq : Kinesis.Json.all(payload, "SequenceNumber")) {
                            seen.incrementAndGet();
                            meet(pending, seq, now, false, latencies, nLat);
                        }
                    }
                } catch (IOException e) {
                    if (!stop.get()) {
                        errors.incrementAndGet();
                        System.err.println("SubscribeToShard: " + e);
                    }
                } finally {
                    consumerReady.countDown();
                }
                return null;
            });
        }
        if (!consumerReady.await(30, TimeUnit.SECONDS)) {
            errors.incrementAndGet();
        }
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long intervalNanos = 1_000_000_000L / rate;
        AtomicLong ticket = new AtomicLong();
        long producerDeadline = t0 + TimeUnit.SECONDS.toNanos(seconds) + TimeUnit.SECONDS.toNanos(Math.max(5, seconds));
        AtomicLong lastAck = new AtomicLong(t0);
        List<Future<?>> producers = new ArrayList<>();
        for (int t = 0; t < conns; t++) {
            producers.add(pool.submit(() -> {
                try (Kinesis k = new Kinesis(url)) {
                    for (long i = ticket.getAndIncrement(); i < total; i = ticket.getAndIncrement()) {
                        long due = t0 + i * intervalNanos;
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            if (wait > 200_000) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            } else {
                                Thread.onSpinWait();
                            }
                        }
                        if (System.nanoTime() > producerDeadline) {
                            return null; // cannot keep up: stop
                        }
                        String body = "{\"StreamName\":" + Kinesis.quote(stream) + ",\"PartitionKey\":\"k" + i + "\",\"Data\":\"" + data + "\"}";
                        try {
                            Kinesis.Response r = k.call("PutRecord", body);
                            long now = System.nanoTime();
                            if (r.ok()) {
                                sentOk.incrementAndGet();
                                lastAck.accumulateAndGet(now, Math::max);
                                meet(pending, Kinesis.Json.str(r.body(), "SequenceNumber"), now, true, latencies, nLat);
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            k.close();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : producers) {
            f.get();
        }
        long consumerDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.get() < sentOk.get() && System.nanoTime() < consumerDeadline && !consumer.isDone()) {
            Thread.sleep(2);
        }
        stop.set(true);
        consumerConn.close(); // ends a subscription's blocking read
        try {
            consumer.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ignored) {
            // closed under it
        }
        pool.shutdownNow();
        int n = Math.min(nLat.get(), latencies.length);
        long[] lat = Arrays.copyOf(latencies, n);
        Arrays.sort(lat);
        double achieved = sentOk.get() / Math.max(1e-9, (lastAck.get() - t0) / 1e9);
        return String.format(Locale.ROOT,
                "mode=%s sent=%d seen=%d measured=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f achieved_rate=%.1f reads=%d errors=%d",
                consumerArn == null ? "poll" : "subscribe", sentOk.get(), seen.get(), n, pct(lat, 50) / 1e6, pct(lat, 99) / 1e6,
                n == 0 ? 0 : lat[n - 1] / 1e6, achieved, reads.get(), errors.get());
    }

    /** The string value of an event-stream header (type 7), or null. */
    static String eventHeader(byte[] h, String name) {
        int i = 0;
        while (i < h.length) {
            int nameLen = h[i++] & 0xff;
            String n = new String(h, i, nameLen, StandardCharsets.US_ASCII);
            i += nameLen;
            int type = h[i++] & 0xff;
            int len;
            switch (type) {
                case 0, 1 -> len = 0;
                case 2 -> len = 1;
                case 3 -> len = 2;
                case 4 -> len = 4;
                case 5, 8 -> len = 8;
                case 9 -> len = 16;
                case 6, 7 -> {
                    len = ((h[i] & 0xff) << 8) | (h[i + 1] & 0xff);
                    i += 2;
                }
                default -> {
                    return null;
                }
            }
            if (n.equals(name) && type == 7) {
                return new String(h, i, len, StandardCharsets.UTF_8);
            }
            i += len;
        }
        return null;
    }

    /**
     * Records one of a record's two events; the second one closes it with a latency from the
     * acknowledgement to the consumer holding it (0 when the consumer saw it first).
     */
    private static void meet(ConcurrentHashMap<String, long[]> pending, String seq, long at, boolean isAck, long[] latencies,
                             AtomicInteger nLat) {
        if (seq == null) {
            return;
        }
        pending.compute(seq, (k, first) -> {
            if (first == null) {
                return new long[] {isAck ? 1 : 0, at};
            }
            boolean firstWasAck = first[0] == 1;
            if (firstWasAck == isAck) {
                return first; // a duplicate: keep the first
            }
            long latency = isAck ? 0 : Math.max(0, at - first[1]);
            int i = nLat.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = latency;
            }
            return null;
        });
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    // ---------------------------------------------------------------- fsync

    static int fsync(Opts o) throws Exception {
        Path dir = Path.of(o.str("dir", "."));
        double secs = o.num("seconds", 5);
        Path file = Files.createTempFile(dir, "fsync", ".bin");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"); FileChannel ch = raf.getChannel()) {
            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
            long n = 0;
            long t0 = System.nanoTime();
            long end = t0 + (long) (secs * 1e9);
            while (System.nanoTime() < end) {
                buf.clear();
                ch.write(buf, (n % 1024) * 4096);
                ch.force(false);
                n++;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "fsyncs_per_s=%.0f seconds=%.2f%n", n / s, s);
        } finally {
            Files.deleteIfExists(file);
        }
        return 0;
    }

    // ---------------------------------------------------------------- options

    static final class Opts {
        final Map<String, List<String>> values = new LinkedHashMap<>();
        final List<String> rest = new ArrayList<>();

        Opts(String[] args) {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--")) {
                    rest.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    break;
                }
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad option " + args[i]);
                }
                values.computeIfAbsent(args[i].substring(2), x -> new ArrayList<>()).add(args[++i]);
            }
        }

        boolean has(String k) {
            return values.containsKey(k);
        }

        String str(String k, String def) {
            List<String> v = values.get(k);
            if (v == null) {
                if (def == null) {
                    throw new IllegalArgumentException("--" + k + " is needed");
                }
                return def;
            }
            return v.get(v.size() - 1);
        }

        long num(String k, long def) {
            List<String> v = values.get(k);
            return v == null ? def : Long.parseLong(v.get(v.size() - 1));
        }

        List<String> all(String k) {
            return values.getOrDefault(k, List.of());
        }
    }

    static Map<String, String> parseKv(String line) {
        Map<String, String> m = new HashMap<>();
        for (String part : line.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return m;
    }
}

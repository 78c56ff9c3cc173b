package wildrydes.lab.producer;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;

/**
 * Sends unicorn readings: every tick each unicorn of the fleet takes one simulated second and
 * its reading is put on the stream (PutRecord for one unicorn, PutRecords in batches of up to
 * 500 for a fleet). One {@code .} per successful put, as the original producer printed.
 */
public final class Producer {
    public static final DateTimeFormatter STATUS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final int MAX_BATCH = 500;
    private static final int MAX_ATTEMPTS = 6;

    /**
     * @param stream   the stream to write to
     * @param names    one unicorn per name
     * @param rate     readings per second per unicorn
     * @param count    readings per unicorn before stopping; 0 for no limit
     * @param duration how long to run; null for no limit
     */
    public record Settings(String stream, List<String> names, double rate, long count, Duration duration) {
    }

    /** What was sent, for the summary line. */
    public record Summary(long sent, long failed, double seconds) {
        public String describe(int unicorns) {
            double perSecond = seconds > 0 ? sent / seconds : 0;
            return String.format("producer: sent %d reading%s from %d unicorn%s in %.1f s (%.1f/s), %d failed",
                    sent, sent == 1 ? "" : "s", unicorns, unicorns == 1 ? "" : "s", seconds, perSecond, failed);
        }
    }

    private final KinesisClient kinesis;
    private final KinesisEndpoint endpoint;
    private final Settings settings;
    private final PrintStream dots;
    private final PrintStream errors;
    private long sent;
    private long failed;

    public Producer(KinesisClient kinesis, KinesisEndpoint endpoint, Settings settings, PrintStream dots, PrintStream errors) {
        this.kinesis = kinesis;
        this.endpoint = endpoint;
        this.settings = settings;
        this.dots = dots;
        this.errors = errors;
    }

    /** The fleet's names: the given name, then numbered ones ({@code Shadowfax-2}, ...) for a fleet. */
    public static List<String> fleet(String name, int size) {
        List<String> names = new ArrayList<>(size);
        names.add(name);
        for (int i = 2; i <= size; i++) {
            names.add(name + "-" + i);
        }
        return names;
    }

    /** Runs until the count or duration is reached or {@code stop} is set. */
    public Summary run(AtomicBoolean stop) {
        Random random = new Random();
        List<Unicorn> unicorns = settings.names().stream().map(n -> new Unicorn(n, random)).toList();
        long periodNanos = (long) (1_000_000_000L / settings.rate());
        long started = System.nanoTime();
        long deadline = settings.duration() == null ? Long.MAX_VALUE : started + settings.duration().toNanos();
        long nextTick = started;
        long ticks = 0;
        while (!stop.get() && (settings.count() == 0 || ticks < settings.count()) && System.nanoTime() < deadline) {
            String statusTime = LocalDateTime.now().format(STATUS_TIME);
            List<Reading> readings = new ArrayList<>(unicorns.size());
            for (Unicorn unicorn : unicorns) {
                readings.add(unicorn.step(statusTime));
            }
            send(readings, stop);
            ticks++;
            nextTick += periodNanos;
            long wait = Math.min(nextTick, deadline) - System.nanoTime();
            if (wait > 0 && !stop.get() && (settings.count() == 0 || ticks < settings.count())) {
                sleepNanos(wait, stop);
            }
        }
        return new Summary(sent, failed, (System.nanoTime() - started) / 1e9);
    }

    private void send(List<Reading> readings, AtomicBoolean stop) {
        if (readings.size() == 1) {
            Reading reading = readings.get(0);
            if (putWithRetries(reading, stop)) {
                sent++;
                dot();
            } else {
                failed++;
            }
            return;
        }
        for (int from = 0; from < readings.size(); from += MAX_BATCH) {
            List<Reading> batch = readings.subList(from, Math.min(readings.size(), from + MAX_BATCH));
            putBatchWithRetries(batch, stop);
        }
    }

    private boolean putWithRetries(Reading reading, AtomicBoolean stop) {
        for (int attempt = 1; ; attempt++) {
            try {
                kinesis.putRecord(r -> r.streamName(settings.stream()).partitionKey(reading.name())
                        .data(SdkBytes.fromByteArray(reading.toBytes())));
                return true;
            } catch (SdkException e) {
                if (!retryable(e) || attempt >= MAX_ATTEMPTS || stop.get()) {
                    reportOrThrow(e);
                    return false;
                }
                backOff(attempt, stop);
            }
        }
    }

    private void putBatchWithRetries(List<Reading> batch, AtomicBoolean stop) {
        List<Reading> pending = batch;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>(pending.size());
            for (Reading reading : pending) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(reading.name())
                        .data(SdkBytes.fromByteArray(reading.toBytes())).build());
            }
            List<Reading> retry = new ArrayList<>();
            try {
                PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(settings.stream()).records(entries));
                List<PutRecordsResultEntry> results = response.records();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).errorCode() == null) {
                        sent++;
                    } else {
                        retry.add(pending.get(i));
                    }
                }
                if (retry.size() < pending.size()) {
                    dot();
                }
            } catch (SdkException e) {
                if (!retryable(e) || stop.get()) {
                    reportOrThrow(e);
                    failed += pending.size();
                    return;
                }
                retry = pending;
            }
            if (!retry.isEmpty() && (attempt >= MAX_ATTEMPTS || stop.get())) {
                errors.println("\nproducer: gave up on " + retry.size() + " reading(s) after " + attempt + " attempts");
                failed += retry.size();
                return;
            }
            if (!retry.isEmpty()) {
                backOff(attempt, stop);
            }
            pending = retry;
        }
    }

    private static boolean retryable(SdkException e) {
        return e instanceof ProvisionedThroughputExceededException || e.retryable()
                || (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s && s.statusCode() >= 500);
    }

    /** Problems a person must fix stop the producer (as the original did); others are reported. */
    private void reportOrThrow(SdkException e) {
        RuntimeException explained = Explain.explain(e, endpoint, settings.stream());
        if (explained instanceof LabException) {
            throw explained;
        }
        if (!retryable(e)) {
            throw new LabException("PutRecord failed: " + e.getMessage());
        }
        errors.println("\nproducer: " + e.getMessage());
    }

    private void dot() {
        dots.print('.');
        dots.flush();
    }

    private static void backOff(int attempt, AtomicBoolean stop) {
        long millis = Math.min(3_000, 100L << Math.min(attempt, 5));
        sleepNanos(millis * 1_000_000 + (long) (Math.random() * millis * 500_000), stop);
    }

    private static void sleepNanos(long nanos, AtomicBoolean stop) {
        long end = System.nanoTime() + nanos;
        long left;
        while ((left = end - System.nanoTime()) > 0 && !stop.get()) {
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, 100_000_000L));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

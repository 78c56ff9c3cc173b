package wildrydes.lab.process.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import wildrydes.lab.process.FunctionEvent;
import wildrydes.lab.process.InvocationResult;
import wildrydes.lab.process.Json;
import wildrydes.lab.tail.TailRecord;

/**
 * One shard of an event source mapping, on that shard's reader thread: gathers records into
 * batches (batch size, batch window, 6 MB payload, one tumbling window per batch), invokes the
 * function with one batch at a time, and applies Lambda's rules when it fails: retries (up to
 * MaximumRetryAttempts; splits by BisectBatchOnFunctionError do not count), MaximumRecordAge,
 * partial batch responses, and discarding to the on-failure destination. The durable checkpoint
 * moves only past records that are done (succeeded or discarded), so after a crash the batch in
 * flight is invoked again, as Lambda would retry it.
 */
final class ShardMapping {
    private static final long MAX_STATE_BYTES = 1024 * 1024;

    private final String shardId;
    private final MappingContext context;
    private final MappingSettings settings;
    private final List<TailRecord> buffer = new ArrayList<>();
    private long bufferSince;
    private WindowState window;
    private boolean caughtUp;

    ShardMapping(String shardId, MappingContext context) {
        this.shardId = shardId;
        this.context = context;
        this.settings = context.settings();
        this.window = context.state().window(shardId);
    }

    /** Takes a read's records (maybe none) and invokes the function for every batch that is ready. */
    void deliver(List<TailRecord> records, long millisBehindLatest) throws InterruptedException, IOException {
        if (!records.isEmpty()) {
            if (buffer.isEmpty()) {
                bufferSince = System.nanoTime();
            }
            buffer.addAll(records);
        }
        caughtUp = millisBehindLatest == 0 || records.isEmpty() && millisBehindLatest < 0;
        drain(false);
    }

    /** The shard ended: everything left is invoked, an open window closed; then the shard is finished. */
    void ended() throws InterruptedException, IOException {
        drain(true);
        if (!stopped() && window != null) {
            closeWindow(false);
        }
        if (!stopped()) {
            context.state().finish(shardId);
        }
    }

    private boolean stopped() {
        return context.stopped().getAsBoolean();
    }

    private void drain(boolean all) throws InterruptedException, IOException {
        while (!buffer.isEmpty() && !stopped()) {
            if (settings.tumblingWindowSeconds() > 0 && windowOver(buffer.getFirst().arrival())) {
                closeWindow(false);
                continue;
            }
            int ready = batchEnd();
            boolean full = ready < buffer.size() || ready >= settings.batchSize();
            boolean waited = System.nanoTime() - bufferSince >= settings.batchWindow().toNanos();
            if (!(full || waited || all)) {
                return;
            }
            List<TailRecord> batch = new ArrayList<>(buffer.subList(0, ready));
            if (!process(batch)) {
                return; // stopped: nothing more is checkpointed
            }
            buffer.subList(0, ready).clear();
            bufferSince = System.nanoTime();
        }
        if (!stopped() && window != null && buffer.isEmpty() && caughtUp && !context.clock().instant().isBefore(window.end())) {
            closeWindow(false);
        }
    }

    /** Whether a record arriving then belongs after the open window, which must close first. */
    private boolean windowOver(Instant arrival) {
        return window != null && !window.holds(arrival);
    }

    /** How many buffered records the next batch takes: batch size, payload limit, one tumbling window. */
    private int batchEnd() {
        long size = 200;
        int n = 0;
        Instant windowStart = null;
        for (TailRecord record : buffer) {
            if (n >= settings.batchSize()) {
                break;
            }
            long next = FunctionEvent.estimatedSize(record, context.source());
            if (n > 0 && size + next > MappingSettings.MAX_PAYLOAD_BYTES) {
                break;
            }
            if (settings.tumblingWindowSeconds() > 0) {
                Instant start = WindowState.holding(arrival(record), settings.tumblingWindowSeconds(), null).start();
                if (windowStart != null && !windowStart.equals(start)) {
                    break;
                }
                windowStart = start;
            }
            size += next;
            n++;
        }
        return n;
    }

    private static Instant arrival(TailRecord record) {
        return record.arrival() == null ? Instant.EPOCH : record.arrival();
    }

    /** A batch and how often it was retried; bisected halves inherit the count. */
    private record Attempt(List<TailRecord> records, int retries, int invocations, InvocationResult last) {
    }

    /** Handles one batch to the end (done or discarded); false if the tool stopped first. */
    private boolean process(List<TailRecord> batch) throws InterruptedException, IOException {
        Deque<Attempt> work = new ArrayDeque<>();
        work.push(new Attempt(batch, 0, 0, null));
        while (!work.isEmpty()) {
            if (stopped()) {
                return false;
            }
            Attempt attempt = work.pop();
            List<TailRecord> expired = expired(attempt.records());
            if (!expired.isEmpty()) {
                discard(expired, "RecordAgeExceeded", attempt);
                if (expired.size() < attempt.records().size()) {
                    work.push(new Attempt(attempt.records().subList(expired.size(), attempt.records().size()), attempt.retries(),
                            attempt.invocations(), attempt.last()));
                }
                continue;
            }
            if (settings.tumblingWindowSeconds() > 0 && (window == null || !window.holds(arrival(attempt.records().getFirst())))) {
                window = WindowState.holding(arrival(attempt.records().getFirst()), settings.tumblingWindowSeconds(), Json.object());
            }
            InvocationResult result = invoke(attempt.records(), false, false);
            if (stopped()) {
                return false;
            }
            FunctionResponse response = FunctionResponse.of(result, attempt.records(), settings.reportBatchItemFailures());
            int size = attempt.records().size();
            report(attempt.records(), result, response.success(size) ? null : response.reason());
            if (response.success(size)) {
                keepState(response.state());
                checkpoint(attempt.records().getLast());
                continue;
            }
            Attempt tried = new Attempt(attempt.records(), attempt.retries(), attempt.invocations() + 1, result);
            if (!result.failed() && response.failedFrom() > 0) {
                keepState(response.state());
                checkpoint(attempt.records().get(response.failedFrom() - 1));
                tried = new Attempt(attempt.records().subList(response.failedFrom(), size), attempt.retries(), 1, result);
            }
            if (result.failed() && settings.bisectBatchOnFunctionError() && size > 1) {
                context.listener().bisected(shardId, size);
                work.push(new Attempt(tried.records().subList(size / 2, size), tried.retries(), 0, result));
                work.push(new Attempt(tried.records().subList(0, size / 2), tried.retries(), 0, result));
                continue;
            }
            if (settings.maximumRetryAttempts() >= 0 && tried.retries() >= settings.maximumRetryAttempts()) {
                discard(tried.records(), "RetryAttemptsExhausted", tried);
                continue;
            }
            pause(tried.retries());
            work.push(new Attempt(tried.records(), tried.retries() + 1, tried.invocations(), result));
        }
        return true;
    }

    private InvocationResult invoke(List<TailRecord> records, boolean finalInvoke, boolean terminatedEarly) throws InterruptedException {
        FunctionEvent.Window eventWindow = window == null ? null
                : new FunctionEvent.Window(window.start(), window.end(), window.state(), finalInvoke, terminatedEarly);
        return context.function().invoke(new FunctionEvent(context.source(), shardId, records, eventWindow));
    }

    private void report(List<TailRecord> records, InvocationResult result, String outcome) {
        long age = records.isEmpty() ? 0 : Math.max(0, context.clock().millis() - arrival(records.getLast()).toEpochMilli());
        context.listener().invoked(shardId, records, result, age, outcome);
    }

    private void keepState(JsonNode state) throws InterruptedException, IOException {
        if (window == null) {
            return;
        }
        window = window.withState(state == null ? Json.object() : state);
        if (Json.write(window.state()).length() > MAX_STATE_BYTES) {
            closeWindow(true);
        }
    }

    /** The window's final invocation (no records, its last state); retried like any batch, then the state is dropped. */
    private void closeWindow(boolean terminatedEarly) throws InterruptedException, IOException {
        for (int retries = 0; !stopped(); retries++) {
            InvocationResult result = invoke(List.of(), true, terminatedEarly);
            if (stopped()) {
                return;
            }
            report(List.of(), result, result.failed() ? FunctionResponse.errorMessage(result) : null);
            if (!result.failed() || settings.maximumRetryAttempts() >= 0 && retries >= settings.maximumRetryAttempts()) {
                break;
            }
            pause(retries);
        }
        if (terminatedEarly) {
            window = window.withState(Json.object());
        } else {
            window = null;
            context.state().advance(shardId, null, null);
        }
    }

    private List<TailRecord> expired(List<TailRecord> records) {
        if (settings.maximumRecordAgeSeconds() < 0) {
            return List.of();
        }
        Instant oldest = context.clock().instant().minusSeconds(settings.maximumRecordAgeSeconds());
        int n = 0;
        while (n < records.size() && arrival(records.get(n)).isBefore(oldest)) {
            n++;
        }
        return records.subList(0, n);
    }

    private void discard(List<TailRecord> records, String condition, Attempt attempt) throws InterruptedException, IOException {
        if (context.destination() != null) {
            byte[] document = FailureRecord.of(condition, context.functionArn(), context.source().streamArn(), shardId, records,
                    attempt.invocations(), attempt.last(), context.clock().instant());
            for (int tries = 0; !stopped(); tries++) {
                try {
                    context.destination().send(shardId, document);
                    break;
                } catch (IOException | RuntimeException e) {
                    context.listener().notice(shardId + ": could not send a failed batch to the on-failure "
                            + context.destination().describe() + " (" + e.getMessage() + "); trying again");
                    pause(tries);
                }
            }
            if (stopped()) {
                return;
            }
        }
        context.listener().discarded(shardId, records, condition);
        checkpoint(records.getLast());
    }

    private void checkpoint(TailRecord last) throws IOException {
        context.state().advance(shardId, last.position(), window);
    }

    /** Back-off before a retry: 100 ms doubling to at most 5 s, cut short by a stop. */
    private void pause(int retries) throws InterruptedException {
        long until = System.nanoTime() + Math.min(5_000L, 100L << Math.min(retries, 10)) * 1_000_000;
        while (!stopped() && System.nanoTime() - until < 0) {
            Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }
}

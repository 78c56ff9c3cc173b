package wildrydes.http;

import java.time.Duration;

/**
 * What one client can take from the server, so that no client, however slow or greedy, keeps it
 * from answering the others.
 *
 * @param maxConnections       open connections, both ports together; one more is closed as soon as it is accepted
 * @param maxHeaderBytes       request line, and all header fields together (HTTP/1.1 and HTTP/2 alike)
 * @param maxBodyBytes         one request body
 * @param bodyBudgetBytes      request bodies still arriving, all connections together; a body that would go over it
 *                             is refused with ServiceUnavailable (503), which the SDKs retry
 * @param idleTimeout          a connection on which nothing is read or written for this long is closed
 * @param requestTimeout       a request must arrive whole (headers and body) within this long of its first byte
 * @param stalledStreamTimeout a SubscribeToShard subscriber that takes nothing for this long is cut off
 */
public record ConnectionLimits(int maxConnections, int maxHeaderBytes, int maxBodyBytes, long bodyBudgetBytes,
                               Duration idleTimeout, Duration requestTimeout, Duration stalledStreamTimeout) {
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    public ConnectionLimits {
        if (maxConnections < 1 || maxHeaderBytes < 1024 || maxBodyBytes < 1024 || bodyBudgetBytes < maxBodyBytes) {
            throw new IllegalArgumentException("limits too small: " + maxConnections + " connections, " + maxHeaderBytes
                    + " header bytes, " + maxBodyBytes + " body bytes, budget " + bodyBudgetBytes);
        }
    }

    /**
     * 10,000 connections, 16 KiB of headers (a presigned URL with a session token fits), 16 MiB
     * bodies (a PutRecords of 5 MiB in base64 JSON fits), bodies in flight up to a quarter of the
     * heap (at least 64 MiB), 2 minutes idle, 60 s to send a request, 60 s for a stalled subscriber.
     */
    public static ConnectionLimits defaults() {
        long quarterHeap = Runtime.getRuntime().maxMemory() / 4;
        return new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, 16 * 1024, ApiServer.MAX_BODY_BYTES,
                Math.max(64L * 1024 * 1024, quarterHeap), Duration.ofMinutes(2), Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    public ConnectionLimits withMaxConnections(int max) {
        return new ConnectionLimits(max, maxHeaderBytes, maxBodyBytes, bodyBudgetBytes, idleTimeout, requestTimeout,
                stalledStreamTimeout);
    }

    public ConnectionLimits withTimeouts(Duration idle, Duration request, Duration stalledStream) {
        return new ConnectionLimits(maxConnections, maxHeaderBytes, maxBodyBytes, bodyBudgetBytes, idle, request, stalledStream);
    }

    public ConnectionLimits withBodyBudget(long bytes) {
        return new ConnectionLimits(maxConnections, maxHeaderBytes, maxBodyBytes, bytes, idleTimeout, requestTimeout,
                stalledStreamTimeout);
    }
}

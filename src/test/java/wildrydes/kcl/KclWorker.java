package wildrydes.kcl;

import java.net.URI;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * One Kinesis Client Library worker (a {@link Scheduler} on its own thread) with its own clients, as a separate
 * process would have: Kinesis through the library's own async client setup (Netty, HTTP/2), its lease, coordinator
 * and worker-metrics tables in the same server's DynamoDB API, and a CloudWatch client that must never be called
 * (metrics are off).
 */
final class KclWorker {
    enum Retrieval { POLLING, FAN_OUT }

    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    final String id;
    final Scheduler scheduler;
    private final Thread thread;
    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamo;
    private final CloudWatchAsyncClient cloudWatch;

    private KclWorker(String id, Scheduler scheduler, KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamo, CloudWatchAsyncClient cloudWatch) {
        this.id = id;
        this.scheduler = scheduler;
        this.kinesis = kinesis;
        this.dynamo = dynamo;
        this.cloudWatch = cloudWatch;
        this.thread = new Thread(scheduler, "kcl-" + id);
        thread.setDaemon(true);
    }

    /** Counts every call a CloudWatch client tries. */
    static final class CallCounter implements ExecutionInterceptor {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.incrementAndGet();
        }
    }

    /** Counts the Kinesis operations the library calls, by name. */
    static final class OperationCounter implements ExecutionInterceptor {
        final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger()).incrementAndGet();
        }

        int count(String operation) {
            AtomicInteger n = calls.get(operation);
            return n == null ? 0 : n.get();
        }

        @Override
        public String toString() {
            return new TreeMap<>(calls).toString();
        }
    }

    /**
     * Starts a worker in the library's default 3.x mode (worker-utilization-aware lease assignment). The library
     * creates its tables itself (the lease table, then its LeaseOwnerToLeaseKeyIndex with UpdateTable, the
     * coordinator state and worker metrics tables); every DynamoDB call it makes is counted by operation.
     */
    static KclWorker start(String id, String application, String stream, Retrieval retrieval, String kinesisEndpoint,
            String dynamoEndpoint, OperationCounter kinesisCalls, OperationCounter dynamoCalls, CallCounter cloudWatchCalls,
            Ledger ledger) {
        // The library's own setup of its Kinesis client: Netty, HTTP/2 (prior-knowledge h2c on an http:// endpoint).
        KinesisAsyncClient kinesis = KinesisClientUtil.createKinesisAsyncClient(KinesisAsyncClient.builder()
                .endpointOverride(URI.create(kinesisEndpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(o -> o.addExecutionInterceptor(kinesisCalls)));
        DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder()
                .endpointOverride(URI.create(dynamoEndpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(dynamoCalls))
                .build();
        // Nothing listens on port 1: metrics are off, so the library must never call CloudWatch (counted, asserted 0).
        CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(cloudWatchCalls))
                .build();

        ConfigsBuilder configs = new ConfigsBuilder(
                new SingleStreamTracker(stream, InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                application, kinesis, dynamo, cloudWatch, id, RecordingProcessor.factory(ledger, id));

        CoordinatorConfig coordinator = configs.coordinatorConfig()
                .clientVersionConfig(CoordinatorConfig.ClientVersionConfig.CLIENT_VERSION_CONFIG_3X)
                .parentShardPollIntervalMillis(500)
                .shardConsumerDispatchPollIntervalMillis(200)
                .schedulerInitializationBackoffTimeMillis(500);
        var leases = configs.leaseManagementConfig()
                .failoverTimeMillis(2_000)
                .shardSyncIntervalMillis(2_000)
                .listShardsBackoffTimeInMillis(200)
                .leasesRecoveryAuditorExecutionFrequencyMillis(5_000)
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(6_000)
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(1_000)
                .gracefulLeaseHandoffConfig(LeaseManagementConfig.GracefulLeaseHandoffConfig.builder()
                        .gracefulLeaseHandoffTimeoutMillis(10_000).build());
        leases.workerUtilizationAwareAssignmentConfig()
                .inMemoryWorkerMetricsCaptureFrequencyMillis(500)
                .workerMetricsReporterFreqInMillis(1_000);
        var lifecycle = configs.lifecycleConfig().taskBackoffTimeMillis(200);
        var metrics = configs.metricsConfig().metricsLevel(MetricsLevel.NONE);
        RetrievalConfig retrievalConfig = configs.retrievalConfig();
        if (retrieval == Retrieval.POLLING) {
            retrievalConfig.retrievalSpecificConfig(new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(200));
        }
        // FAN_OUT: the default (FanOutConfig registers a consumer named after the application and subscribes to shards).

        Scheduler scheduler = new Scheduler(configs.checkpointConfig(), coordinator, leases, lifecycle, metrics,
                configs.processorConfig(), retrievalConfig);
        KclWorker worker = new KclWorker(id, scheduler, kinesis, dynamo, cloudWatch);
        worker.thread.start();
        return worker;
    }

    /** Graceful shutdown: every processor gets shutdownRequested (and checkpoints) before the worker stops. */
    void shutdownGracefully(Duration timeout) throws Exception {
        try {
            Boolean done = scheduler.startGracefulShutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!Boolean.TRUE.equals(done)) {
                throw new AssertionError("worker " + id + ": graceful shutdown returned " + done);
            }
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError("worker " + id + ": the scheduler thread did not end after a graceful shutdown");
            }
        } finally {
            closeClients();
        }
    }

    /** Stops at once, for cleanup after a failure. */
    void shutdownNow() {
        try {
            if (!scheduler.shutdownComplete()) {
                scheduler.shutdown();
            }
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ignored) {
            // best effort
        } finally {
            closeClients();
        }
    }

    private void closeClients() {
        kinesis.close();
        dynamo.close();
        cloudWatch.close();
    }
}

package wildrydes.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.common.Durations;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;
import wildrydes.lab.process.BuiltInFunction;
import wildrydes.lab.process.ProcessSettings;
import wildrydes.lab.process.Processor;
import wildrydes.lab.process.TableClient;
import wildrydes.lab.process.mapping.MappingSettings;
import wildrydes.lab.process.runtime.FunctionConfig;
import wildrydes.lab.process.runtime.FunctionRuntime;
import wildrydes.lab.tail.StartPosition;

@Command(name = "process", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Module 4: runs a function on every batch of a stream, with the rules of a Lambda Kinesis event source "
            + "mapping (batching, retries, bisection, partial batch responses, on-failure destination, tumbling windows, durable "
            + "checkpoints).", "Default: the workshop's WildRydesStreamProcessor, built in, writing each summary of "
            + "wildrydes-summary into the table UnicornSensorData. Your own function runs through the Lambda Runtime API "
            + "(-runtime java, nodejs or provided)."})
final class ProcessCommand implements Callable<Integer> {
    enum Source { SUMMARY, WILDRYDES }

    enum Runtime { BUILTIN, JAVA, NODEJS, PROVIDED }

    @Option(names = {"-region", "--region"}, defaultValue = "us-east-1", description = "AWS region (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = {"-endpoint", "--endpoint"}, paramLabel = "URL|aws", description = {"Kinesis and DynamoDB endpoint. Default: "
        + "$AWS_ENDPOINT_URL_KINESIS (and $AWS_ENDPOINT_URL_DYNAMODB for the table), else $AWS_ENDPOINT_URL, else " + KinesisEndpoint.LOCAL
        + ".", "'aws' uses real Amazon Kinesis and DynamoDB in -region with your AWS credentials."})
    String endpoint;

    @Option(names = {"-source", "--source"}, defaultValue = "summary", description = "summary: the first edition, the per-minute "
            + "summaries on wildrydes-summary; wildrydes: the later edition, the raw readings (default: ${DEFAULT-VALUE}).")
    Source source;

    @Option(names = {"-stream", "--stream"}, description = "Stream to read (default: by -source).")
    String stream;

    @Option(names = {"-table", "--table"}, defaultValue = ProcessSettings.TABLE,
            description = "Table written by the built-in function, and the function's TABLE_NAME (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = {"-no-create-table", "--no-create-table"}, description = "Do not create the table when it is missing.")
    boolean noCreateTable;

    @Option(names = {"-function-name", "--function-name"}, defaultValue = BuiltInFunction.NAME,
            description = "The function's name (default: ${DEFAULT-VALUE}).")
    String functionName;

    @Option(names = {"-runtime", "--runtime"}, defaultValue = "builtin",
            description = "builtin (the workshop's function), java, nodejs or provided (default: ${DEFAULT-VALUE}).")
    Runtime runtime;

    @Option(names = {"-handler", "--handler"}, description = "java: com.example.Fn::handleRequest; nodejs: index.handler.")
    String handler;

    @Option(names = {"-classpath", "--classpath", "-cp"}, paramLabel = "JARS", description = "java: the function's jars and class "
            + "directories, separated by ':'.")
    String classpath;

    @Option(names = {"-code", "--code"}, paramLabel = "DIR", description = "The function's code directory (LAMBDA_TASK_ROOT); nodejs: "
            + "where the handler's module and its node_modules are.")
    Path code;

    @Option(names = {"-bootstrap", "--bootstrap"}, paramLabel = "PATH", description = "provided: the executable that speaks the "
            + "Runtime API.")
    Path bootstrap;

    @Option(names = {"-env", "--env"}, paramLabel = "K=V", description = "An environment variable of the function (repeat it).")
    List<String> env = new ArrayList<>();

    @Option(names = {"-memory", "--memory"}, defaultValue = "128", description = "Memory size in MB (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = {"-timeout", "--timeout"}, defaultValue = "60", paramLabel = "SECONDS",
            description = "Function timeout: 1-900 seconds, or 30s, 2m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = {"-batch-size", "--batch-size"}, defaultValue = "100", description = "Records per batch, 1-10000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"-batch-window", "--batch-window"}, defaultValue = "0", paramLabel = "SECONDS",
            description = "Gather records for up to this long before invoking, 0-300 s (default: ${DEFAULT-VALUE}).")
    String batchWindow;

    @Option(names = {"-starting-position", "--starting-position"}, defaultValue = "LATEST",
            description = "LATEST, TRIM_HORIZON or AT_TIMESTAMP (default: ${DEFAULT-VALUE}).")
    String startingPosition;

    @Option(names = {"-starting-position-timestamp", "--starting-position-timestamp"}, paramLabel = "TIME",
            description = "With AT_TIMESTAMP: an ISO-8601 time, epoch seconds, or a duration ago (15m).")
    String startingTimestamp;

    @Option(names = {"-maximum-retry-attempts", "--maximum-retry-attempts"}, defaultValue = "-1",
            description = "Retries of a failed batch: -1 until the records expire, or 0-10000 (default: ${DEFAULT-VALUE}).")
    int maximumRetryAttempts;

    @Option(names = {"-maximum-record-age", "--maximum-record-age"}, defaultValue = "-1", paramLabel = "SECONDS",
            description = "Discard records older than this: -1 never, or 60-604800 (default: ${DEFAULT-VALUE}).")
    int maximumRecordAge;

    @Option(names = {"-bisect-batch-on-function-error", "--bisect-batch-on-function-error"},
            description = "Split a failed batch in two and retry each half.")
    boolean bisect;

    @Option(names = {"-report-batch-item-failures", "--report-batch-item-failures"},
            description = "The function may answer {\"batchItemFailures\":[{\"itemIdentifier\":\"<sequence number>\"}]}.")
    boolean reportBatchItemFailures;

    @Option(names = {"-tumbling-window", "--tumbling-window"}, defaultValue = "0", paramLabel = "SECONDS",
            description = "Tumbling window, 0-900 s: state passed between invocations (default: ${DEFAULT-VALUE}).")
    int tumblingWindow;

    @Option(names = {"-on-failure", "--on-failure"}, paramLabel = "DEST",
            description = "Where discarded batches' metadata goes: kinesis:STREAM (or a stream ARN) or file:PATH.")
    String onFailure;

    @Option(names = {"-state-dir", "--state-dir"}, paramLabel = "DIR",
            description = "Checkpoint and status directory (default: ~/.wildrydes/process/<function-name>).")
    Path stateDir;

    @Option(names = {"-role", "--role"}, paramLabel = "ARN", description = "Execution role in the events' invokeIdentityArn.")
    String role;

    @Option(names = {"-duration", "--duration"}, converter = LabOptions.DurationConverter.class,
            description = "Stop by itself after this long, e.g. 5m.")
    Duration duration;

    @Override
    public Integer call() {
        ProcessSettings settings;
        KinesisEndpoint kinesisEndpoint;
        try {
            kinesisEndpoint = KinesisEndpoint.resolve(endpoint, region, System.getenv());
            settings = settings(kinesisEndpoint);
        } catch (IllegalArgumentException e) {
            System.err.println("process: " + e.getMessage());
            return 2;
        }
        StopSignal signal = new StopSignal("process", 10);
        AtomicBoolean stop = signal.flag();
        if (duration != null) {
            Thread.ofVirtual().start(() -> {
                Explain.sleep(duration.toMillis());
                stop.set(true);
            });
        }
        try (KinesisClient kinesis = kinesisEndpoint.client();
             DynamoDbClient dynamo = TableClient.client(kinesisEndpoint,
                     TableClient.uri(kinesisEndpoint, endpoint != null && !endpoint.isBlank(), System.getenv()))) {
            Explain.requireStream(kinesis, kinesisEndpoint, settings.stream());
            try {
                new Processor(kinesis, dynamo, settings, System.err).run(stop);
            } catch (RuntimeException e) {
                throw Explain.explain(e, kinesisEndpoint, settings.stream());
            }
            return 0;
        } catch (LabException e) {
            System.err.println("process: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            return 130;
        } finally {
            signal.close();
        }
    }

    private ProcessSettings settings(KinesisEndpoint kinesisEndpoint) {
        StartPosition start = switch (startingPosition.toUpperCase()) {
            case "LATEST" -> StartPosition.LATEST;
            case "TRIM_HORIZON" -> StartPosition.TRIM_HORIZON;
            case "AT_TIMESTAMP" -> {
                if (startingTimestamp == null) {
                    throw new IllegalArgumentException("-starting-position AT_TIMESTAMP needs -starting-position-timestamp TIME");
                }
                String text = startingTimestamp.matches("\\d+(\\.\\d+)?")
                        ? java.time.Instant.ofEpochMilli(Math.round(Double.parseDouble(startingTimestamp) * 1000)).toString() : startingTimestamp;
                yield StartPosition.parse(text, Clock.systemUTC());
            }
            default -> throw new IllegalArgumentException("-starting-position must be LATEST, TRIM_HORIZON or AT_TIMESTAMP, not " + startingPosition);
        };
        MappingSettings mapping = new MappingSettings(batchSize, seconds(batchWindow, "-batch-window"), start, maximumRetryAttempts,
                maximumRecordAge, bisect, reportBatchItemFailures, tumblingWindow, 1);
        Duration functionTimeout = seconds(timeout, "-timeout");
        if (functionTimeout.toMillis() < 1000 || functionTimeout.toSeconds() > 900) {
            throw new IllegalArgumentException("-timeout must be 1 to 900 seconds (Lambda's limits), not " + timeout);
        }
        if (memory < 128 || memory > 10240) {
            throw new IllegalArgumentException("-memory must be 128 to 10240 MB, not " + memory);
        }
        String streamName = stream != null ? stream : source == Source.WILDRYDES ? "wildrydes" : ProcessSettings.SUMMARY_STREAM;
        String functionEndpoint = kinesisEndpoint.realAws() ? null
                : TableClient.uri(kinesisEndpoint, endpoint != null && !endpoint.isBlank(), System.getenv()).toString();
        return new ProcessSettings(streamName, table, !noCreateTable, functionName, function(kinesisEndpoint.realAws()), mapping,
                functionTimeout, onFailure, stateDir, role, functionEndpoint);
    }

    private FunctionConfig function(boolean realAws) {
        if (runtime == Runtime.BUILTIN) {
            if (handler != null || classpath != null || bootstrap != null || code != null) {
                throw new IllegalArgumentException("-handler, -classpath, -code and -bootstrap need -runtime java, nodejs or provided");
            }
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String pair : env) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("-env " + pair + " is not NAME=VALUE");
            }
            variables.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        List<Path> jars = new ArrayList<>();
        switch (runtime) {
            case JAVA -> {
                require(handler != null, "-runtime java needs -handler com.example.Fn::handleRequest");
                require(classpath != null, "-runtime java needs -classpath with the function's jar");
                for (String entry : classpath.split(java.io.File.pathSeparator)) {
                    Path path = Path.of(entry);
                    require(java.nio.file.Files.exists(path), "-classpath: " + entry + " does not exist");
                    jars.add(path);
                }
            }
            case NODEJS -> {
                require(handler != null, "-runtime nodejs needs -handler, e.g. index.handler");
                require(code != null && java.nio.file.Files.isDirectory(code), "-runtime nodejs needs -code DIR with the handler's module");
            }
            case PROVIDED -> require(bootstrap != null && java.nio.file.Files.isExecutable(bootstrap),
                    "-runtime provided needs -bootstrap PATH, an executable file");
            default -> throw new IllegalStateException();
        }
        return new FunctionConfig(functionName, FunctionRuntime.valueOf(runtime.name()), handler, jars, code, bootstrap, variables,
                null, memory, region, null, null, TableClient.forFunction(realAws), null);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Seconds as Lambda takes them ("60"), or a duration as people type it ("30s", "2m"). */
    private static Duration seconds(String text, String option) {
        try {
            return text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : Durations.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " " + text + " is not a number of seconds or a duration like 30s");
        }
    }
}

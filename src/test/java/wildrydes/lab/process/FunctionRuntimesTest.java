package wildrydes.lab.process;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.lab.process.MappingRun.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import wildrydes.lab.process.mapping.MappingSettings;
import wildrydes.lab.process.runtime.FunctionConfig;
import wildrydes.lab.process.runtime.FunctionRuntime;

/**
 * The module's function three ways, each through {@link Processor} (the demo's entry point) on
 * summaries put on a stream, each leaving one item per unicorn per minute in its table, equal to
 * the summaries: the built-in writer (which creates the table), a Java handler jar run by the
 * official runtime interface client, and the workshop's Node.js function on the JavaScript SDK v3.
 */
class FunctionRuntimesTest {
    static LocalServer local;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        local = new LocalServer();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private void runAndCompare(String name, FunctionConfig function, int batchSize) throws Exception {
        String stream = "summary-" + name;
        String table = "UnicornSensorData-" + name;
        local.createStream(stream, 1);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream progress = new PrintStream(err, true, StandardCharsets.UTF_8);
        ProcessSettings settings = new ProcessSettings(stream, table, true, "WildRydesStreamProcessor", function,
                MappingSettings.defaults().withBatchSize(batchSize), Duration.ofSeconds(60), null, dir.resolve("state"), null,
                local.server.endpoint());
        Processor processor = new Processor(local.kinesis, local.dynamo, settings, progress);
        List<String> summaries = Summaries.make(List.of("Shadowfax", "Bucephalus", "Rocinante"), 20);
        processor.start();
        try {
            await(() -> err.toString(StandardCharsets.UTF_8).contains("reading shardId-000000000000"), 30, () -> "reading: " + err);
            for (String summary : summaries) {
                local.put(stream, summary.substring(9, summary.indexOf('"', 9)), summary);
            }
            await(() -> tableSize(table) == summaries.size() && processor.metrics().records() == summaries.size(), 60, () -> "60 items in " + table + "; progress:\n" + err);
        } finally {
            processor.stop();
        }
        assertThat(processor.failure()).isNull();
        assertThat(Summaries.table(local.dynamo, table)).isEqualTo(Summaries.expected(summaries));
        assertThat(processor.metrics().errors()).as(err.toString()).isZero();
        assertThat(processor.metrics().records()).isEqualTo(summaries.size());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("-> WildRydesStreamProcessor in ").contains("Delivered ");
    }

    private static int tableSize(String table) {
        try {
            return Summaries.table(local.dynamo, table).size();
        } catch (ResourceNotFoundException notYet) {
            return 0;
        }
    }

    @Test
    void theBuiltInFunctionCreatesTheTableAndWritesEverySummary() throws Exception {
        runAndCompare("builtin", null, 100);
        assertThat(local.server.tables().metrics().calls("CreateTable", "UnicornSensorData-builtin")).isEqualTo(1);
    }

    @Test
    void aJavaHandlerJarRunsOnTheOfficialRuntimeInterfaceClient() throws Exception {
        List<Path> classpath = new ArrayList<>();
        classpath.add(HandlerJar.build(dir.resolve("java")));
        classpath.addAll(HandlerJar.dependencies());
        createTable("UnicornSensorData-java");
        runAndCompare("java", new FunctionConfig(null, FunctionRuntime.JAVA, HandlerJar.HANDLER, classpath, null, null, Map.of(), null,
                512, null, null, null, List.of("test", "test"), null), 25);
    }

    @Test
    void theWorkshopsNodeFunctionRunsOnTheShippedBootstrap() throws Exception {
        Path code = HandlerJar.nodeFunction(dir);
        createTable("UnicornSensorData-nodejs");
        runAndCompare("nodejs", new FunctionConfig(null, FunctionRuntime.NODEJS, "index.handler", List.of(), code, null, Map.of(), null,
                128, null, null, null, List.of("test", "test"), null), 100);
    }

    private static void createTable(String table) throws InterruptedException {
        UnicornTable.ensure(local.dynamo, table, true, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }
}

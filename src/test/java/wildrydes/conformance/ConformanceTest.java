package wildrydes.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import wildrydes.server.KinesisServer;

/**
 * The conformance corpus (src/test/resources/conformance/*.json): every case, in JSON and, where
 * not JSON-specific, in CBOR, against an in-process server, as dynamic tests named
 * {@code Operation / group / case [format]}.
 *
 * <p>Cases listed in {@code known-failures.txt} (one id per line, {@code Operation/group/name} or
 * with {@code :json} / {@code :cbor} for one format, then the reason) are expected to fail: such a
 * case that passes fails the run, so the list only shrinks. Every result goes to
 * {@code target/conformance/report.md}, with the count per operation. With
 * {@code -Dconformance.writeKnownFailures=true} the run writes the list of what fails now to
 * {@code target/conformance/known-failures.txt} instead of failing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceTest {
    static final String OPERATIONS_INDEX = "conformance/index.txt";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final ConformanceServers servers = new ConformanceServers();
    private final Map<String, String> knownFailures = KnownFailures.load();
    private final Set<String> usedKnownFailures = ConcurrentHashMap.newKeySet();
    private final Map<String, String> results = new ConcurrentHashMap<>(); // id:format -> null-free "pass" or the failure
    private final boolean writeKnownFailures = Boolean.getBoolean("conformance.writeKnownFailures");

    @TestFactory
    Stream<DynamicNode> corpus() {
        List<DynamicNode> operations = new ArrayList<>();
        for (Map.Entry<String, List<ConformanceCase>> file : loadCorpus().entrySet()) {
            Map<String, List<DynamicNode>> groups = new LinkedHashMap<>();
            for (ConformanceCase testCase : file.getValue()) {
                List<DynamicNode> formats = new ArrayList<>();
                for (String format : List.of("json", "cbor")) {
                    if (testCase.formats().contains(format)) {
                        formats.add(DynamicTest.dynamicTest(testCase.name() + " [" + format + "]", () -> check(testCase, format)));
                    }
                }
                groups.computeIfAbsent(testCase.group(), g -> new ArrayList<>()).addAll(formats);
            }
            List<DynamicNode> groupNodes = new ArrayList<>();
            groups.forEach((group, tests) -> groupNodes.add(DynamicContainer.dynamicContainer(group, tests)));
            operations.add(DynamicContainer.dynamicContainer(file.getKey(), groupNodes));
        }
        return operations.stream();
    }

    private void check(ConformanceCase testCase, String format) throws Exception {
        String failure = execute(testCase, format);
        String key = testCase.id() + ":" + format;
        results.put(key, failure == null ? "pass" : failure);
        String known = knownFailures.containsKey(key) ? key : knownFailures.containsKey(testCase.id()) ? testCase.id() : null;
        if (known != null) {
            usedKnownFailures.add(known);
        }
        if (writeKnownFailures) {
            return;
        }
        if (known != null) {
            assertThat(failure).as("%s [%s] is in known-failures.txt (%s) but now passes: take it off the list", testCase.id(),
                    format, knownFailures.get(known)).isNotNull();
            return;
        }
        if (failure != null) {
            throw new AssertionError(testCase.id() + " [" + format + "] (" + testCase.source() + "):\n  " + failure);
        }
    }

    private String execute(ConformanceCase testCase, String format) throws Exception {
        String prefix = "cf" + RUNS.incrementAndGet() + "_"; // no hyphen: AWS reads "anything-0" as shard 0
        JsonNode settings = testCase.json().get("server");
        if (settings != null) {
            try (KinesisServer own = ConformanceServers.start(new ConformanceServers.Settings(
                    settings.has("stateChangeMillis") ? settings.get("stateChangeMillis").asLong() : null,
                    settings.has("shardLimit") ? settings.get("shardLimit").asInt() : null))) {
                return new CaseExecution(testCase, format, own, prefix).run();
            }
        }
        KinesisServer shared = servers.shared();
        CaseExecution execution = new CaseExecution(testCase, format, shared, prefix);
        try {
            return execution.run();
        } finally {
            StreamCleanup.deleteStreamsStartingWith(execution, prefix);
        }
    }

    /** Every id in known-failures.txt names a case of the corpus. */
    @Test
    void knownFailuresNameCasesOfTheCorpus() {
        Set<String> ids = new HashSet<>();
        loadCorpus().values().forEach(cases -> cases.forEach(c -> {
            ids.add(c.id());
            c.formats().forEach(f -> ids.add(c.id() + ":" + f));
        }));
        assertThat(knownFailures.keySet()).allSatisfy(id -> assertThat(ids).as("known failure %s is a case", id).contains(id));
    }

    @AfterAll
    void report() throws IOException {
        servers.close();
        Path dir = Path.of("target", "conformance");
        Files.createDirectories(dir);
        String report = ConformanceReport.render(loadCorpus(), results);
        Files.writeString(dir.resolve("report.md"), report, StandardCharsets.UTF_8);
        System.out.println(report.substring(0, report.indexOf("## Every run")).strip()); // the table per operation
        if (writeKnownFailures) {
            Files.writeString(dir.resolve("known-failures.txt"), KnownFailures.render(results, knownFailures), StandardCharsets.UTF_8);
        }
    }

    /** The corpus: operation (file) name to its cases, in the order index.txt lists the files. */
    static Map<String, List<ConformanceCase>> loadCorpus() {
        Map<String, List<ConformanceCase>> corpus = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (String operation : resourceLines(OPERATIONS_INDEX)) {
            JsonNode file = readJson("conformance/" + operation + ".json");
            if (!operation.equals(file.path("operation").asText())) {
                throw new IllegalStateException(operation + ".json names operation " + file.path("operation"));
            }
            List<ConformanceCase> cases = new ArrayList<>();
            for (JsonNode json : file.get("cases")) {
                ConformanceCase testCase = ConformanceCase.of(operation, json);
                if (!ids.add(testCase.id())) {
                    throw new IllegalStateException("two cases are " + testCase.id());
                }
                cases.add(testCase);
            }
            corpus.put(operation, cases);
        }
        return corpus;
    }

    static List<String> resourceLines(String resource) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(readResource(resource), StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                lines.add(trimmed);
            }
        }
        return lines;
    }

    static JsonNode readJson(String resource) {
        try {
            return CaseExecution.MAPPER.readTree(readResource(resource));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    static byte[] readResource(String resource) {
        try (InputStream in = ConformanceTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Operation to (passed, run) across formats, for the report. */
    static Map<String, int[]> countsPerOperation(Map<String, List<ConformanceCase>> corpus, Map<String, String> results) {
        Map<String, int[]> counts = new TreeMap<>();
        corpus.forEach((operation, cases) -> {
            int[] c = counts.computeIfAbsent(operation, o -> new int[3]);
            c[2] = cases.size();
            for (ConformanceCase testCase : cases) {
                for (String format : testCase.formats()) {
                    String result = results.get(testCase.id() + ":" + format);
                    if (result != null) {
                        c[1]++;
                        c[0] += result.equals("pass") ? 1 : 0;
                    }
                }
            }
        });
        return counts;
    }
}

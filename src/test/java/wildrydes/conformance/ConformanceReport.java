package wildrydes.conformance;

import java.util.List;
import java.util.Map;

/** target/conformance/report.md: the pass count per operation, then every case's result. */
final class ConformanceReport {
    private ConformanceReport() {
    }

    static String render(Map<String, List<ConformanceCase>> corpus, Map<String, String> results) {
        StringBuilder out = new StringBuilder("# Conformance corpus: results of the last run\n\n");
        out.append("| operation | cases | runs (json + cbor) | pass | fail |\n|---|---:|---:|---:|---:|\n");
        int cases = 0;
        int runs = 0;
        int passed = 0;
        for (Map.Entry<String, int[]> entry : ConformanceTest.countsPerOperation(corpus, results).entrySet()) {
            int[] c = entry.getValue();
            out.append("| ").append(entry.getKey()).append(" | ").append(c[2]).append(" | ").append(c[1]).append(" | ")
                    .append(c[0]).append(" | ").append(c[1] - c[0]).append(" |\n");
            cases += c[2];
            runs += c[1];
            passed += c[0];
        }
        out.append("| **all** | ").append(cases).append(" | ").append(runs).append(" | ").append(passed).append(" | ")
                .append(runs - passed).append(" |\n\n## Every run\n\n");
        corpus.forEach((operation, list) -> {
            for (ConformanceCase testCase : list) {
                for (String format : List.of("json", "cbor")) {
                    String result = results.get(testCase.id() + ":" + format);
                    if (result != null) {
                        out.append("- ").append(result.equals("pass") ? "PASS " : "FAIL ").append(testCase.id()).append(" [")
                                .append(format).append("]");
                        if (!result.equals("pass")) {
                            out.append(": ").append(CaseExecution.abbreviate(result.replace("\n", " ")));
                        }
                        out.append('\n');
                    }
                }
            }
        });
        return out.toString();
    }
}

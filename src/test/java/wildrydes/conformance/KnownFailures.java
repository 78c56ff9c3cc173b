package wildrydes.conformance;

import java.util.Map;
import java.util.TreeMap;

/**
 * src/test/resources/conformance/known-failures.txt: the cases the server does not answer as AWS
 * does yet. One a line: the case id ({@code Operation/group/name}, or with {@code :json} or
 * {@code :cbor} for one format), whitespace, and why. {@code #} starts a comment line.
 */
final class KnownFailures {
    static final String RESOURCE = "conformance/known-failures.txt";

    private KnownFailures() {
    }

    static Map<String, String> load() {
        Map<String, String> known = new TreeMap<>();
        for (String line : ConformanceTest.resourceLines(RESOURCE)) {
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalStateException("known-failures.txt: no reason given for " + parts[0]);
            }
            if (known.put(parts[0], parts[1]) != null) {
                throw new IllegalStateException("known-failures.txt lists " + parts[0] + " twice");
            }
        }
        return known;
    }

    /**
     * What fails now, as a known-failures.txt: the reasons already written are kept, a new entry
     * gets the first line of what differed. A case failing in both formats gets one line without a format.
     */
    static String render(Map<String, String> results, Map<String, String> previous) {
        Map<String, String> failing = new TreeMap<>();
        results.forEach((key, result) -> {
            if (!result.equals("pass")) {
                failing.put(key, result);
            }
        });
        StringBuilder out = new StringBuilder();
        out.append("# Conformance cases the server does not yet answer as AWS does (see WORKLIST.md).\n")
                .append("# <case id>[:json|:cbor]  <why>. A case listed here that passes fails the run: take it off.\n");
        java.util.Set<String> done = new java.util.HashSet<>();
        for (String key : failing.keySet()) {
            String id = key.substring(0, key.lastIndexOf(':'));
            if (done.contains(id)) {
                continue;
            }
            String format = key.substring(key.lastIndexOf(':') + 1);
            String other = id + ":" + (format.equals("json") ? "cbor" : "json");
            boolean both = failing.containsKey(other) || (!results.containsKey(other));
            String entry = both ? id : key;
            if (both) {
                done.add(id);
            }
            String reason = previous.getOrDefault(entry, previous.get(id));
            if (reason == null) {
                reason = failing.get(key).lines().findFirst().orElse("").strip();
            }
            out.append(entry).append("  ").append(reason).append('\n');
        }
        return out.toString();
    }
}

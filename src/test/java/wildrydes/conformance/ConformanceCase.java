package wildrydes.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One case of the corpus, as a file {@code src/test/resources/conformance/<Operation>.json}
 * holds it:
 * <pre>
 * { "name": "stream-name-too-long", "group": "validation",
 *   "source": "kinesalite test/createStream.js 'should return ValidationException for long StreamName'",
 *   "note": "why it differs from its source, if it does",
 *   "formats": ["json"],                        (default: json and cbor, json only for serialization cases
 *                                                 and raw or typed-by-hand requests)
 *   "server": {"stateChangeMillis": 1000, "shardLimit": 10},   (a server of its own)
 *   "setup": [ steps ],                          (see {@link CaseExecution}, always in JSON)
 *   "request": { "operation", "target", "contentType", "auth": "none", "method", "path", "headers",
 *                "body" | "rawBody" | "noBody": true },
 *   "response": { "status", "headers", "body" | "rawBody" | "emptyBody": true, "match": "subset" },
 *   "steps": [ {"request": ..., "response": ...}, ... ]   (instead of request and response) }
 * </pre>
 * Its id is {@code Operation/group/name}.
 */
record ConformanceCase(String operation, String group, String name, String source, JsonNode json, Set<String> formats) {
    static final Set<String> GROUPS = Set.of("serialization", "validation", "behaviour", "protocol");

    String id() {
        return operation + "/" + group + "/" + name;
    }

    static ConformanceCase of(String operation, JsonNode json) {
        String group = text(json, "group");
        String name = text(json, "name");
        if (group == null || name == null || text(json, "source") == null || !GROUPS.contains(group)) {
            throw new IllegalArgumentException(operation + ": a case needs a name, a source and a group of " + GROUPS + ": " + json);
        }
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(operation + ": case names are lower-case words with hyphens: " + name);
        }
        return new ConformanceCase(operation, group, name, text(json, "source"), json, formats(group, json));
    }

    private static Set<String> formats(String group, JsonNode json) {
        if (json.has("formats")) {
            List<String> formats = new ArrayList<>();
            json.get("formats").forEach(f -> formats.add(f.textValue()));
            return Set.copyOf(formats);
        }
        if (group.equals("serialization") || group.equals("protocol")) {
            return Set.of("json");
        }
        for (JsonNode exchange : steps(json)) {
            JsonNode request = exchange.get("request");
            if (request == null) {
                continue;
            }
            if (request.has("rawBody") || request.has("contentType") || request.has("target") || request.has("noBody")) {
                return Set.of("json");
            }
        }
        return Set.of("json", "cbor");
    }

    /** The checked request and response pairs (and setup steps between them), in order. */
    static List<JsonNode> steps(JsonNode json) {
        List<JsonNode> exchanges = new ArrayList<>();
        if (json.has("steps")) {
            json.get("steps").forEach(exchanges::add);
        } else {
            if (json.get("request") == null || json.get("response") == null) {
                throw new IllegalArgumentException("a case needs a request and a response, or steps: " + json);
            }
            exchanges.add(pair(json));
        }
        return exchanges;
    }

    private static JsonNode pair(JsonNode json) {
        var node = JsonNodeFactory.instance.objectNode();
        node.set("request", json.get("request"));
        node.set("response", json.get("response"));
        return node;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

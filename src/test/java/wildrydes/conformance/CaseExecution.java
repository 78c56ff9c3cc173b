package wildrydes.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import wildrydes.server.KinesisServer;

/**
 * Runs one case in one format against a server. Setup steps (in JSON, their answers not
 * checked beyond the status):
 * <ul>
 * <li>{@code {"createStream": "${stream}", "shards": 3, "mode": "ON_DEMAND"}}: create and wait until ACTIVE;</li>
 * <li>{@code {"call": "PutRecord", "body": {...}, "status": 200, "capture": {"seq": "/SequenceNumber"}}}: any
 * call, capturing values by JSON pointer;</li>
 * <li>{@code {"waitStatus": "ACTIVE", "stream": "${stream}"}}: poll DescribeStreamSummary until the status
 * ({@code "gone"}: until it is not found);</li>
 * <li>{@code {"let": {"future": "nowMillis+5000"}}}: a number of milliseconds from now;</li>
 * <li>{@code {"sleep": 100}}.</li>
 * </ul>
 * Then each exchange (a {@code steps} list may mix setup steps in, to wait between them): the
 * request is sent as the case says, and the answer's status, headers and
 * body are compared with the case's (see {@link Expectations}). Every answer must also carry a
 * request id ({@code x-amzn-RequestId}, a UUID), an {@code x-amz-id-2} and, for API answers, the
 * request's content type, unless the case says otherwise (the length of {@code x-amz-id-2} is a
 * protocol case of its own, so that one header does not fail every case).
 */
final class CaseExecution {
    static final String JSON = "application/x-amz-json-1.1";
    static final String CBOR = "application/x-amz-cbor-1.1";
    static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            + "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final ConformanceCase testCase;
    private final boolean cbor;
    private final RawHttpClient http;
    private final Templates templates;
    private final Map<String, String> variables = new HashMap<>();

    CaseExecution(ConformanceCase testCase, String format, KinesisServer server, String prefix) {
        this.testCase = testCase;
        this.cbor = format.equals("cbor");
        this.http = new RawHttpClient("127.0.0.1", server.port());
        variables.put("account", ConformanceServers.ACCOUNT);
        variables.put("region", ConformanceServers.REGION);
        this.templates = new Templates(prefix, variables);
    }

    /** Null if the server answered as the case expects, else what differed. */
    String run() throws Exception {
        JsonNode setup = testCase.json().get("setup");
        if (setup != null) {
            for (JsonNode step : setup) {
                String problem = setupStep(step);
                if (problem != null) {
                    return "setup step " + step + ": " + problem;
                }
            }
        }
        int index = 0;
        for (JsonNode step : ConformanceCase.steps(testCase.json())) {
            index++;
            String problem = step.has("request") ? exchange(step.get("request"), step.get("response")) : setupStep(step);
            if (problem != null) {
                return (testCase.json().has("steps") ? "step " + index + ": " : "") + problem;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ setup

    private String setupStep(JsonNode step) throws Exception {
        if (step.has("createStream")) {
            ObjectNode body = MAPPER.createObjectNode().put("StreamName", templates.fill(step.get("createStream").asText()));
            if (step.has("mode")) {
                body.putObject("StreamModeDetails").put("StreamMode", step.get("mode").asText());
            } else {
                body.put("ShardCount", step.path("shards").asInt(1));
            }
            if (step.has("tags")) {
                body.set("Tags", templates.fill(step.get("tags")));
            }
            RawHttpClient.Response created = call("CreateStream", body);
            if (created.status() != 200) {
                return "CreateStream answered " + created.status() + " " + text(created.body());
            }
            return waitForStatus(body.get("StreamName").asText(), "ACTIVE");
        }
        if (step.has("call")) {
            RawHttpClient.Response response = call(step.get("call").asText(), templates.fill(step.path("body")));
            int expected = step.path("status").asInt(200);
            if (response.status() != expected) {
                return "answered " + response.status() + " " + text(response.body()) + ", not " + expected;
            }
            if (step.has("capture")) {
                JsonNode answer = MAPPER.readTree(response.body());
                for (Iterator<Map.Entry<String, JsonNode>> it = step.get("capture").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> capture = it.next();
                    JsonNode value = answer.at(capture.getValue().asText());
                    if (value.isMissingNode()) {
                        return "no " + capture.getValue().asText() + " in " + answer;
                    }
                    variables.put(capture.getKey(), value.isTextual() ? value.textValue() : value.toString());
                }
            }
            return null;
        }
        if (step.has("waitStatus")) {
            return waitForStatus(templates.fill(step.get("stream").asText()), step.get("waitStatus").asText());
        }
        if (step.has("let")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = step.get("let").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> let = it.next();
                variables.put(let.getKey(), Long.toString(evaluate(let.getValue().asText())));
            }
            return null;
        }
        if (step.has("sleep")) {
            Thread.sleep(step.get("sleep").asLong());
            return null;
        }
        throw new IllegalArgumentException("unknown setup step " + step);
    }

    private static long evaluate(String expression) {
        String[] parts = expression.split("(?=[+-])", 2);
        long base = switch (parts[0].trim()) {
            case "nowMillis" -> System.currentTimeMillis();
            default -> throw new IllegalArgumentException("unknown value " + parts[0]);
        };
        return parts.length == 1 ? base : base + Long.parseLong(parts[1].replace("+", "").trim());
    }

    private String waitForStatus(String stream, String status) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String seen = null;
        while (System.nanoTime() < deadline) {
            RawHttpClient.Response response = call("DescribeStreamSummary", MAPPER.createObjectNode().put("StreamName", stream));
            if (status.equals("gone") && response.status() == 400 && text(response.body()).contains("ResourceNotFoundException")) {
                return null;
            }
            if (response.status() == 200) {
                seen = MAPPER.readTree(response.body()).path("StreamDescriptionSummary").path("StreamStatus").asText();
                if (seen.equals(status)) {
                    return null;
                }
            } else {
                seen = text(response.body());
            }
            Thread.sleep(10);
        }
        return "stream " + stream + " not " + status + " within 20 s (last: " + seen + ")";
    }

    /** A signed JSON call, as setup makes them. */
    RawHttpClient.Response call(String operation, JsonNode body) throws IOException {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", JSON});
        headers.add(new String[] {"X-Amz-Target", "Kinesis_20131202." + operation});
        headers.add(new String[] {"Authorization", AUTHORIZATION});
        headers.add(new String[] {"X-Amz-Date", "20260101T000000Z"});
        return http.send("POST", "/", headers, MAPPER.writeValueAsBytes(body));
    }

    // ------------------------------------------------------------------ the checked exchanges

    private String exchange(JsonNode request, JsonNode expected) throws IOException {
        RawHttpClient.Response response = send(request);
        List<String> problems = new ArrayList<>();
        int status = expected.path("status").asInt(200);
        if (response.status() != status) {
            problems.add("status " + response.status() + ", expected " + status);
        }
        problems.addAll(headerProblems(request, expected, response));
        problems.addAll(bodyProblems(expected, response));
        if (problems.isEmpty()) {
            return null;
        }
        return String.join("; ", problems) + "\n    answer: " + response.status() + " " + contentType(response) + " "
                + abbreviate(describeBody(response));
    }

    private RawHttpClient.Response send(JsonNode request) throws IOException {
        List<String[]> headers = new ArrayList<>();
        String contentType = request.has("contentType") ? nullable(request.get("contentType")) : cbor ? CBOR : JSON;
        if (contentType != null) {
            headers.add(new String[] {"Content-Type", contentType});
        }
        String target = request.has("target") ? nullable(request.get("target"))
                : "Kinesis_20131202." + request.path("operation").asText(testCase.operation());
        if (target != null) {
            headers.add(new String[] {"X-Amz-Target", templates.fill(target)});
        }
        if (!"none".equals(request.path("auth").asText("signed"))) {
            headers.add(new String[] {"Authorization", AUTHORIZATION});
            headers.add(new String[] {"X-Amz-Date", "20260101T000000Z"});
        }
        if (request.has("headers")) {
            request.get("headers").fields().forEachRemaining(h -> headers.add(new String[] {h.getKey(), templates.fill(h.getValue().asText())}));
        }
        byte[] body;
        if (request.path("noBody").asBoolean(false)) {
            body = null;
        } else if (request.has("rawBody")) {
            body = templates.fill(request.get("rawBody").asText()).getBytes(StandardCharsets.UTF_8);
        } else {
            JsonNode filled = templates.fill(request.path("body").isMissingNode() ? MAPPER.createObjectNode() : request.get("body"));
            body = cbor ? CborTranscoder.encode(filled) : MAPPER.writeValueAsBytes(filled);
        }
        return http.send(request.path("method").asText("POST"), templates.fill(request.path("path").asText("/")), headers, body);
    }

    private List<String> headerProblems(JsonNode request, JsonNode expected, RawHttpClient.Response response) {
        List<String> problems = new ArrayList<>();
        JsonNode headers = expected.path("headers");
        boolean apiAnswer = !expected.has("rawBody");
        if (!headers.has("Content-Type") && apiAnswer) {
            String requested = request.has("contentType") ? nullable(request.get("contentType")) : cbor ? CBOR : JSON;
            if (!java.util.Objects.equals(requested, response.header("Content-Type"))) {
                problems.add("Content-Type " + response.header("Content-Type") + ", expected the request's " + requested);
            }
        }
        if (!headers.has("x-amzn-RequestId") && (response.header("x-amzn-RequestId") == null
                || !response.header("x-amzn-RequestId").matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))) {
            problems.add("x-amzn-RequestId " + response.header("x-amzn-RequestId") + " is not a request id");
        }
        if (!headers.has("x-amz-id-2") && (response.header("x-amz-id-2") == null || response.header("x-amz-id-2").isEmpty())) {
            problems.add("no x-amz-id-2");
        }
        String length = response.header("Content-Length");
        if (length != null && Integer.parseInt(length) != response.body().length) {
            problems.add("Content-Length " + length + " for a body of " + response.body().length + " bytes");
        }
        headers.fields().forEachRemaining(h -> {
            String actual = response.header(h.getKey());
            if (h.getValue().isNull()) {
                if (actual != null) {
                    problems.add("header " + h.getKey() + ": " + actual + ", expected none");
                }
            } else {
                List<String> differ = Expectations.compare(MAPPER.getNodeFactory().textNode(templates.fill(h.getValue().asText())),
                        actual == null ? null : MAPPER.getNodeFactory().textNode(actual), cbor, false, variables);
                differ.forEach(d -> problems.add("header " + h.getKey() + d.substring(1)));
            }
        });
        return problems;
    }

    private List<String> bodyProblems(JsonNode expected, RawHttpClient.Response response) {
        if (expected.path("emptyBody").asBoolean(false)) {
            return response.body().length == 0 ? List.of() : List.of("expected an empty body");
        }
        if (expected.has("rawBody")) {
            String raw = templates.fill(expected.get("rawBody").asText());
            return raw.equals(text(response.body())) ? List.of() : List.of("expected the body " + MAPPER.valueToTree(raw));
        }
        if (!expected.has("body")) {
            return List.of();
        }
        JsonNode actual;
        try {
            String contentType = response.header("Content-Type");
            actual = CBOR.equals(contentType) ? CborTranscoder.decode(response.body())
                    : response.body().length == 0 ? null : MAPPER.readTree(response.body());
        } catch (RuntimeException | IOException e) {
            return List.of("the body does not parse as its Content-Type says: " + e.getMessage());
        }
        if (actual == null) {
            return List.of("expected a body, got none");
        }
        JsonNode want = templates.fill(expected.get("body"));
        boolean cborAnswer = CBOR.equals(response.header("Content-Type"));
        if (cborAnswer) {
            want = CborTranscoder.expectationInCbor(want, null);
        }
        return Expectations.compare(want, actual, cborAnswer, "subset".equals(expected.path("match").asText()), variables);
    }

    private static String describeBody(RawHttpClient.Response response) {
        if (CBOR.equals(response.header("Content-Type")) && response.body().length > 0) {
            try {
                return "(CBOR) " + CborTranscoder.decode(response.body());
            } catch (RuntimeException e) {
                return "(bad CBOR) " + Base64.getEncoder().encodeToString(response.body());
            }
        }
        return response.body().length == 0 ? "(empty body)" : text(response.body());
    }

    private static String contentType(RawHttpClient.Response response) {
        return String.valueOf(response.header("Content-Type"));
    }

    private static String nullable(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "...(" + text.length() + " chars)" : text;
    }
}

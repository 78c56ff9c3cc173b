package wildrydes.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares an answer with a case's expected body. Strings of the form {@code <<kind>>} or
 * {@code <<kind:variable>>} match what varies, and capture it for later steps:
 * <ul>
 * <li>{@code <<any>>}: anything present;</li>
 * <li>{@code <<uuid>>}: a request id;</li>
 * <li>{@code <<sequenceNumber>>}: 56 digits in AWS's layout (version 2 at both ends);</li>
 * <li>{@code <<shardIterator>>}: base64, the 8 bytes 00..01 first, 152 + 16n bytes in all;</li>
 * <li>{@code <<timestamp>>}: epoch seconds (a JSON number) or, in CBOR, tag 1 and integer milliseconds,
 * between 2014 and a day from now;</li>
 * <li>{@code <<number>>}, {@code <<string>>}: a value of that type;</li>
 * <li>{@code <<extendedRequestId>>}: an {@code x-amz-id-2}, 64 to 80 bytes in base64 (kinesalite's recordings);</li>
 * <li>{@code <<regex:PATTERN>>}: a string the pattern matches in full.</li>
 * </ul>
 * Objects must have exactly the expected members unless matched as a subset; arrays must match
 * element by element.
 */
final class Expectations {
    private static final Pattern MATCHER = Pattern.compile("<<([a-zA-Z]+)(?::(.*))?>>", Pattern.DOTALL);
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final long EARLIEST_SECONDS = 1_388_534_400L; // 2014-01-01

    private final boolean cbor;
    private final boolean subset;
    private final Map<String, String> captures;
    private final List<String> problems = new ArrayList<>();

    private Expectations(boolean cbor, boolean subset, Map<String, String> captures) {
        this.cbor = cbor;
        this.subset = subset;
        this.captures = captures;
    }

    /** What differs between the expected and the actual tree (empty if they match); captured values go into {@code captures}. */
    static List<String> compare(JsonNode expected, JsonNode actual, boolean cbor, boolean subset, Map<String, String> captures) {
        Expectations e = new Expectations(cbor, subset, captures);
        e.match("$", expected, actual);
        return e.problems;
    }

    private void match(String path, JsonNode expected, JsonNode actual) {
        if (expected.isTextual() && MATCHER.matcher(expected.textValue()).matches()) {
            matchKind(path, expected.textValue(), actual);
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            problems.add(path + ": missing, expected " + expected);
            return;
        }
        if (expected.isObject() && expected.size() == 1 && expected.has("$validationErrors")) {
            validationErrors(path, expected.get("$validationErrors"), actual);
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                problems.add(path + ": expected an object, got " + show(actual));
                return;
            }
            TreeSet<String> extra = new TreeSet<>();
            actual.fieldNames().forEachRemaining(extra::add);
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                extra.remove(field.getKey());
                match(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
            }
            if (!subset && !extra.isEmpty()) {
                problems.add(path + ": unexpected members " + extra);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                problems.add(path + ": expected an array, got " + show(actual));
                return;
            }
            if (expected.size() != actual.size()) {
                problems.add(path + ": expected " + expected.size() + " elements, got " + actual.size() + ": " + show(actual));
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                match(path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (expected.isNumber()) {
            if (!actual.isNumber() || actual.decimalValue().compareTo(expected.decimalValue()) != 0) {
                problems.add(path + ": expected " + expected + ", got " + show(actual));
            }
        } else if (expected.isBinary()) {
            try {
                if (!actual.isBinary() || !java.util.Arrays.equals(expected.binaryValue(), actual.binaryValue())) {
                    problems.add(path + ": expected bytes " + expected + ", got " + show(actual));
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        } else if (expected instanceof POJONode pojo) {
            if (!(actual instanceof POJONode other) || !pojo.getPojo().equals(other.getPojo())) {
                problems.add(path + ": expected " + pojo.getPojo() + ", got " + show(actual));
            }
        } else if (!expected.equals(actual)) {
            problems.add(path + ": expected " + expected + ", got " + show(actual));
        }
    }

    /**
     * {@code {"$validationErrors": [...]}}: AWS's "N validation errors detected: a; b; c" with the
     * errors in any order (the recordings do not fix it).
     */
    private void validationErrors(String path, JsonNode errors, JsonNode actual) {
        String prefix = errors.size() + " validation error" + (errors.size() == 1 ? "" : "s") + " detected: ";
        if (!actual.isTextual() || !actual.textValue().startsWith(prefix)) {
            problems.add(path + ": expected \"" + prefix + "\" and " + errors + " in any order, got " + show(actual));
            return;
        }
        String rest = actual.textValue().substring(prefix.length());
        List<String> remaining = new ArrayList<>();
        errors.forEach(e -> remaining.add(e.textValue()));
        while (!remaining.isEmpty()) {
            String found = null;
            for (String error : remaining) {
                if (rest.startsWith(error) && (rest.length() == error.length() || rest.startsWith("; ", error.length()))) {
                    found = error;
                    break;
                }
            }
            if (found == null) {
                problems.add(path + ": expected the errors " + remaining + " (in any order) at \"" + rest + "\" of " + show(actual));
                return;
            }
            remaining.remove(found);
            rest = rest.substring(Math.min(rest.length(), found.length() + 2));
        }
        if (!rest.isEmpty()) {
            problems.add(path + ": unexpected \"" + rest + "\" after the expected errors in " + show(actual));
        }
    }

    private void matchKind(String path, String matcher, JsonNode actual) {
        java.util.regex.Matcher m = MATCHER.matcher(matcher);
        m.matches();
        String kind = m.group(1);
        String argument = m.group(2);
        if (actual == null || actual.isMissingNode()) {
            problems.add(path + ": missing, expected " + matcher);
            return;
        }
        String why = switch (kind) {
            case "any" -> null;
            case "regex" -> actual.isTextual() && Pattern.compile(argument, Pattern.DOTALL).matcher(actual.textValue()).matches()
                    ? null : "does not match /" + argument + "/";
            case "uuid" -> actual.isTextual() && UUID.matcher(actual.textValue()).matches() ? null : "is not a request id";
            case "string" -> actual.isTextual() ? null : "is not a string";
            case "number" -> actual.isNumber() ? null : "is not a number";
            case "sequenceNumber" -> sequenceNumberProblem(actual);
            case "shardIterator" -> shardIteratorProblem(actual);
            case "timestamp" -> timestampProblem(actual);
            case "extendedRequestId" -> extendedRequestIdProblem(actual);
            default -> throw new IllegalArgumentException("unknown matcher " + matcher);
        };
        if (why != null) {
            problems.add(path + ": " + show(actual) + " " + why);
        } else if (argument != null && !kind.equals("regex")) {
            captures.put(argument, actual.isTextual() ? actual.textValue() : actual.toString());
        }
    }

    static String sequenceNumberProblem(JsonNode actual) {
        if (!actual.isTextual() || !actual.textValue().matches("\\d{56}")) {
            return "is not 56 decimal digits";
        }
        String hex = new BigInteger(actual.textValue()).toString(16);
        return hex.matches("2[0-9a-f]{45}2") ? null : "is not in AWS's layout (hex " + hex + ")";
    }

    static String extendedRequestIdProblem(JsonNode actual) {
        try {
            int length = Base64.getDecoder().decode(actual.asText()).length;
            return length >= 64 && length <= 80 ? null : "is " + length + " bytes, not 64 to 80";
        } catch (IllegalArgumentException e) {
            return "is not base64";
        }
    }

    static String shardIteratorProblem(JsonNode actual) {
        if (!actual.isTextual()) {
            return "is not a string";
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(actual.textValue());
        } catch (IllegalArgumentException e) {
            return "is not base64";
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(actual.textValue())) {
            return "is not canonical base64";
        }
        if (bytes.length < 152 || bytes.length > 280 || (bytes.length - 152) % 16 != 0) {
            return "is " + bytes.length + " bytes, not 152 + 16n up to 280";
        }
        for (int i = 0; i < 8; i++) {
            if (bytes[i] != (i == 7 ? 1 : 0)) {
                return "does not start with 00 00 00 00 00 00 00 01";
            }
        }
        return null;
    }

    private String timestampProblem(JsonNode actual) {
        double seconds;
        if (cbor) {
            if (!(actual instanceof POJONode pojo) || !(pojo.getPojo() instanceof CborTranscoder.CborTimestamp ts)
                    || ts.millis() == null) {
                return "is not a CBOR tag 1 with integer milliseconds";
            }
            seconds = ts.millis() / 1000.0;
        } else {
            if (!actual.isNumber()) {
                return "is not epoch seconds";
            }
            seconds = actual.doubleValue();
        }
        double latest = System.currentTimeMillis() / 1000.0 + 86_400;
        return seconds >= EARLIEST_SECONDS && seconds <= latest ? null : "is out of range for a timestamp";
    }

    private static String show(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node instanceof POJONode pojo ? String.valueOf(pojo.getPojo()) : node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
    }
}

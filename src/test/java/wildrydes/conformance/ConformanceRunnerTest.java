package wildrydes.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wildrydes.stream.SequenceNumbers;

/** The corpus runner itself: what it accepts and what it must not. */
class ConformanceRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static java.util.List<String> compare(String expected, String actual) throws Exception {
        return Expectations.compare(json(expected), json(actual), false, false, new HashMap<>());
    }

    @Test
    void objectsMustMatchMemberForMember() throws Exception {
        assertThat(compare("{\"a\": 1, \"b\": [\"x\"]}", "{\"b\": [\"x\"], \"a\": 1.0}")).isEmpty();
        assertThat(compare("{\"a\": 1}", "{\"a\": 1, \"extra\": true}")).singleElement().asString().contains("unexpected members [extra]");
        assertThat(compare("{\"a\": 1, \"b\": 2}", "{\"a\": 1}")).singleElement().asString().contains("$.b: missing");
        assertThat(compare("{\"a\": \"x\"}", "{\"a\": \"y\"}")).hasSize(1);
        assertThat(compare("[1, 2]", "[1]")).hasSize(1);
        assertThat(Expectations.compare(json("{\"a\": 1}"), json("{\"a\": 1, \"extra\": true}"), false, true, new HashMap<>())).isEmpty();
    }

    @Test
    void matchersAcceptWhatVariesAndCaptureIt() throws Exception {
        String number = SequenceNumbers.format(1_764_000_000_000L, 2, 7, 1_764_000_001_000L);
        Map<String, String> captures = new HashMap<>();
        assertThat(Expectations.compare(json("{\"s\": \"<<sequenceNumber:seq>>\", \"t\": \"<<timestamp>>\"}"),
                json("{\"s\": \"" + number + "\", \"t\": 1764000000.5}"), false, false, captures)).isEmpty();
        assertThat(captures).containsEntry("seq", number);
        assertThat(compare("\"<<sequenceNumber>>\"", "\"4" + "0".repeat(45) + "\"")).hasSize(1);
        assertThat(compare("\"<<timestamp>>\"", "\"1764000000\"")).hasSize(1);
        assertThat(compare("\"<<regex:a\\\\d+>>\"", "\"a12\"")).isEmpty();
        assertThat(compare("\"<<regex:a\\\\d+>>\"", "\"a12b\"")).hasSize(1);
    }

    @Test
    void shardIteratorMatcherWantsAwsLayout() throws Exception {
        byte[] good = new byte[168];
        good[7] = 1;
        assertThat(Expectations.shardIteratorProblem(json("\"" + Base64.getEncoder().encodeToString(good) + "\""))).isNull();
        byte[] wrongHeader = good.clone();
        wrongHeader[0] = 1;
        assertThat(Expectations.shardIteratorProblem(json("\"" + Base64.getEncoder().encodeToString(wrongHeader) + "\""))).isNotNull();
        assertThat(Expectations.shardIteratorProblem(json("\"" + Base64.getEncoder().encodeToString(new byte[160]) + "\""))).isNotNull();
    }

    @Test
    void validationErrorsMatchInAnyOrderButAllOfThem() throws Exception {
        String expected = "{\"$validationErrors\": [\"Value null at 'a' failed\", \"Value null at 'b' failed\"]}";
        assertThat(compare(expected, "\"2 validation errors detected: Value null at 'b' failed; Value null at 'a' failed\"")).isEmpty();
        assertThat(compare(expected, "\"2 validation errors detected: Value null at 'a' failed; Value null at 'a' failed\"")).hasSize(1);
        assertThat(compare(expected, "\"1 validation error detected: Value null at 'a' failed\"")).hasSize(1);
        assertThat(compare(expected, "\"2 validation errors detected: Value null at 'a' failed; Value null at 'b' failed; x\"")).hasSize(1);
    }

    @Test
    void cborCarriesBlobsAsBytesAndTimestampsAsTagOneMilliseconds() throws Exception {
        JsonNode body = json("{\"Data\": \"AAEC\", \"Timestamp\": 1764000000.123, \"Name\": \"x\", \"N\": 5}");
        JsonNode decoded = CborTranscoder.decode(CborTranscoder.encode(body));
        assertThat(decoded.get("Data").binaryValue()).containsExactly(0, 1, 2);
        assertThat(decoded.get("Name").textValue()).isEqualTo("x");
        assertThat(decoded.get("N").asInt()).isEqualTo(5);
        assertThat(Expectations.compare(CborTranscoder.expectationInCbor(body, null), decoded, true, false, new HashMap<>())).isEmpty();
        assertThat(Expectations.compare(json("{\"T\": \"<<timestamp>>\"}"), json("{\"T\": 1764000000}"), true, false, new HashMap<>()))
                .as("in CBOR a plain number is no timestamp").hasSize(1);
        // an indefinite-length map with a tag-1 float, as a careless encoder would write it
        byte[] indefinite = {(byte) 0xBF, 0x61, 'T', (byte) 0xC1, (byte) 0xFB, 0x41, (byte) 0xDA, 0x48, (byte) 0xB2, 0x00, 0x00, 0x00, 0x00, (byte) 0xFF};
        JsonNode careless = CborTranscoder.decode(indefinite);
        assertThat(Expectations.compare(json("{\"T\": \"<<timestamp>>\"}"), careless, true, false, new HashMap<>())).hasSize(1);
    }

    @Test
    void templatesFillVariablesMacrosAndNumbers() throws Exception {
        Map<String, String> variables = new HashMap<>();
        variables.put("account", "000000000000");
        variables.put("future", "1764000000123");
        Templates templates = new Templates("cf1_", variables);
        assertThat(templates.fill("Stream ${stream} under account ${account}")).isEqualTo("Stream cf1_stream under account 000000000000");
        assertThat(templates.fill("${repeat:a:3}")).isEqualTo("aaa");
        assertThat(templates.fill(json("\"${seconds:future}\"")).doubleValue()).isEqualTo(1764000000.123);
        assertThat(templates.fill("<<regex:x ${stream}.>>")).isEqualTo("<<regex:x \\Qcf1_stream\\E.>>");
        assertThat(new BigInteger(Base64.getDecoder().decode(templates.fill("${base64zeros:4}")))).isZero();
    }

    @Test
    void theCorpusCoversEveryOperationAndTheProtocol() {
        Map<String, java.util.List<ConformanceCase>> corpus = ConformanceTest.loadCorpus();
        assertThat(corpus.keySet()).contains("Protocol").hasSize(40);
        assertThat(corpus.values()).allSatisfy(cases -> assertThat(cases).hasSizeGreaterThanOrEqualTo(3));
        assertThat(corpus.values().stream().mapToInt(java.util.List::size).sum()).isGreaterThanOrEqualTo(300);
    }
}

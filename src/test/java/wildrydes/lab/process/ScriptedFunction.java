package wildrydes.lab.process;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A function whose answer a test decides, keeping every event it was invoked with (as the JSON the runtime would get). */
final class ScriptedFunction implements LambdaFunction {
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Function<JsonNode, InvocationResult> answer;

    ScriptedFunction(Function<JsonNode, InvocationResult> answer) {
        this.answer = answer;
    }

    static InvocationResult ok(String json) {
        return InvocationResult.success(UUID.randomUUID().toString(), json.getBytes(StandardCharsets.UTF_8), 1);
    }

    static InvocationResult error(String type, String message) {
        return InvocationResult.platformError(UUID.randomUUID().toString(), type, message, 1);
    }

    /** The data of a record of an event, as text. */
    static String data(JsonNode record) {
        return new String(java.util.Base64.getDecoder().decode(record.path("kinesis").path("data").asText()), StandardCharsets.UTF_8);
    }

    static List<String> datas(JsonNode event) {
        List<String> out = new java.util.ArrayList<>();
        event.path("Records").forEach(r -> out.add(data(r)));
        return out;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public InvocationResult invoke(FunctionEvent event) {
        JsonNode json = Json.parseOrNull(event.json());
        events.add(json);
        return answer.apply(json);
    }
}

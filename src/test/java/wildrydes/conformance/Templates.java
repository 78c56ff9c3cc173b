package wildrydes.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a case's placeholders. In any string, {@code ${name}} is a variable: {@code account} and
 * {@code region} are the server's, a captured or {@code let} value is itself, and any other name
 * is made on first use into a stream-name-safe value unique to the run ({@code <prefix><name>}),
 * so every case has streams of its own. Macros: {@code ${repeat:a:129}} (129 times "a"),
 * {@code ${base64zeros:N}} (base64 of N zero bytes). A string that is only
 * {@code ${seconds:name}} becomes the number {@code name / 1000} (epoch seconds from
 * milliseconds), {@code ${number:name}} the number itself. Inside {@code <<regex:...>>} the
 * substituted values are quoted.
 */
final class Templates {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String prefix;
    private final Map<String, String> variables;

    Templates(String prefix, Map<String, String> variables) {
        this.prefix = prefix;
        this.variables = variables;
    }

    Map<String, String> variables() {
        return variables;
    }

    JsonNode fill(JsonNode template) {
        if (template == null) {
            return null;
        }
        if (template.isObject()) {
            ObjectNode filled = NODES.objectNode();
            template.fields().forEachRemaining(f -> filled.set(fill(f.getKey()), fill(f.getValue())));
            return filled;
        }
        if (template.isArray()) {
            var filled = NODES.arrayNode();
            template.forEach(e -> filled.add(fill(e)));
            return filled;
        }
        if (template.isTextual()) {
            String text = template.textValue();
            Matcher whole = Pattern.compile("\\$\\{(seconds|number):([^}]+)}").matcher(text);
            if (whole.matches()) {
                double value = Double.parseDouble(value(whole.group(2)));
                return whole.group(1).equals("seconds") ? NODES.numberNode(value / 1000.0)
                        : value == Math.rint(value) ? NODES.numberNode((long) value) : NODES.numberNode(value);
            }
            return NODES.textNode(fill(text));
        }
        return template;
    }

    String fill(String text) {
        if (text == null) {
            return null;
        }
        boolean regex = text.startsWith("<<regex:");
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = value(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(regex ? Pattern.quote(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    String value(String expression) {
        if (expression.startsWith("repeat:")) {
            String[] parts = expression.split(":", 3);
            return parts[1].repeat(Integer.parseInt(parts[2]));
        }
        if (expression.startsWith("base64zeros:")) {
            return Base64.getEncoder().encodeToString(new byte[Integer.parseInt(expression.substring("base64zeros:".length()))]);
        }
        return variables.computeIfAbsent(expression, name -> prefix + name);
    }
}

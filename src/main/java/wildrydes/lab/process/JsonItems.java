package wildrydes.lab.process;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * JSON to DynamoDB attribute values, as the DocumentClient marshals a parsed JSON object:
 * numbers become N (with the number's text exactly as written, so nothing is rounded), strings
 * S, booleans BOOL, null NULL, objects M and arrays L.
 */
public final class JsonItems {
    private JsonItems() {
    }

    /** The item a JSON object makes; IllegalArgumentException when the text is not one JSON object. */
    public static Map<String, AttributeValue> item(byte[] json) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(first == null ? "Unexpected end of JSON input"
                        : "the record is JSON but not an object (" + first.asString() + "...), so it cannot be an item");
            }
            Map<String, AttributeValue> item = object(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("Unexpected non-whitespace character after JSON at position "
                        + parser.currentTokenLocation().getCharOffset());
            }
            return item;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static Map<String, AttributeValue> object(JsonParser parser) throws IOException {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            map.put(name, value(parser));
        }
        return map;
    }

    private static AttributeValue value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> AttributeValue.fromM(object(parser));
            case START_ARRAY -> {
                List<AttributeValue> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                yield AttributeValue.fromL(list);
            }
            case VALUE_STRING -> AttributeValue.fromS(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> AttributeValue.fromN(parser.getText());
            case VALUE_TRUE -> AttributeValue.fromBool(true);
            case VALUE_FALSE -> AttributeValue.fromBool(false);
            case VALUE_NULL -> AttributeValue.fromNul(true);
            default -> throw new IllegalArgumentException("unexpected JSON token " + parser.currentToken());
        };
    }
}

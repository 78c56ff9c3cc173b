package wildrydes.console;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An answer of the console, independent of the HTTP library that sends it. */
public record ConsoleResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static ConsoleResponse text(int status, String contentType, String body, Map<String, String> headers) {
        return new ConsoleResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }
}

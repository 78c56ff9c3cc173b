package wildrydes.tables.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A successful answer, written as JSON. */
@FunctionalInterface
interface Reply {
    Reply EMPTY = out -> {
        out.writeStartObject();
        out.writeEndObject();
    };

    void write(JsonGenerator out) throws IOException;
}

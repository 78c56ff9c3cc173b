package wildrydes.tables;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A table definition as stored keyspace metadata: JSON, so it stays readable and can gain fields. */
final class TableDefinitions {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private TableDefinitions() {
    }

    static byte[] encode(TableDefinition definition) {
        try {
            return JSON.writeValueAsBytes(definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TableDefinition decode(byte[] metadata) {
        try {
            return JSON.readValue(metadata, TableDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable table definition: " + e.getMessage(), e);
        }
    }
}

package wildrydes.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON mapper of the stream services' small stored blobs (stream metadata, consumers,
 * their tags, account settings). Made on first use: building a mapper costs start-up time, and
 * a server starting on an empty data directory reads none of them before it is ready. Unknown
 * properties are skipped, so that files written by a newer version still load.
 */
public final class StoredJson {
    private StoredJson() {
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}

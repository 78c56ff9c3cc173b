package wildrydes.api;

import wildrydes.protocol.ResponseWriter;

/** A successful answer, written straight to the wire in the request's format. */
@FunctionalInterface
public interface Response {
    Response EMPTY = w -> w.startObject().endObject();

    void writeTo(ResponseWriter writer);
}

package wildrydes.api;

import wildrydes.protocol.ResponseWriter;

/** A successful answer, written straight to the wire in the request's format. */
@FunctionalInterface
public interface Response {
    /** The answer of a call that returns nothing: an empty body (status 200, Content-Length 0), as AWS answers it. */
    Response EMPTY = new Response() {
        @Override
        public void writeTo(ResponseWriter writer) {
        }

        @Override
        public int sizeHint() {
            return 0;
        }
    };

    void writeTo(ResponseWriter writer);

    /**
     * About how many bytes the answer takes (an over-estimate is fine): the body buffer is made
     * that large at once instead of growing, and copying, through every power of two.
     */
    default int sizeHint() {
        return 256;
    }

    /** A response that knows about how large it is. */
    static Response sized(int sizeHint, Response response) {
        return new Response() {
            @Override
            public void writeTo(ResponseWriter writer) {
                response.writeTo(writer);
            }

            @Override
            public int sizeHint() {
                return sizeHint;
            }
        };
    }
}

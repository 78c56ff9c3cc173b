package wildrydes.api;

import wildrydes.protocol.Shape;

/** Shapes of the enhanced fan-out operations, as the API model (2013-12-02) declares them. */
final class ConsumerShapes {
    static final Shape CONSUMER_NAME = Shape.string().length(1, 128).pattern("[a-zA-Z0-9_.-]+");
    static final Shape CONSUMER_ARN = Shape.string().length(1, 2048)
            .pattern("^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");

    private ConsumerShapes() {
    }
}

package wildrydes.api;

import wildrydes.fanout.StreamConsumer;
import wildrydes.protocol.ResponseWriter;
import wildrydes.stream.ServiceSettings;

/** How stream consumers are written in responses. */
final class ConsumerViews {
    private ConsumerViews() {
    }

    /** The members of a Consumer; a ConsumerDescription adds StreamARN. */
    static void consumer(ResponseWriter w, StreamConsumer consumer, ServiceSettings settings) {
        w.string("ConsumerName", consumer.name())
                .string("ConsumerARN", consumer.arn(settings))
                .string("ConsumerStatus", consumer.status().name())
                .timestamp("ConsumerCreationTimestamp", consumer.createdMillis());
    }
}

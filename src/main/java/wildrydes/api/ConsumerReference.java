package wildrydes.api;

import wildrydes.errors.KinesisException;
import wildrydes.fanout.StreamConsumer;
import wildrydes.fanout.StreamConsumers;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamRegistry;

/** Resolves the consumer a request names: by ConsumerARN, or by StreamARN and ConsumerName. */
final class ConsumerReference {
    private ConsumerReference() {
    }

    static StreamConsumer resolve(Struct request, StreamConsumers consumers, StreamRegistry streams) {
        String arn = request.string("ConsumerARN");
        String streamArn = request.string("StreamARN");
        String name = request.string("ConsumerName");
        if (arn != null) {
            return consumers.byArn(arn); // as AWS does, the ARN wins over StreamARN and ConsumerName
        }
        if (streamArn == null || name == null) {
            throw KinesisException.invalidArgument("Specify either ConsumerARN, or both StreamARN and ConsumerName.");
        }
        return consumers.byName(streams.stream(StreamReference.resolve(request, streams.settings())), name);
    }
}

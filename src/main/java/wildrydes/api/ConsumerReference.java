package wildrydes.api;

import wildrydes.errors.KinesisException;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamConsumer;
import wildrydes.stream.StreamService;

/** Resolves the consumer a request names: by ConsumerARN, or by StreamARN and ConsumerName. */
final class ConsumerReference {
    private ConsumerReference() {
    }

    static StreamConsumer resolve(Struct request, StreamService service) {
        String arn = request.string("ConsumerARN");
        String streamArn = request.string("StreamARN");
        String name = request.string("ConsumerName");
        if (arn != null) {
            return service.consumers().byArn(arn); // as AWS does, the ARN wins over StreamARN and ConsumerName
        }
        if (streamArn == null || name == null) {
            throw KinesisException.invalidArgument("Specify either ConsumerARN, or both StreamARN and ConsumerName.");
        }
        return service.consumers().byName(service.stream(StreamReference.resolve(request, service.settings())), name);
    }
}

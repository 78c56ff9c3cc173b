package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.errors.KinesisException;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamRegistry;
import wildrydes.stream.StreamSettingsUpdates;

/**
 * StartStreamEncryption and StopStreamEncryption: the stream goes UPDATING, then reports
 * EncryptionType KMS (or NONE) with its key, and so do its records. No key service is called:
 * the key id is recorded as given.
 */
public final class StreamEncryption implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("EncryptionType", Shape.string().oneOf("NONE", "KMS")),
            required("KeyId", Shape.string().length(1, 2048)));

    private final StreamRegistry streams;
    private final StreamSettingsUpdates settingsUpdates;
    private final boolean start;

    private StreamEncryption(StreamRegistry streams, StreamSettingsUpdates settingsUpdates, boolean start) {
        this.streams = streams;
        this.settingsUpdates = settingsUpdates;
        this.start = start;
    }

    public static StreamEncryption start(StreamRegistry streams, StreamSettingsUpdates settingsUpdates) {
        return new StreamEncryption(streams, settingsUpdates, true);
    }

    public static StreamEncryption stop(StreamRegistry streams, StreamSettingsUpdates settingsUpdates) {
        return new StreamEncryption(streams, settingsUpdates, false);
    }

    @Override
    public String name() {
        return start ? "StartStreamEncryption" : "StopStreamEncryption";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        String stream = StreamReference.resolve(request, streams.settings());
        String type = request.string("EncryptionType");
        if (!type.equals("KMS")) {
            throw KinesisException.invalidArgument("EncryptionType must be KMS for " + name() + ".");
        }
        String keyId = request.string("KeyId");
        if (start) {
            settingsUpdates.update(stream, s -> s.withEncryption("KMS", keyId), true);
        } else {
            String current = streams.stream(stream).settings().keyId();
            if (current != null && !current.equals(keyId)) {
                throw KinesisException.invalidArgument("KeyId " + keyId + " does not match the key the stream " + stream
                        + " is encrypted with.");
            }
            settingsUpdates.update(stream, s -> s.withEncryption("NONE", null), true);
        }
        return Action.done(Response.EMPTY);
    }
}

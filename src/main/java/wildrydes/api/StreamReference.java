package wildrydes.api;

import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;
import wildrydes.protocol.Struct;
import wildrydes.stream.ServiceSettings;

/** Resolves the stream a request names, by StreamName or StreamARN (which must agree if both are given). */
final class StreamReference {
    private StreamReference() {
    }

    static String resolve(Struct request, ServiceSettings settings) {
        String name = request.string("StreamName");
        String arn = request.string("StreamARN");
        if (arn == null) {
            if (name == null) {
                throw new KinesisException(ErrorCode.ValidationException, "Either StreamName or StreamARN must be provided.");
            }
            return name;
        }
        int slash = arn.indexOf(":stream/");
        String arnName = arn.substring(slash + ":stream/".length());
        if (name != null && !name.equals(arnName)) {
            throw KinesisException.invalidArgument("StreamARN " + arn + " and StreamName " + name + " name different streams.");
        }
        String expectedPrefix = "arn:aws:kinesis:" + settings.region() + ":" + settings.accountId() + ":stream/";
        if (!arn.startsWith(expectedPrefix)) {
            throw KinesisException.notFound("Stream " + arnName + " under account " + accountOf(arn) + " not found.");
        }
        return arnName;
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 4 ? parts[4] : "";
    }
}

package wildrydes.fanout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a consumer ARN: {@code arn:aws:kinesis:{region}:{account}:stream/{stream}/consumer/{name}:{seconds}}. */
record ConsumerArn(String region, String account, String streamName, String consumerName, long createdSeconds) {
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/([a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):(\\d{1,18})");

    /** The parts, or null when the text is not shaped like a consumer ARN. */
    static ConsumerArn parse(String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            return null;
        }
        return new ConsumerArn(m.group(1), m.group(2), m.group(3), m.group(4), Long.parseLong(m.group(5)));
    }
}

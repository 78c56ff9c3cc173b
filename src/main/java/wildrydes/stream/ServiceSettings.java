package wildrydes.stream;

import java.time.Clock;

/**
 * What the stream service needs to know of its surroundings.
 *
 * @param region             the region in ARNs and messages
 * @param accountId          the account in ARNs and messages
 * @param stateChangeMillis  how long CREATING, DELETING and UPDATING last
 * @param shardLimit         open shards allowed across the account
 * @param clock              the service's clock (tests move it)
 */
public record ServiceSettings(String region, String accountId, long stateChangeMillis, int shardLimit, Clock clock) {

    public static ServiceSettings defaults() {
        return new ServiceSettings("us-east-1", "000000000000", 500, 500, Clock.systemUTC());
    }

    public String streamArn(String streamName) {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }
}

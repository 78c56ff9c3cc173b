package wildrydes.stream;

import java.time.Clock;

/**
 * What the stream services (the registry and the rooms around it) need to know of their surroundings.
 *
 * @param region             the region in ARNs and messages
 * @param accountId          the account in ARNs and messages
 * @param stateChangeMillis  how long CREATING, DELETING and UPDATING last
 * @param shardLimit         open shards allowed across the account
 * @param clock              the service's clock (tests move it)
 * @param enforceLimits      refuse traffic over the per-shard limits, as AWS does
 * @param faultRate          the fraction of data-plane requests that fail with InternalFailure, to test retries
 */
public record ServiceSettings(String region, String accountId, long stateChangeMillis, int shardLimit, Clock clock,
                              boolean enforceLimits, double faultRate) {

    public ServiceSettings(String region, String accountId, long stateChangeMillis, int shardLimit, Clock clock) {
        this(region, accountId, stateChangeMillis, shardLimit, clock, false, 0);
    }

    public static ServiceSettings defaults() {
        return new ServiceSettings("us-east-1", "000000000000", 500, 500, Clock.systemUTC());
    }

    public ServiceSettings withLimits(boolean enforce, double faultRate) {
        return new ServiceSettings(region, accountId, stateChangeMillis, shardLimit, clock, enforce, faultRate);
    }

    public String streamArn(String streamName) {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }
}

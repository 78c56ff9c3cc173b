package wildrydes.tables;

import java.time.Clock;

/**
 * @param stateChangeMillis how long CREATING, UPDATING and DELETING last
 * @param maxTables         tables allowed in the account and region (AWS's default quota is 2,500)
 */
public record TablesSettings(String region, String accountId, long stateChangeMillis, Clock clock, int maxTables) {

    public static TablesSettings of(String region, String accountId, long stateChangeMillis, Clock clock) {
        return new TablesSettings(region, accountId, stateChangeMillis, clock, 2500);
    }

    public String tableArn(String table) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + table;
    }
}

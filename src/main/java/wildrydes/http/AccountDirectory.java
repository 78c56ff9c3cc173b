package wildrydes.http;

import wildrydes.api.ActionRegistry;
import wildrydes.console.ConsoleRouter;
import wildrydes.tables.api.TablesEndpoint;

/**
 * The services behind the edge, one set per account: a request is dispatched to the set of the
 * account its signature resolved to, so the accounts' streams and tables never meet.
 */
public interface AccountDirectory {

    /** The account a request acts for when the server checks no signatures. */
    String defaultAccountId();

    /** The Kinesis operations of this account (an account the authenticator resolved always has them). */
    ActionRegistry kinesisActions(String accountId);

    /** The console's data routes of this account, or null when the server has no console. */
    ConsoleRouter console(String accountId);

    /** The DynamoDB API of this account, or null when the server has no tables. */
    TablesEndpoint tables(String accountId);

    /** One account, for a server (or a test) without credentials and without tables. */
    static AccountDirectory single(String accountId, ActionRegistry actions, ConsoleRouter console) {
        return single(accountId, actions, console, null);
    }

    /** One account, for a server (or a test) without credentials. */
    static AccountDirectory single(String accountId, ActionRegistry actions, ConsoleRouter console, TablesEndpoint tables) {
        return new AccountDirectory() {
            @Override
            public String defaultAccountId() {
                return accountId;
            }

            @Override
            public ActionRegistry kinesisActions(String account) {
                return actions;
            }

            @Override
            public ConsoleRouter console(String account) {
                return console;
            }

            @Override
            public TablesEndpoint tables(String account) {
                return tables;
            }
        };
    }
}

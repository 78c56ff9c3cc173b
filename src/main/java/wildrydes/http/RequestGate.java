package wildrydes.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Clock;
import java.util.Date;
import wildrydes.api.Action;
import wildrydes.api.ActionRegistry;
import wildrydes.auth.Authenticator;
import wildrydes.auth.Principal;
import wildrydes.console.ConsoleResponse;
import wildrydes.console.ConsoleRouter;
import wildrydes.errors.KinesisException;
import wildrydes.tables.TablesError;
import wildrydes.tables.TablesException;
import wildrydes.tables.api.TablesEndpoint;

/**
 * Where the edge authenticates: every API call, and every GET of an account's data (console JSON,
 * Prometheus metrics), goes through the {@link Authenticator} before it is dispatched to the
 * services of the account it resolved to.
 */
final class RequestGate {
    /** The signing name of the Kinesis API in a credential scope. */
    static final String KINESIS = "kinesis";
    /** The signing name of the DynamoDB API in a credential scope. */
    static final String DYNAMODB = "dynamodb";

    private final AccountDirectory accounts;
    private final Authenticator authenticator;
    private final String region;
    private final Clock clock;

    RequestGate(AccountDirectory accounts, Authenticator authenticator, String region, Clock clock) {
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.region = region;
        this.clock = clock;
    }

    /** The Date header of a response: the clock signatures are checked against. */
    String httpDate() {
        return DateFormatter.format(new Date(clock.millis()));
    }

    /** The operations of the default account: the names are the same for every account. */
    ActionRegistry operations() {
        return accounts.kinesisActions(accounts.defaultAccountId());
    }

    boolean hasConsole() {
        return accounts.console(accounts.defaultAccountId()) != null;
    }

    /**
     * Authenticates an API call and returns {@code action} as the caller's account has it.
     *
     * @throws KinesisException AWS's answer to a request that is not (correctly) signed
     */
    Action authorize(ChannelHandlerContext ctx, FullHttpRequest request, Action action) {
        Principal principal = authenticator.authenticate(new NettySignedRequest(request, ctx.channel()), KINESIS);
        return accounts.kinesisActions(principal.accountId()).forTarget(ActionRegistry.TARGET_PREFIX + action.name());
    }

    /** Whether the server answers the DynamoDB API. */
    boolean hasTables() {
        return accounts.tables(accounts.defaultAccountId()) != null;
    }

    /** The endpoint that checks a DynamoDB call's shape (DynamoDB's words), whichever account it then acts for. */
    TablesEndpoint tablesEntry() {
        return accounts.tables(accounts.defaultAccountId());
    }

    /**
     * Verifies a DynamoDB call's signature (scoped to {@code dynamodb}) when the server has
     * credentials, and names the endpoint of its account; AWS's refusals as DynamoDB words them.
     * The request must not be released before the authorizer has run.
     */
    TablesEndpoint.Authorizer tablesAuthorizer(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!authenticator.verifiesSignatures()) {
            return this::tablesEntry;
        }
        return () -> {
            Principal principal;
            try {
                principal = authenticator.authenticate(new NettySignedRequest(request, ctx.channel()), DYNAMODB);
            } catch (KinesisException e) {
                throw new TablesException(TablesError.valueOf(e.code().name()), e.getMessage());
            }
            return accounts.tables(principal.accountId());
        };
    }

    /** A console GET: public files as they are, an account's data only to a signed request (when signatures count); null when not the console's. */
    ConsoleResponse console(ChannelHandlerContext ctx, FullHttpRequest request) {
        ConsoleRouter router = accounts.console(accounts.defaultAccountId());
        if (router == null) {
            return null;
        }
        String uri = request.uri();
        if (ConsoleRouter.isAuthInfo(uri)) {
            return ConsoleRouter.authInfo(authenticator.verifiesSignatures(), region);
        }
        if (authenticator.verifiesSignatures() && ConsoleRouter.holdsAccountData(uri)) {
            try {
                Principal principal = authenticator.authenticate(new NettySignedRequest(request, ctx.channel()), KINESIS);
                router = accounts.console(principal.accountId());
            } catch (KinesisException e) {
                return ConsoleRouter.authError(ErrorResponses.status(e.code()).code(), e.code().name(), e.getMessage());
            }
        }
        return router.answer(uri, request.headers().get(HttpHeaderNames.ACCEPT));
    }
}

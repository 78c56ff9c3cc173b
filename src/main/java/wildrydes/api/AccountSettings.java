package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.BillingCommitments;

/** DescribeAccountSettings and UpdateAccountSettings: the account's minimum throughput billing commitment. */
public final class AccountSettings implements Action {
    private static final Shape DESCRIBE_INPUT = Shape.structure();
    private static final Shape UPDATE_INPUT = Shape.structure(required("MinimumThroughputBillingCommitment",
            Shape.structure(required("Status", Shape.string().oneOf("ENABLED", "DISABLED")))));

    private final BillingCommitments billing;
    private final boolean update;

    private AccountSettings(BillingCommitments billing, boolean update) {
        this.billing = billing;
        this.update = update;
    }

    public static AccountSettings describe(BillingCommitments billing) {
        return new AccountSettings(billing, false);
    }

    public static AccountSettings update(BillingCommitments billing) {
        return new AccountSettings(billing, true);
    }

    @Override
    public String name() {
        return update ? "UpdateAccountSettings" : "DescribeAccountSettings";
    }

    @Override
    public Shape input() {
        return update ? UPDATE_INPUT : DESCRIBE_INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        BillingCommitments.BillingCommitment commitment = update
                ? billing.update(request.struct("MinimumThroughputBillingCommitment").string("Status").equals("ENABLED"))
                : billing.current();
        return Action.done(w -> {
            w.startObject().startObject("MinimumThroughputBillingCommitment").string("Status", commitment.status());
            if (commitment.startedAtMillis() > 0) {
                w.timestamp("StartedAt", commitment.startedAtMillis());
                w.timestamp("EarliestAllowedEndAt", commitment.earliestAllowedEndAtMillis());
            }
            if (commitment.endedAtMillis() > 0) {
                w.timestamp("EndedAt", commitment.endedAtMillis());
            }
            w.endObject().endObject();
        });
    }
}

package wildrydes.tables.api;

import java.util.regex.Pattern;
import wildrydes.tables.TablesError;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;

/** The ResourceArn of the tag operations, checked as DynamoDB checks it. */
final class ResourceArns {
    private static final Pattern ANY_ARN = Pattern.compile(".+:.+:.+:.+:.+:.+/.+");
    private static final Pattern TABLE_ARN = Pattern.compile("arn:aws:dynamodb:.+:\\d+:table/[^/]{2}[^/]+");

    private ResourceArns() {
    }

    static String check(Request r, TablesService service, String operation) {
        String arn = r.string("ResourceArn");
        if (arn == null) {
            throw TablesException.validation("Invalid TableArn");
        }
        if (!ANY_ARN.matcher(arn).matches()) {
            throw new TablesException(TablesError.AccessDeniedException, "User: arn:aws:iam::" + service.settings().accountId()
                    + ":root is not authorized to perform: dynamodb:" + operation + " on resource: " + arn);
        }
        return arn;
    }

    static void checkTableArn(String arn) {
        if (!TABLE_ARN.matcher(arn).matches()) {
            throw TablesException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
    }
}

package bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code bench.Tool tables --url U --table T --items N --query-items Q}: creates the table the
 * DynamoDB rows use (partition key pk, sort key sk, both strings, on demand), waits until it is
 * ACTIVE, and writes what the reads need with BatchWriteItem: N items k0..k(N-1) (sort key "0")
 * for GetItem, and Q items in partition "q" for the Query row. Items carry 100 characters of data.
 * Prints {@code items=.. seconds=..}.
 */
final class TablesSetup {
    static final String DATA = "x".repeat(100);

    private TablesSetup() {
    }

    static int run(Tool.Opts o) throws Exception {
        String table = o.str("table", "bench");
        long items = o.num("items", 10_000);
        long queryItems = o.num("query-items", 100);
        long start = System.nanoTime();
        try (Kinesis k = new Kinesis(o.str("url", null))) {
            Kinesis.Response created = k.call("DynamoDB_20120810.CreateTable", "{\"TableName\":\"" + table + "\","
                    + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                    + "\"BillingMode\":\"PAY_PER_REQUEST\"}");
            if (!created.ok() && !created.text().contains("ResourceInUseException")) {
                System.out.println("error=create_table status=" + created.status() + " " + created.text().replace(' ', '_'));
                return 1;
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!k.call("DynamoDB_20120810.DescribeTable", "{\"TableName\":\"" + table + "\"}").text().contains("\"ACTIVE\"")) {
                if (System.nanoTime() > deadline) {
                    System.out.println("error=table_not_active");
                    return 1;
                }
                Thread.sleep(20);
            }
            write(k, table, items, i -> "k" + i, i -> "0");
            write(k, table, queryItems, i -> "q", i -> String.format(Locale.ROOT, "%05d", i));
        }
        System.out.printf(Locale.ROOT, "items=%d seconds=%.1f%n", items + queryItems, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    interface Name {
        String of(long i);
    }

    private static void write(Kinesis k, String table, long count, Name pk, Name sk) throws Exception {
        for (long from = 0; from < count; from += 25) {
            StringBuilder body = new StringBuilder("{\"RequestItems\":{\"").append(table).append("\":[");
            for (long i = from; i < Math.min(count, from + 25); i++) {
                if (i > from) {
                    body.append(',');
                }
                body.append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"").append(pk.of(i)).append("\"},\"sk\":{\"S\":\"")
                        .append(sk.of(i)).append("\"},\"data\":{\"S\":\"").append(DATA).append("\"}}}}");
            }
            body.append("]}}");
            Kinesis.Response r = k.call("DynamoDB_20120810.BatchWriteItem", body.toString().getBytes(StandardCharsets.UTF_8));
            if (!r.ok() || !r.text().contains("\"UnprocessedItems\":{}")) {
                throw new IllegalStateException("BatchWriteItem answered " + r.status() + ": " + r.text());
            }
        }
    }
}

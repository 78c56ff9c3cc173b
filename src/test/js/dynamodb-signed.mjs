// The AWS SDK for JavaScript v3's DynamoDB clients against a server with credentials, taking the key
// from the environment as the default credential chain does (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY):
//   node dynamodb-signed.mjs ENDPOINT TABLE
// Creates TABLE, puts and gets an item with the document client, lists the tables, and prints one JSON
// line; with a wrong key it prints the error's name and message instead (exit code 3).
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";

const [endpoint, table] = process.argv.slice(2);
const client = new DynamoDBClient({ endpoint, region: "us-east-1", maxAttempts: 1 });
const documents = DynamoDBDocumentClient.from(client);
try {
  const created = await client.send(new CreateTableCommand({
    TableName: table, BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "Name", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "Name", KeyType: "HASH" }],
  }));
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    if (Table.TableStatus === "ACTIVE") break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await documents.send(new PutCommand({ TableName: table, Item: { Name: "Shadowfax", Distance: 3000 } }));
  const got = await documents.send(new GetCommand({ TableName: table, Key: { Name: "Shadowfax" } }));
  const listed = await client.send(new ListTablesCommand({}));
  console.log(JSON.stringify({ arn: created.TableDescription.TableArn, item: got.Item, tables: listed.TableNames }));
} catch (e) {
  console.log(JSON.stringify({ error: e.name, message: e.message }));
  process.exit(3);
}

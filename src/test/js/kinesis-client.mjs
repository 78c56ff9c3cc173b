// Drives the server with the AWS SDK for JavaScript v3 (HTTP/2 by default for Kinesis, JSON
// protocol): PutRecord, GetShardIterator + GetRecords, then SubscribeToShard until the record
// written arrives. Prints one JSON line with what it saw; exits non-zero on any failure.
import {
  KinesisClient, PutRecordCommand, GetShardIteratorCommand, GetRecordsCommand, SubscribeToShardCommand,
} from "@aws-sdk/client-kinesis";

const [endpoint, stream, consumerArn] = process.argv.slice(2);
const client = new KinesisClient({
  endpoint, region: "us-east-1", maxAttempts: 1,
  // A server with --credentials wants a key it knows: KEY_ID and SECRET (and SESSION_TOKEN) in the environment.
  credentials: { accessKeyId: process.env.KEY_ID ?? "test", secretAccessKey: process.env.SECRET ?? "test",
    sessionToken: process.env.SESSION_TOKEN },
});
const text = (bytes) => Buffer.from(bytes).toString("utf8");
const deadline = setTimeout(() => { console.error("timed out"); process.exit(3); }, 30000);

const put = await client.send(new PutRecordCommand({
  StreamName: stream, PartitionKey: "Bucephalus", Data: Buffer.from("{\"Name\":\"Bucephalus\"}"),
}));
const { ShardIterator } = await client.send(new GetShardIteratorCommand({
  StreamName: stream, ShardId: put.ShardId, ShardIteratorType: "TRIM_HORIZON",
}));
const got = await client.send(new GetRecordsCommand({ ShardIterator }));

const subscription = await client.send(new SubscribeToShardCommand({
  ConsumerARN: consumerArn, ShardId: put.ShardId, StartingPosition: { Type: "TRIM_HORIZON" },
}));
const events = [];
for await (const event of subscription.EventStream) {
  if (!event.SubscribeToShardEvent) {
    throw new Error("unexpected event " + JSON.stringify(Object.keys(event)));
  }
  const e = event.SubscribeToShardEvent;
  events.push({
    records: e.Records.map((r) => ({ sequenceNumber: r.SequenceNumber, data: text(r.Data), partitionKey: r.PartitionKey,
      arrival: r.ApproximateArrivalTimestamp instanceof Date })),
    continuation: e.ContinuationSequenceNumber,
    millisBehindLatest: e.MillisBehindLatest,
  });
  if (e.Records.some((r) => r.SequenceNumber === put.SequenceNumber)) {
    break;
  }
}
clearTimeout(deadline);
console.log(JSON.stringify({
  put: { shardId: put.ShardId, sequenceNumber: put.SequenceNumber },
  got: got.Records.map((r) => ({ sequenceNumber: r.SequenceNumber, data: text(r.Data) })),
  events,
}));
client.destroy();
process.exit(0); // the subscription's HTTP/2 stream would otherwise keep Node alive until the server ends it

// The lab's WildRydesStreamProcessor (module 4) with the AWS SDK for JavaScript v3's document client:
// for a Kinesis event, base64-decode every record, parse the JSON summary and write it unchanged with
// BatchWriteItem, 25 items per call, retrying UnprocessedItems after 50 * 2^attempt ms.
// Then reads the table back through the document client and prints one JSON line with what it saw.
// Usage: node dynamodb-lab-function.mjs <endpoint> <table> <records>
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'

const [endpoint, TABLE_NAME, count] = process.argv.slice(2)
const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } })
const documents = DynamoDBDocumentClient.from(client)
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

async function handler (event) {
  const items = event.Records.map(record => JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8')))
  let calls = 0
  for (let i = 0; i < items.length; i += 25) {
    let requestItems = { [TABLE_NAME]: items.slice(i, i + 25).map(Item => ({ PutRequest: { Item } })) }
    for (let attempt = 0; Object.keys(requestItems).length > 0; attempt++) {
      if (attempt > 0) await sleep(50 * 2 ** attempt)
      const result = await documents.send(new BatchWriteCommand({ RequestItems: requestItems }))
      calls++
      requestItems = result.UnprocessedItems || {}
    }
  }
  return { message: `Delivered ${items.length} records`, calls }
}

// A Kinesis event as the event source mapping delivers it: one summary per unicorn per minute.
const unicorns = ['Shadowfax', 'Bucephalus', 'Rocinante']
const records = []
for (let i = 0; i < Number(count); i++) {
  const minute = Math.floor(i / unicorns.length)
  const summary = {
    Name: unicorns[i % unicorns.length],
    StatusTime: `2018-03-18 ${String(3 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000`,
    Distance: 300 + i,
    MinMagicPoints: 170,
    MaxMagicPoints: 172,
    MinHealthPoints: 146.5,
    MaxHealthPoints: 149
  }
  records.push({
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: summary.Name,
      sequenceNumber: String(49590338271490256608559692538361571095921575989136588898n + BigInt(i)),
      data: Buffer.from(JSON.stringify(summary) + '\n').toString('base64'),
      approximateArrivalTimestamp: 1521343200 + i
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${i}`,
    eventName: 'aws:kinesis:record',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/wildrydes-summary'
  })
}

const delivered = await handler({ Records: records })
const perUnicorn = {}
for (const name of unicorns) {
  let total = 0
  let ExclusiveStartKey
  do {
    const page = await documents.send(new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: '#n = :n',
      ExpressionAttributeNames: { '#n': 'Name' },
      ExpressionAttributeValues: { ':n': name },
      ExclusiveStartKey
    }))
    total += page.Count
    ExclusiveStartKey = page.LastEvaluatedKey
  } while (ExclusiveStartKey)
  perUnicorn[name] = total
}
const first = await documents.send(new GetCommand({ TableName: TABLE_NAME, Key: { Name: 'Shadowfax', StatusTime: '2018-03-18 03:00:00.000' } }))
console.log(JSON.stringify({ delivered, perUnicorn, first: first.Item }))

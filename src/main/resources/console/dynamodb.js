// The console's DynamoDB side: the public DynamoDB API (JSON 1.0) on the same server, called as
// an SDK calls it, and AttributeValues shown as plain values.
import { send } from './kinesis.js';

const AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=console/20260101/us-east-1/dynamodb/aws4_request, '
  + 'SignedHeaders=host;x-amz-date, Signature=0';

function amzDate() {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** One DynamoDB API call, e.g. callTables('DescribeTable', {TableName: 'UnicornSensorData'}). */
export function callTables(operation, input = {}) {
  return send('/', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `DynamoDB_20120810.${operation}`,
      'X-Amz-Date': amzDate(),
      Authorization: AUTHORIZATION,
    },
    body: JSON.stringify(input),
  });
}

/** Every table name, following LastEvaluatedTableName. */
export async function listTables() {
  const names = [];
  let start;
  do {
    const page = await callTables('ListTables', start ? { ExclusiveStartTableName: start } : {});
    names.push(...(page.TableNames || []));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
}

/** An AttributeValue as text: strings and numbers as they are, the rest as JSON of plain values. */
export function showValue(value) {
  const plain = toPlain(value);
  return typeof plain === 'string' ? plain : JSON.stringify(plain);
}

function toPlain(value) {
  if (!value || typeof value !== 'object') return value;
  const [type, v] = Object.entries(value)[0] || [];
  switch (type) {
    case 'S': case 'N': case 'B': return v;
    case 'BOOL': return v;
    case 'NULL': return null;
    case 'SS': case 'NS': case 'BS': return v;
    case 'L': return v.map(toPlain);
    case 'M': return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
    default: return value;
  }
}

/** A typed AttributeValue for a key value typed into a form field. */
export function keyValue(type, text) {
  return { [type]: text };
}

// The console talks to the server through the public Kinesis API (JSON 1.1), exactly as an
// SDK does, and reads its own small JSON endpoints under /console/api/.

const TARGET_PREFIX = 'Kinesis_20131202.';
// The server accepts any credentials but wants a SigV4-shaped request, as every AWS client sends.
const AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=console/20260101/us-east-1/kinesis/aws4_request, '
  + 'SignedHeaders=host;x-amz-date, Signature=0';

/** An error answered by the server, with the API's type and message. */
export class ApiError extends Error {
  constructor(type, message, status) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

function amzDate() {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

async function parseAnswer(response) {
  const text = await response.text();
  let body = {};
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text };
    }
  }
  if (!response.ok) {
    // __type may carry a namespace ("com.amazonaws...#ResourceNotFoundException").
    const rawType = body.__type || response.headers.get('x-amzn-ErrorType') || `HTTP ${response.status}`;
    const type = String(rawType).split('#').pop().split(':')[0];
    throw new ApiError(type, body.message || body.Message || text || response.statusText, response.status);
  }
  return body;
}

/** Sends one request to this server and returns its JSON answer, or throws an ApiError. */
export async function send(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new ApiError('NetworkError', `The server did not answer; is it still running? (${e.message})`, 0);
  }
  return parseAnswer(response);
}

/** One Kinesis API call, e.g. call('DescribeStreamSummary', {StreamName: 'wildrydes'}). */
export function call(operation, input = {}) {
  return send('/', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': TARGET_PREFIX + operation,
      'X-Amz-Date': amzDate(),
      Authorization: AUTHORIZATION,
    },
    body: JSON.stringify(input),
  });
}

/** GET one of the console's JSON endpoints, e.g. consoleApi('activity'). */
export function consoleApi(path) {
  return send(`/console/api/${path}`, { headers: { Accept: 'application/json' } });
}

/** Every stream summary, following NextToken. */
export async function listStreams() {
  const summaries = [];
  let next;
  do {
    const page = await call('ListStreams', next ? { NextToken: next } : { Limit: 100 });
    summaries.push(...(page.StreamSummaries || []));
    next = page.HasMoreStreams ? page.NextToken : undefined;
  } while (next);
  return summaries;
}

/** Every shard of a stream, following NextToken. */
export async function listShards(streamName) {
  const shards = [];
  let next;
  do {
    const page = await call('ListShards', next ? { NextToken: next } : { StreamName: streamName });
    shards.push(...(page.Shards || []));
    next = page.NextToken;
  } while (next);
  return shards;
}

/** Data (base64 in JSON 1.1) as text when it is UTF-8, with its parsed JSON when it is JSON. */
export function decodeData(base64) {
  const binary = atob(base64 || '');
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { size: bytes.length, base64 };
  }
  try {
    return { size: bytes.length, text, json: JSON.parse(text) };
  } catch {
    return { size: bytes.length, text };
  }
}

// The console talks to the server through the public Kinesis API (JSON 1.1), exactly as an
// SDK does, and reads its own small JSON endpoints under /console/api/. Every request is signed
// with SigV4 (sigv4.js): with the access key the user gave when the server verifies signatures,
// with placeholders otherwise (credentials.js).
import { signRequest } from './sigv4.js';
import { credentials, forgetCredentials, serverAuth } from './credentials.js';

const TARGET_PREFIX = 'Kinesis_20131202.';
const AUTH_ERRORS = new Set(['UnrecognizedClientException', 'InvalidSignatureException', 'IncompleteSignatureException',
  'MissingAuthenticationTokenException']);
/** How far the server's clock is ahead of this browser's, learnt from a "Signature expired" answer's Date. */
let clockOffsetMillis = 0;

/** An error answered by the server, with the API's type and message. */
export class ApiError extends Error {
  constructor(type, message, status) {
    super(message);
    this.type = type;
    this.status = status;
  }
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
  try {
    return await parseAnswer(response);
  } catch (error) {
    error.serverDate = response.headers.get('Date');
    throw error;
  }
}

/**
 * Signs and sends a request. When the server refuses the signature it has credentials of its own:
 * a clock that differs by more than 5 minutes is corrected once from the answer's Date (as the SDKs
 * do), other refusals ask for credentials again, showing why.
 */
export async function signedSend(method, path, headers, body, service) {
  const auth = await serverAuth();
  let problem;
  let clockCorrected = false;
  for (;;) {
    const signed = await signRequest({
      method, url: new URL(path, location.origin).href, headers, body, region: auth.region, service: service || auth.service,
      credentials: await credentials(problem), date: new Date(Date.now() + clockOffsetMillis),
    });
    try {
      return await send(path, { method, headers: signed, body: method === 'GET' ? undefined : body });
    } catch (error) {
      if (!auth.credentialsRequired || !AUTH_ERRORS.has(error.type)) throw error;
      if (/^Signature (expired|not yet current)/.test(error.message) && error.serverDate && !clockCorrected) {
        clockOffsetMillis = Date.parse(error.serverDate) - Date.now();
        clockCorrected = true;
        continue;
      }
      problem = `${error.type}: ${error.message.split('\n')[0]}`;
      forgetCredentials();
    }
  }
}

/** One Kinesis API call, e.g. call('DescribeStreamSummary', {StreamName: 'wildrydes'}). */
export function call(operation, input = {}) {
  return signedSend('POST', '/', {
    'Content-Type': 'application/x-amz-json-1.1',
    'X-Amz-Target': TARGET_PREFIX + operation,
  }, JSON.stringify(input));
}

/** GET one of the console's JSON endpoints, e.g. consoleApi('activity'). */
export function consoleApi(path) {
  return signedSend('GET', `/console/api/${path}`, { Accept: 'application/json' }, '');
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

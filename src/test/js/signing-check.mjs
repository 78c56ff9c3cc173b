// Checks the web console's SigV4 signer (src/main/resources/console/sigv4.js) against the AWS SDK
// for JavaScript's own (@smithy/signature-v4), and the server's verification against both:
//   node signing-check.mjs CONSOLE_SIGV4_JS ENDPOINT KEY_ID SECRET
// Prints one JSON line: the requests whose signatures differ (none expected), and the HTTP status
// the server gave a request signed by each signer and a presigned one. Exits non-zero on failure.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { SignatureV4 } from "@smithy/signature-v4";

const [consoleSigner, endpoint, accessKeyId, secretAccessKey] = process.argv.slice(2);
const { signRequest, sha256Js, hmacJs, hex } = await import(pathToFileURL(consoleSigner).href);

class NodeSha256 {
  constructor(secret) { this.hash = secret ? createHmac("sha256", secret) : createHash("sha256"); }
  update(data) { this.hash.update(data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}

const credentials = { accessKeyId, secretAccessKey };
const sdkSigner = (creds) => new SignatureV4({ credentials: creds, region: "us-east-1", service: "kinesis", sha256: NodeSha256, applyChecksum: false });

function request(method, url, headers, body) {
  const u = new URL(url);
  const query = {};
  for (const [name, value] of u.searchParams) {
    query[name] = name in query ? [].concat(query[name], value) : value;
  }
  return {
    method, protocol: u.protocol, hostname: u.hostname, port: u.port ? Number(u.port) : undefined, path: u.pathname,
    query, headers: { host: u.host, ...headers }, body,
  };
}

const date = new Date("2026-03-01T10:00:00Z");
const cases = [
  ["POST", "http://127.0.0.1:4567/", { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Kinesis_20131202.ListStreams" }, "{}"],
  ["POST", "https://kinesis.example:4568/", { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Kinesis_20131202.PutRecord" },
    JSON.stringify({ StreamName: "wildrydes", PartitionKey: "Shadowfax", Data: "eyJOYW1lIjoiU2hhZG93ZmF4In0=" })],
  ["GET", "http://10.0.0.5:4567/console/api/metrics?stream=wild%20rydes&minutes=60", { accept: "application/json" }, ""],
  ["GET", "http://127.0.0.1:4567/metrics?b=2&a=%2A~&a=1", {}, ""],
];
const differences = [];
for (const withToken of [false, true]) {
  const creds = withToken ? { ...credentials, sessionToken: "FwoGZXIvYXdzE//token+==" } : credentials;
  for (const [method, url, headers, body] of cases) {
    const ours = await signRequest({ method, url, headers, body, region: "us-east-1", service: "kinesis", credentials: creds, date });
    const theirs = await sdkSigner(creds).sign(request(method, url, headers, body), { signingDate: date });
    if (ours.Authorization !== theirs.headers.authorization) {
      differences.push({ method, url, withToken, ours: ours.Authorization, sdk: theirs.headers.authorization });
    }
  }
}
for (let size = 0; size < 300; size += 37) {
  const data = randomBytes(size);
  if (hex(sha256Js(data)) !== createHash("sha256").update(data).digest("hex")
      || hex(hmacJs(data.subarray(0, 7), data)) !== createHmac("sha256", data.subarray(0, 7)).update(data).digest("hex")) {
    differences.push({ sha256: size });
  }
}

async function send(url, init) {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text() };
}

const listStreams = { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Kinesis_20131202.ListStreams" };
const now = new Date();
const byConsole = await signRequest({ method: "POST", url: endpoint + "/", headers: listStreams, body: "{}", region: "us-east-1",
  service: "kinesis", credentials, date: now });
const bySdk = await sdkSigner(credentials).sign(request("POST", endpoint + "/", listStreams, "{}"));
delete bySdk.headers.host;
const presigned = await sdkSigner(credentials).presign(request("POST", endpoint + "/", listStreams, "{}"), { expiresIn: 300 });
const presignedUrl = endpoint + "/?" + new URLSearchParams(presigned.query).toString();
const wrong = await signRequest({ method: "POST", url: endpoint + "/", headers: listStreams, body: "{}", region: "us-east-1",
  service: "kinesis", credentials: { accessKeyId, secretAccessKey: "not-the-secret" }, date: now });
console.log(JSON.stringify({
  differences,
  console: (await send(endpoint + "/", { method: "POST", headers: byConsole, body: "{}" })).status,
  sdk: (await send(endpoint + "/", { method: "POST", headers: bySdk.headers, body: "{}" })).status,
  presigned: (await send(presignedUrl, { method: "POST", headers: listStreams, body: "{}" })).status,
  wrongSecret: JSON.parse((await send(endpoint + "/", { method: "POST", headers: wrong, body: "{}" })).body).__type,
}));

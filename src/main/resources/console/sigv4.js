// Signature Version 4, as the AWS SDKs sign a request for a service other than S3: canonical
// request, string to sign, signing key, signature. WebCrypto (crypto.subtle) does the hashing where
// the page is a secure context (served over TLS, or from localhost or 127.0.0.1); a server shared on a
// network address over plain http is not one, so a small SHA-256 in JavaScript stands in there.
// No dependency: the console stays plain files, and this module also runs in Node (tests compare
// it with the SDK's own signer).

const encoder = new TextEncoder();
const subtle = globalThis.crypto && globalThis.crypto.subtle;

// ------------------------------------------------------------------ SHA-256 and HMAC

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of bytes, in plain JavaScript (FIPS 180-4). */
export function sha256Js(bytes) {
  const length = bytes.length;
  const blocks = Math.ceil((length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length * 8) >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block * 64 + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, k] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      k = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]);
  return out;
}

/** HMAC-SHA256 (RFC 2104) over sha256Js. */
export function hmacJs(key, data) {
  let block = key.length > 64 ? sha256Js(key) : key;
  const padded = new Uint8Array(64);
  padded.set(block);
  const inner = new Uint8Array(64 + data.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = padded[i] ^ 0x36;
    outer[i] = padded[i] ^ 0x5c;
  }
  inner.set(data, 64);
  outer.set(sha256Js(inner), 64);
  return sha256Js(outer);
}

async function sha256(bytes) {
  return subtle ? new Uint8Array(await subtle.digest('SHA-256', bytes)) : sha256Js(bytes);
}

async function hmac(key, text) {
  const data = encoder.encode(text);
  if (!subtle) return hmacJs(key, data);
  const cryptoKey = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', cryptoKey, data));
}

export function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ------------------------------------------------------------------ canonical request

/** RFC 3986 encoding of a text's UTF-8 bytes: unreserved characters as they are, the rest %XX. */
export function uriEncode(text, keepSlash = false) {
  let out = '';
  for (const byte of encoder.encode(text)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) {
      out += c;
    } else {
      out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}

function decode(raw) {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The path as sent, dot segments and repeated slashes removed, encoded once more. */
export function canonicalPath(rawPath) {
  if (!rawPath || rawPath === '/') return '/';
  const segments = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop(); else segments.push(segment);
  }
  let path = '/' + segments.join('/');
  if (rawPath.endsWith('/') && segments.length) path += '/';
  return uriEncode(path, true);
}

/** Query parameters decoded, re-encoded and sorted by name, then value. */
export function canonicalQuery(rawQuery) {
  const pairs = (rawQuery || '').split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    return [uriEncode(decode(name)), uriEncode(decode(value))];
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** 20260301T100000Z */
export function amzDate(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Signs a request in its Authorization header. Returns the headers to send with it (X-Amz-Date,
 * X-Amz-Security-Token for a temporary key, Authorization, and the caller's own); Host is signed as
 * the browser will send it (the URL's host) and is not among them.
 *
 * @param {{method: string, url: string, headers?: Object<string,string>, body?: string,
 *          region: string, service: string,
 *          credentials: {accessKeyId: string, secretAccessKey: string, sessionToken?: string},
 *          date?: Date}} request
 */
export async function signRequest(request) {
  const url = new URL(request.url);
  const time = amzDate(request.date || new Date());
  const day = time.slice(0, 8);
  const headers = { ...(request.headers || {}), 'X-Amz-Date': time };
  if (request.credentials.sessionToken) headers['X-Amz-Security-Token'] = request.credentials.sessionToken;

  const canonicalHeaders = { host: url.host };
  for (const [name, value] of Object.entries(headers)) {
    canonicalHeaders[name.toLowerCase()] = String(value).trim().replace(/\s+/g, ' ');
  }
  const names = Object.keys(canonicalHeaders).sort();
  const signedHeaders = names.join(';');
  const payloadHash = hex(await sha256(encoder.encode(request.body || '')));
  const canonical = [
    request.method.toUpperCase(),
    canonicalPath(url.pathname),
    canonicalQuery(url.search.slice(1)),
    names.map((name) => `${name}:${canonicalHeaders[name]}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', time, scope, hex(await sha256(encoder.encode(canonical)))].join('\n');

  let key = encoder.encode('AWS4' + request.credentials.secretAccessKey);
  for (const part of [day, request.region, request.service, 'aws4_request']) {
    key = await hmac(key, part);
  }
  const signature = hex(await hmac(key, stringToSign));
  headers.Authorization = `AWS4-HMAC-SHA256 Credential=${request.credentials.accessKeyId}/${scope}, `
    + `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

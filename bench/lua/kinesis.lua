-- wrk script for the Kinesis write scenarios; the same requests go to every server.
-- Settings come from the environment (bench/run sets them):
--   BENCH_OP      PutRecord | PutRecords
--   BENCH_STREAM  stream name
--   BENCH_SIZE    bytes of data per record
--   BENCH_BATCH   records per PutRecords request
--   BENCH_KEYS    how many distinct partition keys (spread over all shards); PutRecord cycles
--                 through them, each PutRecords request carries BATCH of them
-- Requests are built once per thread in init(); request() only cycles through them, so wrk's
-- own cost per request is as low as for a fixed request. PutRecords answers are read to count
-- FailedRecordCount (a 200 can still carry failed records). At the end, one line for bench/run:
--   BENCH requests=.. duration_us=.. p50_us=.. p99_us=.. status=.. connect=.. read=.. write=.. timeout=.. failed=..

local op = os.getenv("BENCH_OP") or "PutRecord"
local stream = os.getenv("BENCH_STREAM") or "bench"
local size = tonumber(os.getenv("BENCH_SIZE") or "100")
local batch = tonumber(os.getenv("BENCH_BATCH") or "500")
local nkeys = tonumber(os.getenv("BENCH_KEYS") or "256")

local headers = {
  ["Content-Type"] = "application/x-amz-json-1.1",
  ["X-Amz-Target"] = "Kinesis_20131202." .. op,
  ["X-Amz-Date"] = "20260101T000000Z",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, "
    .. "SignedHeaders=host;x-amz-date, Signature=0",
}

-- base64 of `n` random bytes (random base64 digits are valid base64): incompressible, different
-- for every record, so a store that compresses (kinesalite's LevelDB) gains nothing from it
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local digits = {}
for i = 1, 64 do digits[i] = string.sub(alphabet, i, i) end
local function data(n)
  local full = math.floor(n / 3)
  local tail = n % 3
  local parts = {}
  for i = 1, full * 4 do parts[i] = digits[math.random(64)] end
  if tail == 1 then
    -- the last digit carries 2 bits: its low 4 bits must be zero
    parts[#parts + 1] = digits[math.random(64)] .. digits[math.random(4) * 16 - 15] .. "=="
  elseif tail == 2 then
    -- the last digit carries 4 bits: its low 2 bits must be zero
    parts[#parts + 1] = digits[math.random(64)] .. digits[math.random(64)] .. digits[math.random(16) * 4 - 3] .. "="
  end
  return table.concat(parts)
end

local requests = {}
local nreq = 0
local idx = 1
failed = 0

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed((id or 1) * 104729 + os.time())
  local offset = (id or 1) * 7919
  if op == "PutRecords" then
    -- a few different bodies so that consecutive requests carry different keys
    local variants = (size >= 100000) and 2 or 4
    for v = 1, variants do
      local parts = {}
      for i = 1, batch do
        local key = "pk-" .. ((offset + v * batch + i) % nkeys)
        parts[i] = '{"PartitionKey":"' .. key .. '","Data":"' .. data(size) .. '"}'
      end
      local body = '{"StreamName":"' .. stream .. '","Records":[' .. table.concat(parts, ",") .. ']}'
      requests[v] = wrk.format("POST", "/", headers, body)
    end
  else
    for i = 1, nkeys do
      local key = "pk-" .. ((offset + i) % nkeys)
      local body = '{"StreamName":"' .. stream .. '","PartitionKey":"' .. key .. '","Data":"' .. data(size) .. '"}'
      requests[i] = wrk.format("POST", "/", headers, body)
    end
  end
  nreq = #requests
  idx = ((id or 1) % nreq) + 1
end

function request()
  local r = requests[idx]
  idx = idx + 1
  if idx > nreq then idx = 1 end
  return r
end

if op == "PutRecords" then
  function response(status, headers, body)
    if status == 200 and body then
      local f = string.match(body, '"FailedRecordCount"%s*:%s*(%d+)')
      if f then failed = failed + tonumber(f) end
    end
  end
end

function done(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do
    f = f + (tonumber(t:get("failed")) or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d status=%d connect=%d read=%d write=%d timeout=%d failed=%d bytes=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout, f, summary.bytes))
end

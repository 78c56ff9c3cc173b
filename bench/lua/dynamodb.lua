-- wrk script for the DynamoDB rows; the same requests go to every server.
-- Settings come from the environment (bench/run sets them):
--   BENCH_OP     PutItem | GetItem | Query | BatchWriteItem
--   BENCH_TABLE  table name (partition key pk, sort key sk, both strings)
--   BENCH_ITEMS  GetItem reads items k0..k(ITEMS-1); PutItem and BatchWriteItem write new keys
-- Query reads partition "q" (100 items of 100 characters, written by bench.Tool tables).
-- Requests are built once per thread in init(). At the end, one line for bench/run:
--   BENCH requests=.. duration_us=.. p50_us=.. p99_us=.. status=.. connect=.. read=.. write=.. timeout=.. failed=..

local op = os.getenv("BENCH_OP") or "PutItem"
local tableName = os.getenv("BENCH_TABLE") or "bench"
local nitems = tonumber(os.getenv("BENCH_ITEMS") or "10000")
local data = string.rep("x", 100)

local headers = {
  ["Content-Type"] = "application/x-amz-json-1.0",
  ["X-Amz-Target"] = "DynamoDB_20120810." .. op,
  ["X-Amz-Date"] = "20260101T000000Z",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
    .. "SignedHeaders=host;x-amz-date, Signature=0",
}

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

local function item(pk, sk)
  return '{"pk":{"S":"' .. pk .. '"},"sk":{"S":"' .. sk .. '"},"data":{"S":"' .. data .. '"}}'
end

function init(args)
  math.randomseed(id * 7919)
  nreq = 2000
  for i = 1, nreq do
    local body
    if op == "PutItem" then
      body = '{"TableName":"' .. tableName .. '","Item":' .. item("w" .. id .. "-" .. i, "0") .. '}'
    elseif op == "GetItem" then
      body = '{"TableName":"' .. tableName .. '","Key":{"pk":{"S":"k' .. math.random(0, nitems - 1) .. '"},"sk":{"S":"0"}}}'
    elseif op == "Query" then
      body = '{"TableName":"' .. tableName .. '","KeyConditionExpression":"pk = :q",'
        .. '"ExpressionAttributeValues":{":q":{"S":"q"}}}'
    else
      local puts = {}
      for j = 1, 25 do puts[j] = '{"PutRequest":{"Item":' .. item("b" .. id .. "-" .. i, tostring(j)) .. '}}' end
      body = '{"RequestItems":{"' .. tableName .. '":[' .. table.concat(puts, ",") .. ']}}'
    end
    requests[i] = wrk.format("POST", "/", headers, body)
  end
end

function request()
  local r = requests[idx]
  idx = idx + 1
  if idx > nreq then idx = 1 end
  return r
end

function done(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do f = f + (t:get("failed") or 0) end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d status=%d connect=%d read=%d write=%d timeout=%d failed=%d bytes=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status, e.connect, e.read,
    e.write, e.timeout, f, summary.bytes))
end

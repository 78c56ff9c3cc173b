#!/usr/bin/env bash
# Runs kinesalite's own test suite (mhart/kinesalite, recorded against the real service) against
# this server, as a check beside the conformance corpus (see src/test/resources/conformance/WORKLIST.md).
#   scripts/kinesalite-suite.sh /path/to/kinesalite-checkout     (a checkout of c76689d, v3.3.3)
# It copies the checkout's test/ and db/ into target/kinesalite-suite, points test/helpers.js at
# a server started here (./wildrydes server --in-memory with kinesalite's defaults: 500 ms state
# changes, a shard limit of 10), installs the suite's npm packages, runs mocha and stops the server.
# Not part of ./run-tests: it takes about 5 minutes and needs the kinesalite checkout and npm.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="${1:-}"
if [ -z "$source_dir" ] || [ ! -f "$source_dir/test/helpers.js" ] || [ ! -f "$source_dir/db/index.js" ]; then
  echo "usage: scripts/kinesalite-suite.sh KINESALITE_DIR   (git clone https://github.com/mhart/kinesalite; git checkout c76689d)" >&2
  exit 2
fi
work="$root/target/kinesalite-suite"
rm -rf "$work/test" "$work/db"
mkdir -p "$work"
cp -r "$source_dir/test" "$source_dir/db" "$work/"
# Point the suite at our server instead of starting kinesalite (its SSL test starts one of its own and fails).
sed -i "s|^    kinesalite = require('..')\$|    kinesalite = function() { return {listen: function(port, cb) { cb() }, close: function(cb) { cb() }} }|" "$work/test/helpers.js"
sed -i "s|^var port = 10000 + Math.round(Math.random() \* 10000),\$|var port = +process.env.WR_PORT,|" "$work/test/helpers.js"
sed -i "s|^    kinesalite = require('..'),\$|    kinesalite = null,|" "$work/test/connection.js"
grep -q 'process.env.WR_PORT' "$work/test/helpers.js" || { echo "test/helpers.js is not kinesalite c76689d's: cannot point it at this server" >&2; exit 1; }
cd "$work"
[ -f package.json ] || echo '{"name": "kinesalite-suite", "private": true}' > package.json
echo "Installing the suite's npm packages ..."
npm install --no-audit --no-fund --silent aws4@^1.9.1 mocha@^6.2.3 should@^13.2.3 async@^2.6.3 bignumber.js@^9.0.0 \
  cbor@^5.0.2 once@^1.3.3 lazy@^1.0.11 levelup@^4.3.2 memdown@^5.1.0 subleveldown@^4.1.4 lock@^1.1.0
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$root/wildrydes" server --host 127.0.0.1 --port "$port" --in-memory --state-change-ms 500 --shard-limit 10 --no-tls \
  > "$work/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q '^Ready' "$work/server.log" && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server did not start: see $work/server.log" >&2; exit 1; }
  sleep 0.5
done
echo "Running kinesalite's suite against 127.0.0.1:$port (about 5 minutes; log: $work/mocha.log) ..."
set +e
WR_PORT="$port" AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_REGION=us-east-1 \
  ./node_modules/.bin/mocha --require should --reporter dot -t 10s test/*.js > "$work/mocha.log" 2>&1
status=$?
set -e
grep -E '^  [0-9]+ (passing|pending|failing)' "$work/mocha.log" || tail -20 "$work/mocha.log"
grep -E '^  [0-9]+\) ' -A2 "$work/mocha.log" | grep -v -- '^--' | paste - - - | sed 's/  */ /g' || true
exit "$status"

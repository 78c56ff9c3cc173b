# bench/run scenario "aggregate" (module 3, `wildrydes aggregate`), sourced by bench/run: ours (durable) only.
# Throughput over a backlog, delay from a window's close to its summary on the stream, and memory
# after few and after many windows emitted. Sizes: AGG_* in bench/run.

rows_aggregate() {
  local sec="8. Aggregation (module 3, ./wildrydes aggregate, the workshop's query) against ours"
  defrow agg.fill "$sec" "writing the backlog: $(thousands "$AGG_BACKLOG") readings from $(thousands "$AGG_UNICORNS") unicorns (./producer -fleet, 1 shard)" "records/s" higher
  defrow agg.rate "$sec" "aggregating that backlog from trim-horizon (1-minute windows on arrival time)" "records/s" higher
  defrow agg.delay.p50 "$sec" "$(thousands "$AGG_UNICORNS") unicorns at 1 reading/s, ${AGG_WINDOW_S} s windows: a window's close (end + 2 s grace) → its summaries readable, p50" "ms" lower
  defrow agg.delay.p99 "$sec" "… p99 (target < 1,000 ms)" "ms" lower
  defrow agg.rss.early "$sec" "RSS of the aggregation after ${AGG_EARLY_WINDOWS} windows emitted" "MB" lower
  defrow agg.rss.late "$sec" "RSS after ${AGG_LATE_WINDOWS} windows emitted (flat: about the same)" "MB" lower
}

# agg_window_count LOG: windows emitted so far, from the last status line of the aggregation's log
agg_window_count() { grep -o ' [0-9,]* out (' "$1" 2>/dev/null | tail -n 1 | tr -dc '0-9'; }

run_aggregate() {
  local name="$1" log="$LOGS/aggregate.log" out rate pid producer_pid n early="" late="" deadline note
  [ "$name" = ours ] || return 0
  local wr=("$ROOT/wildrydes")
  create_streams wildrydes:1 || return 0
  say "aggregate · $name: writing $(thousands "$AGG_BACKLOG") readings from $AGG_UNICORNS unicorns"
  out="$("${wr[@]}" producer -endpoint "$URL" -stream wildrydes -fleet "$AGG_UNICORNS" -rate 100000 \
          -count $(( AGG_BACKLOG / AGG_UNICORNS )) 2>&1 >/dev/null | tail -n 1)"
  echo "fill: $out" >>"$log"
  val agg.fill "$name" "$(sed -n 's/.* s (\([0-9.]*\)\/s).*/\1/p' <<<"$out")"
  "${wr[@]}" aggregate -endpoint "$URL" -from trim-horizon -state "$DATA/agg-backlog" -timeout 3s -status-every 5s \
      >>"$log" 2>&1 || true
  rate="$(grep -o '([0-9,]* records/s over' "$log" | tail -n 1 | tr -dc '0-9')"
  n="$(grep -o 'took in [0-9,]* records' "$log" | tail -n 1 | tr -dc '0-9')"
  note=""; [ "${n:-0}" -lt "$AGG_BACKLOG" ] && note="took in $(thousands "${n:-0}") of $(thousands "$AGG_BACKLOG")"
  val agg.rate "$name" "${rate:-failed}" "$note"
  say "aggregate · $name: backlog aggregated at ${rate:-?} records/s"

  # Live: the fleet at 1 reading/s each, windows of AGG_WINDOW_S; the summaries' arrival gives the delay.
  create_streams live:1 || return 0
  : >"$LOGS/aggregate-live.log"
  "${wr[@]}" aggregate -endpoint "$URL" -source live -destination live-summary -window "${AGG_WINDOW_S}s" \
      -state "$DATA/agg-live" -status-every 1s >>"$LOGS/aggregate-live.log" 2>&1 &
  pid=$!
  STARTED_PIDS+=("$pid")
  deadline=$(( $(date +%s) + 60 ))
  until grep -q 'aggregating live' "$LOGS/aggregate-live.log" || ! alive "$pid" || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.2; done
  "${wr[@]}" producer -endpoint "$URL" -stream live -fleet "$AGG_UNICORNS" -rate 1 -duration "${AGG_LIVE_S}s" \
      >/dev/null 2>>"$log" &
  producer_pid=$!
  deadline=$(( $(date +%s) + AGG_LIVE_S + AGG_WINDOW_S + 30 ))
  while alive "$pid" && [ "$(date +%s)" -lt "$deadline" ]; do
    n="$(agg_window_count "$LOGS/aggregate-live.log")"
    [ -z "$early" ] && [ "${n:-0}" -ge "$AGG_EARLY_WINDOWS" ] && early="$(rss_mb "$pid")"
    if [ "${n:-0}" -ge "$AGG_LATE_WINDOWS" ]; then late="$(rss_mb "$pid")"; break; fi
    sleep 0.5
  done
  wait "$producer_pid" 2>/dev/null || true
  sleep $(( AGG_WINDOW_S + 4 ))
  # SIGTERM stops it as Ctrl+C does (a background job of a script ignores SIGINT); SIGKILL after 30 s
  server_stop "$pid" 300
  "${wr[@]}" consumer -endpoint "$URL" -stream live-summary -from trim-horizon -format line -meta -timeout 3s \
      >"$DATA/agg-summaries.jsonl" 2>>"$log" || true
  out="$("$JAVA" -cp "$BENCH_JAR" bench.SummaryDelay --file "$DATA/agg-summaries.jsonl" --window-ms $(( AGG_WINDOW_S * 1000 )) \
          --grace-ms 2000 2>>"$log")"
  say "aggregate · $name: live: $out; RSS ${early:-?} MB after $AGG_EARLY_WINDOWS windows, ${late:-?} MB after $AGG_LATE_WINDOWS"
  note="$(kv "$out" summaries) summaries of $(kv "$out" windows) windows, max $(kv "$out" max_ms) ms"
  val agg.delay.p50 "$name" "$(kv "$out" p50_ms)" "$note"
  val agg.delay.p99 "$name" "$(kv "$out" p99_ms)"
  val agg.rss.early "$name" "${early:-failed}"
  val agg.rss.late "$name" "${late:-failed}" "$([ -z "$late" ] && echo "fewer than $AGG_LATE_WINDOWS windows emitted")"
}

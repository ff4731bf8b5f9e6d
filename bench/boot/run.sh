#!/usr/bin/env bash
# Boot time and memory of `./cistern run`: three starts on one fresh data directory (the first includes
# initdb), each measured to the launcher's "Cistern ready" line, then RSS per process, then a SIGTERM.
# Uses the default ports (12049, 12445, 8080): nothing else may hold them.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="$(mktemp -d)/data"
"$ROOT/cistern" build >/dev/null
rss_mb() { awk '/VmRSS/{print int($2/1024)}' "/proc/$1/status"; }
for run in 1 2 3; do
  log="$(mktemp)"
  CISTERN_DATA_DIR="$DATA" CISTERN_ADMIN_PASSWORD=bench-boot "$ROOT/cistern" run >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q "Cistern ready" "$log" && break; sleep 0.5; done
  grep "Cistern ready" "$log" || { cat "$log"; kill "$pid"; exit 1; }
  sleep 5
  launcher=$(pgrep -f "cistern-launcher.jar run" | head -1)
  payara=$(pgrep -f "runtime/payara-micro.jar" | head -1)
  postmaster=$(head -1 "$DATA/pg/postmaster.pid")
  pg=0; for p in $postmaster $(pgrep -P "$postmaster"); do pg=$((pg + $(rss_mb "$p"))); done
  echo "run $run: RSS MB launcher $(rss_mb "$launcher"), payara $(rss_mb "$payara"), postgres (sum of its processes) $pg"
  kill -TERM "$launcher"; wait "$pid" || true
done
rm -rf "$(dirname "$DATA")"

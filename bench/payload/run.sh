#!/usr/bin/env bash
# Payload throughput in one run: journal writes vs dd conv=fdatasync, cold (and warm) reads from the
# filesystem store vs cat, uploads to S3Proxy vs the filesystem store. All data in a temp directory on the
# repository's disk, removed at the end; S3Proxy is stopped at the end, also when something fails.
# Usage: bench/payload/run.sh [MiB for the journal and read figures, default 1024; uploads use a quarter]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MIB="${1:-1024}"
BENCH="$ROOT/bench/payload/target"
IDENTITY=cistern-bench
CREDENTIAL="cistern-bench-$RANDOM$RANDOM"
cd "$ROOT"
./mvnw -q -B install -DskipTests -pl ejb-core -am
./mvnw -q -B -f bench/payload/pom.xml package

# under target/ rather than /tmp: the figures are about the disk the repository is on
WORK="$(mktemp -d -p "$BENCH" data.XXXXXX)"
S3PROXY_PID=
BENCH_PID=
cleanup() {
  for pid in $BENCH_PID $S3PROXY_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# a port nothing answers on; S3Proxy failing to bind it is caught by the wait below
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}
PORT="$(free_port)"
mkdir -p "$WORK/s3proxy-data"
cat >"$WORK/s3proxy.properties" <<PROPERTIES
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$IDENTITY
s3proxy.credential=$CREDENTIAL
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3proxy-data
PROPERTIES
java -Xmx512m -jar "$BENCH/s3proxy/s3proxy.jar" --properties "$WORK/s3proxy.properties" >"$BENCH/s3proxy.log" 2>&1 &
S3PROXY_PID=$!
for _ in $(seq 1 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "$S3PROXY_PID" 2>/dev/null || { echo "S3Proxy exited; see $BENCH/s3proxy.log" >&2; exit 1; }
  sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || { echo "S3Proxy not listening on $PORT; see $BENCH/s3proxy.log" >&2; exit 1; }

# in the background and waited for, so that a signal to this script reaches the trap at once: bash runs
# traps only after a foreground child has ended
java -Xmx2g -cp "$BENCH/classes:$BENCH/lib/*" io.cistern.bench.payload.PayloadBench \
  "$WORK" "$MIB" "http://127.0.0.1:$PORT" "$IDENTITY" "$CREDENTIAL" &
BENCH_PID=$!
wait "$BENCH_PID"
BENCH_PID=

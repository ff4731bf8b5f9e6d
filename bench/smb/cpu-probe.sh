#!/usr/bin/env bash
# Server CPU per GiB moved over SMB: what one smbclient get or put of a large file costs Cistern's server, in CPU
# seconds of its Payara JVM and of its PostgreSQL, and in young collections of that JVM. CPU, not MB/s, because
# the development machine is shared and wall-clock rates move with everyone else's load; CPU seconds per GiB
# move much less, so a change to the READ or WRITE path shows in them.
#
# Usage: bench/smb/cpu-probe.sh [MiB of the file, default 1024]
#   PROBE_RUNS (default 3) timed gets and puts per protection; PROBE_DIST (default domain-config/target/cistern)
#   the built distribution to run (`./cistern build` or `./mvnw -DskipTests package` makes it; it is copied first,
#   so a rebuild during the run changes nothing); PROBE_JFR=1 also records a JFR profile of the JVM over the
#   timed gets and puts of each protection and prints the 25 most frequent top frames of jdk.ExecutionSample
#   (the recordings stay in bench/smb/target/probe-logs, with Cistern's logs).
#
# What it does: starts the launcher (CISTERN_DATA_DIR and CISTERN_ADMIN_PASSWORD set, waits for "Cistern
# ready") inside a network, mount and pid namespace of its own (loopback only, tmpfs over /tmp so jstat and jcmd
# see this JVM only, and every process ends with the namespace); logs on as admin with Debian's smbclient
# `-m SMB3_11`; puts a file of fresh random bytes (not timed: the warm-up), waits for Cistern's journal to drain
# into the block store as bench/smb/run.sh does, gets it back and checks its SHA-256; then, for each protection
# (smbclient's default, and `--client-protection=encrypt`), PROBE_RUNS timed gets to /dev/null and PROBE_RUNS
# timed puts (each to a new name, each followed by a drain that is measured on its own), and prints per GiB:
# seconds of wall time, CPU seconds of the Payara JVM (utime + stime from /proc/<pid>/stat), the same less its JIT
# compiler threads (Payara's code is still being compiled long after a warm-up), CPU seconds of PostgreSQL
# (the postmaster and its children), and young GCs (jstat's YGC), as medians over the runs; and which of the JVM's
# threads used the CPU (from /proc/<pid>/task), over the gets and over the puts with their drains.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MIB="${1:-1024}"
RUNS="${PROBE_RUNS:-3}"
BENCH="$ROOT/bench/smb/target"

if [ -z "${PROBE_IN_NAMESPACE:-}" ]; then
  DIST="${PROBE_DIST:-$ROOT/domain-config/target/cistern}"
  [ -f "$DIST/lib/cistern-launcher.jar" ] || { echo "no $DIST/lib/cistern-launcher.jar: ./cistern build first" >&2; exit 1; }
  command -v smbclient >/dev/null || { echo "smbclient is missing (apt-get install smbclient)" >&2; exit 1; }
  command -v curl >/dev/null || { echo "curl is missing (apt-get install curl)" >&2; exit 1; }
  mkdir -p "$BENCH"
  rm -rf "$BENCH/probe-dist" && cp -a "$DIST" "$BENCH/probe-dist"
  LABEL="$(realpath "$DIST") (tree at $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown))"
  unshare --net --mount --propagation private --pid --fork --mount-proc --kill-child=TERM -- \
    env PROBE_IN_NAMESPACE=1 PROBE_LABEL="$LABEL" bash "$0" "$@"
  # the profiles, read once the namespace is gone (its cleanup keeps them in probe-logs)
  if [ -n "${PROBE_JFR:-}" ]; then
    for protection in off encrypt; do
      echo "most frequent top frames of jdk.ExecutionSample, $protection (count, frame):"
      jfr print --events jdk.ExecutionSample "$BENCH/probe-logs/$protection.jfr" |
        awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/ line:.*/, ""); top[$0]++; n++ }
             END { for (f in top) print top[f], f; print n, "samples in all" }' | sort -rn | head -25 || true
    done
  fi
  exit 0
fi

# ---- from here on inside the namespace ----
ip link set lo up
mount -t tmpfs -o mode=1777 smb-probe /tmp
WORK="$(mktemp -d -p "$BENCH" probe.XXXXXX)"
CISTERN_PID=
cleanup() {
  if [ -n "$CISTERN_PID" ]; then
    kill -TERM "$CISTERN_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$CISTERN_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$CISTERN_PID" 2>/dev/null || true
  fi
  rm -rf "$BENCH/probe-logs" && mkdir -p "$BENCH/probe-logs"
  cp "$WORK"/*.log "$BENCH/probe-logs/" 2>/dev/null || true
  cp -r "$WORK/data/logs" "$BENCH/probe-logs/cistern" 2>/dev/null || true
  cp "$WORK"/*.jfr "$BENCH/probe-logs/" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DATA="$WORK/data"
PASSWORD="probe-smb-$RANDOM$RANDOM"
CISTERN_DATA_DIR="$DATA" CISTERN_ADMIN_PASSWORD="$PASSWORD" \
  java -jar "$BENCH/probe-dist/lib/cistern-launcher.jar" run >"$WORK/cistern.log" 2>&1 &
CISTERN_PID=$!
for _ in $(seq 1 1200); do
  grep -q "Cistern ready" "$WORK/cistern.log" && break
  kill -0 "$CISTERN_PID" 2>/dev/null || { cat "$WORK/cistern.log" >&2; echo "Cistern exited" >&2; exit 1; }
  sleep 0.5
done
grep "Cistern ready" "$WORK/cistern.log" || { cat "$WORK/cistern.log" >&2; exit 1; }
# Payara Micro is the launcher's java child; PostgreSQL's postmaster is detached by pg_ctl, so its pid file
PAYARA_PID="$(pgrep -P "$CISTERN_PID" java | head -1)"
[ -n "$PAYARA_PID" ] || PAYARA_PID="$(pgrep -f "payara-micro.*$DATA" | head -1)"
POSTMASTER_PID="$(head -1 "$DATA/pg/postmaster.pid")"
echo "probe of $PROBE_LABEL: ${MIB} MiB, $RUNS runs; Payara pid $PAYARA_PID, postmaster $POSTMASTER_PID; load average $(cut -d' ' -f1-3 /proc/loadavg)"

mkdir -p "$WORK/client"/{private,lock,state,cache}
cat >"$WORK/client.conf" <<CONF
[global]
  private dir = $WORK/client/private
  lock directory = $WORK/client/lock
  state directory = $WORK/client/state
  cache directory = $WORK/client/cache
  disable netbios = yes
CONF
printf 'username = admin\npassword = %s\n' "$PASSWORD" >"$WORK/auth"
chmod 0600 "$WORK/auth"
# smbc PROTECTION COMMANDS: one smbclient process; fails on a non-zero exit or any NT_STATUS_ in its output
smbc() {
  local protection="$1" commands="$2" rc=0
  smbclient -s "$WORK/client.conf" -m SMB3_11 -A "$WORK/auth" -p 12445 --client-protection="$protection" \
    //127.0.0.1/data -c "$commands" >"$WORK/out" 2>&1 || rc=$?
  if [ "$rc" != 0 ] || grep -q 'NT_STATUS_' "$WORK/out"; then
    echo "smbclient failed (exit $rc) on: $commands" >&2
    cat "$WORK/out" >&2
    exit 1
  fi
}

jvm_ticks() { sed 's/.*) //' "/proc/$PAYARA_PID/stat" | awk '{ print $12 + $13 }'; }
# the JIT compiler threads' share: Payara's code is still being compiled long after the warm-up, and that one-time
# cost would otherwise drown what a request costs
jit_ticks() {
  grep -l '^C[12] CompilerThre' /proc/"$PAYARA_PID"/task/*/comm 2>/dev/null | while read -r comm; do
    sed 's/.*) //' "${comm%/comm}/stat" 2>/dev/null || true
  done | awk '{ s += $12 + $13 } END { print s + 0 }'
}
# the postmaster and every backend, the finished ones included (cutime + cstime)
pg_ticks() {
  { echo "$POSTMASTER_PID"; pgrep -P "$POSTMASTER_PID" || true; } | while read -r pid; do
    sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null || true
  done | awk '{ s += $12 + $13 + $14 + $15 } END { print s + 0 }'
}
# "ticks name" of every thread of the JVM, by thread id
thread_ticks() {
  for task in /proc/"$PAYARA_PID"/task/*; do
    echo "${task##*/} $(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }') $(tr ' ' '_' <"$task/comm" 2>/dev/null)"
  done 2>/dev/null | sort
}
# the JVM's threads that used most CPU between two thread_ticks files, summed by name (numbers dropped)
busiest_threads() {
  join -a 2 -e 0 -o 0,1.2,2.2,2.3 "$1" "$2" | awk -v hz="$TICK" '{ name = $4; gsub(/[0-9]+/, "#", name); cpu[name] += ($3 - $2) / hz }
    END { for (n in cpu) if (cpu[n] >= 0.05) printf "    %6.2f s  %s\n", cpu[n], n }' | sort -rn | head -12
}
young_gcs() { jstat -gc "$PAYARA_PID" | awk 'NR == 2 { for (i = 1; i <= NF; i++) if (h[i] == "YGC") print $i } NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i }'; }
TICK="$(getconf CLK_TCK)"
now_ns() { date +%s%N; }
# the bytes in the journal's records as Cistern counts them (released segment files are kept to be written over)
journal_bytes() { { curl -sf "http://127.0.0.1:8080/metrics" || true; } |
  awk '/^cistern_journal_used_bytes[ {]/ { v = $NF } END { print (v == "" ? -1 : v + 0) }'; }
# Cistern's upload has drained when its journal is empty
drain() {
  for _ in $(seq 1 6000); do [ "$(journal_bytes)" = 0 ] && break; sleep 0.1; done
  [ "$(journal_bytes)" = 0 ] || { echo "the journal did not drain in 10 minutes" >&2; exit 1; }
  sync
}

# measure FIGURE then the command: appends "wall jvm pg ygc" (seconds, seconds, seconds, count) to FIGURE
measure() {
  local figure="$1"
  shift
  local t0 j0 p0 g0 c0
  g0="$(young_gcs)"; c0="$(jit_ticks)"; j0="$(jvm_ticks)"; p0="$(pg_ticks)"; t0="$(now_ns)"
  "$@"
  local t1 j1 p1 g1 c1
  t1="$(now_ns)"; j1="$(jvm_ticks)"; p1="$(pg_ticks)"; c1="$(jit_ticks)"; g1="$(young_gcs)"
  awk -v t="$((t1 - t0))" -v j="$((j1 - j0))" -v p="$((p1 - p0))" -v g="$((g1 - g0))" -v c="$((c1 - c0))" \
    -v hz="$TICK" 'BEGIN { printf "%.3f %.2f %.2f %d %.2f\n", t / 1e9, j / hz, p / hz, g, (j - c) / hz }' >>"$WORK/$figure"
}

head -c "$((MIB * 1024 * 1024))" /dev/urandom >"$WORK/file.bin"
SHA="$(sha256sum <"$WORK/file.bin" | cut -d' ' -f1)"
smbc off "lcd $WORK; put file.bin warm.bin"
drain
smbc off "get warm.bin $WORK/back.bin"
[ "$(sha256sum <"$WORK/back.bin" | cut -d' ' -f1)" = "$SHA" ] || { echo "WRONG DATA read back" >&2; exit 1; }
smbc encrypt "get warm.bin $WORK/back.bin"
[ "$(sha256sum <"$WORK/back.bin" | cut -d' ' -f1)" = "$SHA" ] || { echo "WRONG DATA read back encrypted" >&2; exit 1; }
rm -f "$WORK/back.bin"
echo "warm-up put, drain and checked gets done; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# smbclient's default ("off" leaves signing and encryption to the server, which asks for neither) and encrypted
for protection in off encrypt; do
  [ -n "${PROBE_JFR:-}" ] && jcmd "$PAYARA_PID" JFR.start name=probe settings=profile filename="$WORK/$protection.jfr" >/dev/null
  thread_ticks >"$WORK/threads.0"
  for ((run = 1; run <= RUNS; run++)); do
    measure "get-$protection" smbc "$protection" "get warm.bin /dev/null"
  done
  thread_ticks >"$WORK/threads.1"
  for ((run = 1; run <= RUNS; run++)); do
    measure "put-$protection" smbc "$protection" "lcd $WORK; put file.bin put-$protection-$run.bin"
    thread_ticks >"$WORK/threads.2"
    measure "drain-$protection" drain
    thread_ticks >"$WORK/threads.3"
  done
  echo "JVM threads' CPU over the $RUNS gets ($protection), summed by name:"
  busiest_threads "$WORK/threads.0" "$WORK/threads.1"
  echo "JVM threads' CPU from the first put to the end of the last put's drain ($protection):"
  busiest_threads "$WORK/threads.1" "$WORK/threads.3"
  [ -n "${PROBE_JFR:-}" ] && jcmd "$PAYARA_PID" JFR.stop name=probe >/dev/null
done
smbc off "get put-encrypt-$RUNS.bin $WORK/back.bin"
[ "$(sha256sum <"$WORK/back.bin" | cut -d' ' -f1)" = "$SHA" ] || { echo "WRONG DATA after the puts" >&2; exit 1; }
echo "the last put reads back with the file's SHA-256; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# medians per GiB
GIB="$(awk -v m="$MIB" 'BEGIN { print m / 1024 }')"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '%-16s %10s %10s %12s %14s %12s %10s\n' "per GiB" "wall s" "MB/s" "JVM CPU s" "less JIT s" "PG CPU s" "young GCs"
for figure in get-off put-off drain-off get-encrypt put-encrypt drain-encrypt; do
  wall="$(cut -d' ' -f1 "$WORK/$figure" | median)"
  jvm="$(cut -d' ' -f2 "$WORK/$figure" | median)"
  pg="$(cut -d' ' -f3 "$WORK/$figure" | median)"
  ygc="$(cut -d' ' -f4 "$WORK/$figure" | median)"
  nojit="$(cut -d' ' -f5 "$WORK/$figure" | median)"
  awk -v f="$figure" -v w="$wall" -v j="$jvm" -v p="$pg" -v g="$ygc" -v n="$nojit" -v gib="$GIB" -v mib="$MIB" \
    'BEGIN { printf "%-16s %10.2f %10.0f %12.2f %14.2f %12.2f %10.1f\n", f, w / gib, mib * 1.048576 / w, j / gib, n / gib, p / gib, g / gib }'
done
echo "runs (wall s, JVM CPU s, PG CPU s, young GCs, JVM CPU s less the JIT compiler threads'):"
for figure in get-off put-off drain-off get-encrypt put-encrypt drain-encrypt; do
  echo "  $figure: $(paste -sd';' "$WORK/$figure")"
done
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"

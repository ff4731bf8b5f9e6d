#!/usr/bin/env bash
# Cistern's NFSv3 server against nfs-ganesha 4.3 (Debian, VFS FSAL) in one run: both on this machine,
# exporting fresh directories on the repository's disk, driven by the same userspace client (libnfs-utils:
# nfs-cp, nfs-cat, nfs-ls; and metamix, bench/nfs/metamix.c on the same libnfs, for a metadata mix: create,
# getattr, readdir, rename and remove of NFS_BENCH_FILES small files in one process and one mount),
# alternating which server goes first, medians of several runs, ratios Cistern/ganesha. Every figure is
# "higher is better". Every byte read back is checked against its sha256 and every listing against the names
# written (metamix checks every call, every listing and a sample of the bytes), so a broken server cannot
# look fast.
#
# Usage: bench/nfs/run.sh [MiB of the large file, default 1024]
#   NFS_BENCH_RUNS (default 3) runs; NFS_BENCH_FILES (default 2000) small files per run and server, for
#   nfs-cp and for the metadata mix each;
#   NFS_BENCH_COMMIT=<rev> measures that commit (built from `git archive` under bench/nfs/target) instead of
#   the working tree, for when the tree is mid-edit.
#
# Why a namespace of its own: ganesha 4.3 (built with RPCBIND) exits at start when it cannot register NFSv3
# and MOUNT with rpcbind. Running rpcbind on the machine itself would take port 111 and /run/rpcbind.sock
# from everyone else (other builds and tests run here), so the measuring half of this script re-executes
# itself under `unshare --net --mount` with its own loopback and its own /run: rpcbind, ganesha, Cistern
# (on its default ports, which then cannot collide with another Cistern) and the clients all live there, and
# all of it goes away with the last process. Installing and building (Cistern, metamix) happen before,
# outside, because the namespace has no network.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MIB="${1:-1024}"
RUNS="${NFS_BENCH_RUNS:-3}"
FILES="${NFS_BENCH_FILES:-2000}"
BENCH="$ROOT/bench/nfs/target"

if [ -z "${NFS_BENCH_IN_NAMESPACE:-}" ]; then
  STARTED="$(date +%s)"
  missing=()
  for package in nfs-ganesha nfs-ganesha-vfs libnfs-utils libnfs-dev gcc rpcbind util-linux curl; do
    dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  mkdir -p "$BENCH"
  # the metadata mix's driver: bench tooling like this script, so the working tree's even with
  # NFS_BENCH_COMMIT; built beside and moved, so a failed compile leaves no half binary behind
  if [ ! -x "$BENCH/metamix" ] || [ "$ROOT/bench/nfs/metamix.c" -nt "$BENCH/metamix" ]; then
    gcc -O2 -Wall -Wextra -o "$BENCH/metamix.partial" "$ROOT/bench/nfs/metamix.c" -lnfs
    mv "$BENCH/metamix.partial" "$BENCH/metamix"
  fi
  if [ -n "${NFS_BENCH_COMMIT:-}" ]; then
    commit="$(git -C "$ROOT" rev-parse --short "$NFS_BENCH_COMMIT^{commit}")"
    TREE="$BENCH/src-$commit"
    # one tree is enough (each is a few hundred MB once built)
    find "$BENCH" -maxdepth 1 -name 'src-*' ! -name "src-$commit" -exec rm -rf {} +
    if [ ! -x "$TREE/cistern" ]; then
      rm -rf "$TREE.partial" && mkdir -p "$TREE.partial"
      git -C "$ROOT" archive "$commit" | tar -x -C "$TREE.partial"
      mv "$TREE.partial" "$TREE"
    fi
    LABEL="commit $commit"
  else
    TREE="$ROOT"
    LABEL="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown) (working tree)"
  fi
  # the test ./cistern makes before it builds; done here because inside the namespace Maven has no network
  marker="$TREE/domain-config/target/.cistern-built"
  if [ ! -f "$TREE/domain-config/target/cistern/lib/cistern-launcher.jar" ] || [ ! -f "$marker" ] ||
    [ -n "$(find "$TREE/pom.xml" "$TREE"/*/pom.xml "$TREE"/*/src -newer "$marker" -print -quit 2>/dev/null)" ]; then
    "$TREE/cistern" build
  fi
  # a copy of what was just built is what runs: a rebuild of the tree during the run (others work in it)
  # can neither swap the jars under the running server nor fail the start
  rm -rf "$BENCH/dist"
  cp -a "$TREE/domain-config/target/cistern" "$BENCH/dist"
  # exec: Ctrl-C then reaches the measuring shell directly, and its trap stops the servers
  exec unshare --net --mount --propagation private -- \
    env NFS_BENCH_IN_NAMESPACE=1 NFS_BENCH_LABEL="$LABEL" NFS_BENCH_STARTED="$STARTED" bash "$0" "$@"
fi

# ---- from here on inside the namespace ----
ip link set lo up
mount -t tmpfs -o mode=0755 nfs-bench-run /run # rpcbind's socket and state, ganesha's pid file: ours alone

WORK="$(mktemp -d -p "$BENCH" run.XXXXXX)"
RPCBIND_PID=
GANESHA_PID=
CISTERN_PID=
cleanup() {
  local pid
  for pid in $CISTERN_PID $GANESHA_PID $RPCBIND_PID; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $CISTERN_PID $GANESHA_PID $RPCBIND_PID; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  # keep the logs for a look afterwards, drop the data
  rm -rf "$BENCH/logs" && mkdir -p "$BENCH/logs"
  cp "$WORK"/*.log "$BENCH/logs/" 2>/dev/null || true
  cp -r "$WORK/cistern-data/logs" "$BENCH/logs/cistern" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- test data: fresh random bytes for every run, on disk before the run starts, the same for both
# servers. Fresh, because Cistern deduplicates: a second run writing the same bytes would store nothing. ----
LARGE_BYTES=$((MIB * 1024 * 1024))
prepare_data() {
  rm -rf "$WORK/large.bin" "$WORK/small" && mkdir "$WORK/small"
  head -c "$LARGE_BYTES" /dev/urandom >"$WORK/large.bin"
  LARGE_SHA="$(sha256sum <"$WORK/large.bin" | cut -d' ' -f1)"
  head -c "$((FILES * 4096))" /dev/urandom | (cd "$WORK/small" && split -a 5 -d -b 4096 - f)
  SMALL_NAMES=("$WORK"/small/f*)
}

# ---- rpcbind and nfs-ganesha ----
rpcbind -f &
RPCBIND_PID=$!
for _ in $(seq 1 50); do [ -S /run/rpcbind.sock ] && break; sleep 0.1; done

GANESHA_EXPORT="$WORK/ganesha-export"
mkdir -p "$GANESHA_EXPORT" "$WORK/ganesha-recovery"
# as Cistern's share root: everyone may create, only owners remove
chmod 01777 "$GANESHA_EXPORT"
GANESHA_NFS_PORT=2049
GANESHA_MNT_PORT=20048
cat >"$WORK/ganesha.conf" <<CONF
NFS_CORE_PARAM {
  Protocols = 3;
  NFS_Port = $GANESHA_NFS_PORT;
  MNT_Port = $GANESHA_MNT_PORT;
  # nothing but NFS and MOUNT over TCP, as Cistern serves them
  Enable_NLM = false;
  Enable_RQUOTA = false;
  Enable_UDP = false;
  # MOUNT /data as with Cistern (the export's real path is below bench/nfs/target)
  mount_path_pseudo = true;
}
NFS_KRB5 { Active_krb5 = false; }
NFSV4 {
  Graceless = true;
  RecoveryRoot = "$WORK/ganesha-recovery";
}
EXPORT {
  Export_Id = 1;
  Path = "$GANESHA_EXPORT";
  Pseudo = /data;
  Protocols = 3;
  Transports = TCP;
  Access_Type = RW;
  # Cistern squashes root to 65534 too: both servers do the same permission work for the same caller
  Squash = root_squash;
  Anonymous_Uid = 65534;
  Anonymous_Gid = 65534;
  SecType = sys;
  FSAL { Name = VFS; }
}
LOG { Default_Log_Level = EVENT; }
CONF
ganesha.nfsd -F -L "$WORK/ganesha.log" -f "$WORK/ganesha.conf" -p /run/ganesha.pid -N NIV_EVENT &
GANESHA_PID=$!
for _ in $(seq 1 300); do
  grep -q "NFS SERVER INITIALIZED" "$WORK/ganesha.log" 2>/dev/null && break
  kill -0 "$GANESHA_PID" 2>/dev/null || { cat "$WORK/ganesha.log" >&2; echo "nfs-ganesha exited" >&2; exit 1; }
  sleep 0.1
done
grep -q "NFS SERVER INITIALIZED" "$WORK/ganesha.log" || { echo "nfs-ganesha did not start; see $WORK/ganesha.log" >&2; exit 1; }

# ---- Cistern ----
CISTERN_DATA="$WORK/cistern-data"
# what ./cistern run execs once its build check is done (the build was checked outside)
JAVA="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; fi
: >"$WORK/cistern.log"
CISTERN_DATA_DIR="$CISTERN_DATA" CISTERN_ADMIN_PASSWORD="bench-nfs-$RANDOM$RANDOM" \
  "$JAVA" -jar "$BENCH/dist/lib/cistern-launcher.jar" run >"$WORK/cistern.log" 2>&1 &
CISTERN_PID=$!
for _ in $(seq 1 1200); do
  grep -q "Cistern ready" "$WORK/cistern.log" && break
  kill -0 "$CISTERN_PID" 2>/dev/null || { cat "$WORK/cistern.log" >&2; echo "Cistern exited" >&2; exit 1; }
  sleep 0.5
done
grep "Cistern ready" "$WORK/cistern.log" || { cat "$WORK/cistern.log" >&2; exit 1; }
POSTMASTER_PID="$(head -1 "$CISTERN_DATA/pg/postmaster.pid")"

# Cistern serves NFS and MOUNT on one port
declare -A NFS_PORT=([cistern]=12049 [ganesha]=$GANESHA_NFS_PORT)
declare -A MNT_PORT=([cistern]=12049 [ganesha]=$GANESHA_MNT_PORT)
url_args() { echo "?nfsport=${NFS_PORT[$1]}&mountport=${MNT_PORT[$1]}"; }
url() { echo "nfs://127.0.0.1/data/$2$(url_args "$1")"; }
export_url() { echo "nfs://127.0.0.1/data$(url_args "$1")"; }

# ---- measuring helpers ----
# CPU ticks (user + system, with reaped children) of the given processes and all their descendants; the
# postmaster is its own root because pg_ctl detaches it from the launcher
tree_ticks() {
  ps -e -o pid=,ppid= | awk -v roots="$*" '
    BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      do { changed = 0
           for (i in pids) { p = pids[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } } } while (changed)
      for (p in keep) print p }' |
    while read -r pid; do
      if [ -r "/proc/$pid/stat" ]; then sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null || true; fi
    done | awk '{ s += $12 + $13 + $14 + $15 } END { print s + 0 }'
}
server_ticks() {
  case "$1" in
    cistern) tree_ticks "$CISTERN_PID" "$POSTMASTER_PID" ;;
    ganesha) tree_ticks "$GANESHA_PID" ;;
  esac
}
# the clients are this shell's children: their CPU shows in its cutime + cstime once they are reaped
client_ticks() { sed 's/.*) //' "/proc/$$/stat" | awk '{ print $14 + $15 }'; }
TICK="$(getconf CLK_TCK)"
now_ns() { date +%s%N; }

# phase FIGURE SERVER then the command: times it, keeps its wall time and the CPU seconds of the server
# and of the client during it
phase() {
  local figure="$1" server="$2"
  shift 2
  local t0 s0 c0 t1 s1 c1
  s0="$(server_ticks "$server")"; c0="$(client_ticks)"; t0="$(now_ns)"
  "$@"
  t1="$(now_ns)"; s1="$(server_ticks "$server")"; c1="$(client_ticks)"
  echo "$(( t1 - t0 ))" >>"$RESULTS/$figure.$server.ns"
  awk -v a="$s0" -v b="$s1" -v t="$TICK" 'BEGIN { printf "%.2f\n", (b - a) / t }' >>"$RESULTS/$figure.$server.cpu"
  awk -v a="$c0" -v b="$c1" -v t="$TICK" 'BEGIN { printf "%.2f\n", (b - a) / t }' >>"$RESULTS/$figure.$server.client"
}
last_seconds() { awk '{ v = $1 } END { printf "%.3f", v / 1e9 }' "$RESULTS/$1.$2.ns"; }

# Cistern's upload job is done when its journal is empty: it frees journal space only after a block is in
# the store and mapped. As a second check the block store must hold every block written so far: each run's
# data is new random bytes, so nothing dedups: 4 MiB blocks of the large file, one per small file.
EXPECTED_BLOCKS=0
# Cistern's own count of the bytes in its journal's records (not its segment files' sizes: released files are
# kept to be written over); -1 while /metrics does not answer
journal_bytes() { { curl -sf "http://127.0.0.1:8080/metrics" || true; } |
  awk '/^cistern_journal_used_bytes[ {]/ { v = $NF } END { print (v == "" ? -1 : v + 0) }'; }
stored_blocks() { find "$CISTERN_DATA/blocks" -type f -regextype posix-extended -regex '.*/[0-9a-f]{64}' | wc -l; }
# after each timed phase: Cistern's upload drained and the disk written back, so neither server's
# background work lands in the next measurement
settle() {
  local t0 journal=0 blocks=0
  t0="$(now_ns)"
  for _ in $(seq 1 6000); do
    journal="$(journal_bytes)"
    if [ "$journal" = 0 ]; then
      blocks="$(stored_blocks)"
      [ "$blocks" -ge "$EXPECTED_BLOCKS" ] && break
    fi
    sleep 0.1
  done
  [ "$journal" = 0 ] && [ "$blocks" -ge "$EXPECTED_BLOCKS" ] ||
    echo "  (after 10 minutes Cistern's journal still holds $journal bytes; $blocks of $EXPECTED_BLOCKS blocks stored)"
  sync
  echo "  settled in $(awk -v a="$t0" -v b="$(now_ns)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }') s (Cistern's journal empty, $blocks blocks stored; sync)"
}

write_large() { nfs-cp "$WORK/large.bin" "$(url "$1" "$2")" >/dev/null; }
read_large() { nfs-cat "$(url "$1" "$2")" >/dev/null; }
create_small() {
  local server="$1" run="$2" file
  for file in "${SMALL_NAMES[@]}"; do
    nfs-cp "$file" "$(url "$server" "r$run-${file##*/}")" >/dev/null
  done
}
list_export() { nfs-ls "$(export_url "$1")" >"$WORK/listing.$1"; }
# the metadata mix in directory $2 of the export, which the driver creates and removes again; it prints
# "phase NAME ops N ns T" per phase (and "phase mix" for their sum), which mix_figures files as the figures
# mix-NAME and mix. Those are the driver's own clocks: the process's wall time, which `phase` keeps as
# "metamix" for its CPU seconds, also holds the mount and the untimed read-back.
MIX_PHASES=(create getattr readdir rename remove)
declare -A MIX_OPS
metamix() { "$BENCH/metamix" 127.0.0.1 /data "${NFS_PORT[$1]}" "${MNT_PORT[$1]}" "$2" "$FILES" >"$WORK/mix.$1.out"; }
mix_figures() {
  local server="$1" name figure ops ns summary=
  for name in "${MIX_PHASES[@]}" mix; do
    read -r ops ns <<<"$(awk -v p="$name" '$1 == "phase" && $2 == p && $3 == "ops" && $5 == "ns" { print $4, $6 }' "$WORK/mix.$server.out")"
    [ -n "$ns" ] || { echo "metamix printed no $name phase for $server:" >&2; cat "$WORK/mix.$server.out" >&2; exit 1; }
    figure="mix-$name"
    [ "$name" != mix ] || figure=mix
    MIX_OPS[$name]="$ops"
    echo "$ns" >>"$RESULTS/$figure.$server.ns"
    summary+="$(awk -v n="$name" -v t="$ns" 'BEGIN { printf ", %s %.3f s", n, t / 1e9 }')"
  done
  summary="${summary/, mix/; in all}"
  echo "  $server: metadata mix on $FILES files: ${summary#, }"
}

verify_large() {
  local sum
  sum="$(nfs-cat "$(url "$1" "$2")" | sha256sum | cut -d' ' -f1)"
  [ "$sum" = "$LARGE_SHA" ] || { echo "WRONG DATA: $1 $2 reads back as sha256 $sum, wrote $LARGE_SHA" >&2; exit 1; }
}
# every 97th small file and the last: each holds different bytes, so a mix-up shows
verify_small() {
  local server="$1" run="$2" i file
  for ((i = 0; i < FILES; i += 97)); do verify_one_small "$server" "$run" "${SMALL_NAMES[$i]}"; done
  verify_one_small "$server" "$run" "${SMALL_NAMES[$((FILES - 1))]}"
}
verify_one_small() {
  local sum expected
  sum="$(nfs-cat "$(url "$1" "r$2-${3##*/}")" | sha256sum | cut -d' ' -f1)"
  expected="$(sha256sum <"$3" | cut -d' ' -f1)"
  [ "$sum" = "$expected" ] || { echo "WRONG DATA: $1 r$2-${3##*/}" >&2; exit 1; }
}
# the listing holds exactly the names written, no more, no fewer
verify_listing() {
  local server="$1" run file
  {
    for ((run = 0; run <= RUNS; run++)); do
      echo "large-$run.bin"
      for file in "${SMALL_NAMES[@]}"; do echo "r$run-${file##*/}"; done
    done
  } | sort >"$WORK/expected-names"
  awk '{ print $NF }' "$WORK/listing.$server" | sed 's|^/||' | sort >"$WORK/listed-names.$server"
  cmp -s "$WORK/expected-names" "$WORK/listed-names.$server" ||
    { echo "WRONG LISTING from $server:"; diff "$WORK/expected-names" "$WORK/listed-names.$server" | head; exit 1; } >&2
}
# bytes of the file(s) in the page cache, to say where a read comes from
cached_mb() { fincore -b -n -o RES "$@" 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s / 1e6 }'; }
cistern_store_files() { find "$CISTERN_DATA/blocks" "$CISTERN_DATA/journal" -type f 2>/dev/null; }

load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START="$(load)"
echo "load average at start: $LOAD_START"

# ---- the runs: odd runs Cistern first, even runs ganesha first. Run 0 is a warm-up whose figures are
# dropped: Cistern is Java, and without it every Cistern figure of the first run is its slowest, JIT
# compilation included; ganesha goes through it too, so both start the counted runs with warm caches. ----
for ((run = 0; run <= RUNS; run++)); do
  if ((run % 2)); then ORDER=(cistern ganesha); else ORDER=(ganesha cistern); fi
  if ((run == 0)); then
    RESULTS="$WORK/warm-up"
    echo "run 0, the warm-up, not counted (${ORDER[0]} first): ${MIB} MiB and ${FILES} x 4 KiB of new random data, load average $(load)"
  else
    RESULTS="$WORK/results"
    echo "run $run of $RUNS (${ORDER[0]} first): ${MIB} MiB and ${FILES} x 4 KiB of new random data, load average $(load)"
  fi
  mkdir -p "$RESULTS"
  prepare_data
  settle
  for server in "${ORDER[@]}"; do
    phase write "$server" write_large "$server" "large-$run.bin"
    echo "  $server: wrote $MIB MiB in $(last_seconds write "$server") s"
    # timed too: the work Cistern still owes after the COMMIT (ganesha owes none; sync finds little)
    [ "$server" = cistern ] && EXPECTED_BLOCKS=$((EXPECTED_BLOCKS + (LARGE_BYTES + 4194303) / 4194304))
    phase upload "$server" settle
  done
  for server in "${ORDER[@]}"; do
    if [ "$run" = 1 ]; then
      case "$server" in
        cistern) echo "  cistern: before reading, ${CISTERN_DATA##*/}/{blocks,journal} have $(cached_mb $(cistern_store_files)) MB in the page cache" ;;
        ganesha) echo "  ganesha: before reading, the file has $(cached_mb "$GANESHA_EXPORT/large-$run.bin") MB in the page cache" ;;
      esac
    fi
    phase read "$server" read_large "$server" "large-$run.bin"
    echo "  $server: read $MIB MiB in $(last_seconds read "$server") s"
  done
  for server in "${ORDER[@]}"; do verify_large "$server" "large-$run.bin"; done
  echo "  sha256 of large-$run.bin read back from both servers matches what was written"
  for server in "${ORDER[@]}"; do
    phase small "$server" create_small "$server" "$run"
    echo "  $server: created $FILES x 4 KiB files in $(last_seconds small "$server") s"
    [ "$server" = cistern ] && EXPECTED_BLOCKS=$((EXPECTED_BLOCKS + FILES))
    settle
  done
  for server in "${ORDER[@]}"; do verify_small "$server" "$run"; done
  echo "  sampled small files read back equal on both servers"
  # the mix's files are removed again: their blocks are garbage, so EXPECTED_BLOCKS stays; settle still
  # waits for Cistern's journal to empty, which their writes went into
  for server in "${ORDER[@]}"; do
    phase metamix "$server" metamix "$server" "mix-r$run"
    mix_figures "$server"
    settle
  done
done

# listing: the export root, now holding one large and FILES small files per run (warm-up included);
# repeated, alternating
ENTRIES=$(((RUNS + 1) * (FILES + 1)))
for ((i = 1; i <= 2 * RUNS + 1; i++)); do
  if ((i % 2)); then ORDER=(cistern ganesha); else ORDER=(ganesha cistern); fi
  for server in "${ORDER[@]}"; do
    phase list "$server" list_export "$server"
    verify_listing "$server"
  done
done
echo "listed $ENTRIES entries $((2 * RUNS + 1)) times on each server, every listing exactly the names written"
LOAD_END="$(load)"

# ---- the table ----
# write until uploaded: nfs-cp plus the settle after it, run by run
for server in cistern ganesha; do
  for kind in ns cpu client; do
    paste "$RESULTS/write.$server.$kind" "$RESULTS/upload.$server.$kind" | awk '{ print $1 + $2 }' >"$RESULTS/durable.$server.$kind"
  done
done
# median and spread of one figure: values derived from the nanosecond wall times
stats() { sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'; }
figure_values() { # FIGURE SERVER AMOUNT: AMOUNT per second for each run
  awk -v amount="$3" '{ printf "%.6f\n", amount / ($1 / 1e9) }' "$RESULTS/$1.$2.ns"
}
printf '\n%s\n' "Cistern vs nfs-ganesha 4.3 (VFS), NFSv3 over TCP on loopback, same client; medians of $RUNS runs after a warm-up (listing: $((2 * RUNS + 1)))"
ROW='%-62s %9s %12s %16s\n'
printf "$ROW" figure Cistern nfs-ganesha Cistern/ganesha
SPREADS=()
CPU_ROWS=()
# FIGURE|LABEL|AMOUNT per run|the figure whose CPU seconds `phase` kept, when not FIGURE itself ("-": none;
# the mix's phases are timed by the driver alone, its CPU only for the whole driver run)
for spec in "write|write $MIB MiB (nfs-cp), MB/s|$LARGE_BYTES/1e6" \
  "durable|the same until uploaded, MB/s|$LARGE_BYTES/1e6" \
  "read|read it back (nfs-cat), MB/s|$LARGE_BYTES/1e6" \
  "small|create 4 KiB files (nfs-cp each), files/s|$FILES" \
  "list|list $ENTRIES entries (nfs-ls), entries/s|$ENTRIES" \
  "mix-create|mix: create, write 4 KiB, close (metamix), files/s|${MIX_OPS[create]}|-" \
  "mix-getattr|mix: getattr, files/s|${MIX_OPS[getattr]}|-" \
  "mix-readdir|mix: readdir of $FILES files, entries/s|${MIX_OPS[readdir]}|-" \
  "mix-rename|mix: rename, files/s|${MIX_OPS[rename]}|-" \
  "mix-remove|mix: remove, files/s|${MIX_OPS[remove]}|-" \
  "mix|metadata mix (create, getattr, readdir, rename, remove), ops/s|${MIX_OPS[mix]}|metamix"; do
  IFS='|' read -r figure label amount_expr cpu_figure <<<"$spec"
  amount="$(awk "BEGIN { print $amount_expr }")"
  read -r c_med c_lo c_hi <<<"$(figure_values "$figure" cistern "$amount" | stats)"
  read -r g_med g_lo g_hi <<<"$(figure_values "$figure" ganesha "$amount" | stats)"
  printf "$ROW" "$label" "$(printf '%.0f' "$c_med")" "$(printf '%.0f' "$g_med")" "$(awk -v a="$c_med" -v b="$g_med" 'BEGIN { printf "%.2f", a / b }')"
  SPREADS+=("$(printf '  %-62s Cistern %.0f-%.0f, ganesha %.0f-%.0f' "$label" "$c_lo" "$c_hi" "$g_lo" "$g_hi")")
  case "$cpu_figure" in
    -) continue ;;
    "") cpu_figure="$figure" ;;
  esac
  read -r cc _ <<<"$(stats <"$RESULTS/$cpu_figure.cistern.cpu")"
  read -r gc _ <<<"$(stats <"$RESULTS/$cpu_figure.ganesha.cpu")"
  read -r ck _ <<<"$(stats <"$RESULTS/$cpu_figure.cistern.client")"
  read -r gk _ <<<"$(stats <"$RESULTS/$cpu_figure.ganesha.client")"
  CPU_ROWS+=("$(printf '  %-8s server: Cistern %6.2f s, ganesha %6.2f s; client: with Cistern %6.2f s, with ganesha %6.2f s' "$cpu_figure" "$cc" "$gc" "$ck" "$gk")")
done
echo "runs, slowest-fastest:"
printf '%s\n' "${SPREADS[@]}"
echo "CPU seconds during one timed phase (medians; Cistern = launcher + Payara + PostgreSQL, ganesha = ganesha.nfsd):"
printf '%s\n' "${CPU_ROWS[@]}"
# FIGURE SERVER OPS: median milliseconds per op
per_op_ms() { awk -v n="$3" '{ printf "%.6f\n", $1 / 1e6 / n }' "$RESULTS/$1.$2.ns" | stats | cut -d' ' -f1; }
mix_ms() {
  local name out=
  for name in "${MIX_PHASES[@]}"; do
    out+="$(printf '%s %.3f/%.3f, ' "$name" "$(per_op_ms "mix-$name" cistern "${MIX_OPS[$name]}")" "$(per_op_ms "mix-$name" ganesha "${MIX_OPS[$name]}")")"
  done
  echo "${out%, }"
}
cat <<NOTES
* small files: time per file, which includes the client's process start and connection and about a dozen
  RPCs (MOUNT NULL, MNT, EXPORT, NULL, FSINFO, GETATTR x2, CREATE, LOOKUP, SETATTR, WRITE, COMMIT):
  Cistern $(printf '%.2f' "$(per_op_ms small cistern "$FILES")") ms, ganesha $(printf '%.2f' "$(per_op_ms small ganesha "$FILES")") ms (a process per file; the metadata mix is the single-process figure)
* metadata mix: metamix (bench/nfs/metamix.c on libnfs, one process, one mount, one RPC at a time) on
  $FILES new 4 KiB files in a directory of their own per run and server, each phase over all files before
  the next: create (LOOKUP of the directory, GUARDED CREATE, LOOKUP, UNSTABLE WRITE, COMMIT at close),
  getattr (LOOKUP x2, GETATTR), readdir ($((MIX_OPS[readdir] / FILES)) listings, READDIRPLUS with 8 KiB replies, libnfs's
  directory cache off), rename (LOOKUP x2, RENAME within the directory), remove (LOOKUP, REMOVE); then
  RMDIR. The LOOKUPs are libnfs's: it resolves every path from the export root. Its ops are files created,
  stat'ed, renamed and removed plus entries listed; its figures are the driver's own clock, so mount,
  mkdir and the untimed read-back of every 97th file are out (the CPU line "metamix" is the whole driver
  run, them included). Cistern uploads a block only once it has rested 10 s while clients are at work
  (README, upload job), so the mix's files, removed within seconds, are never uploaded; the settle after
  each server's mix frees their journal space before the next measurement. Median ms per op (per entry listed), Cistern/ganesha:
  $(mix_ms)
* writes: nfs-cp sends 1 MiB UNSTABLE WRITEs and a COMMIT when it closes the file, so both servers have the
  data on disk when it returns: Cistern in its journal (fdatasync), ganesha in the file (fsync). Cistern then
  still uploads it into its block store (SHA-256, block files with fsync, mapping in PostgreSQL): "until
  uploaded" counts that too, until its journal is empty (for ganesha it adds a sync that finds little to do)
* reads follow the upload and a sync: ganesha reads the file from the page cache; Cistern reads its block
  files (in the page cache too) through its block cache (CISTERN_CACHE_MB, by default an eighth of memory up to 2 GiB, outside the heap), checking each block against the CRC32C
  stored with it (SHA-256 for a block without one)
* load average: start $LOAD_START, end $LOAD_END ($(nproc) cores)
* clients: $(dpkg-query -W -f '${Package} ${Version}, ' libnfs-utils libnfs13)rpcbind $(dpkg-query -W -f '${Version}' rpcbind)
* servers: $(dpkg-query -W -f '${Package} ${Version}, ' nfs-ganesha nfs-ganesha-vfs)Cistern $NFS_BENCH_LABEL, $("$JAVA" -version 2>&1 | head -1)
* took $(($(date +%s) - NFS_BENCH_STARTED)) s in all (install and build checks, data, server starts, runs)
NOTES

#!/usr/bin/env bash
# Cistern's SMB server against Samba 4.17 (Debian) in one run: both on this machine, sharing fresh directories
# on the repository's disk, driven by the same client (Debian's smbclient, `-m SMB3_11`, default signing, one
# process per batch of commands given with -c), alternating which server goes first, medians of several runs,
# ratios Cistern/Samba; the large file is put and got twice, plain and encrypted. Every figure is "higher is better". Every byte read back is checked (the large file by
# sha256, a sample of the small files byte for byte) and every listing against the names written; any
# NT_STATUS_ in smbclient's output fails the run (smbclient -c goes on after a failed command and exits with
# the status of the last one only), so a broken server cannot look fast.
#
# Usage: bench/smb/run.sh [MiB of the large file, default 1024]
#   SMB_BENCH_RUNS (default 3) runs after a warm-up; SMB_BENCH_FILES (default 500) small files per run and
#   server for the metadata mix; SMB_BENCH_BATCH (default 100) commands per smbclient process in the mix;
#   SMB_BENCH_LISTS (default 5) listings of the mix's directory;
#   SMB_BENCH_COMMIT=<rev> measures that commit (built from `git archive` under bench/smb/target) instead of
#   the working tree, for when the tree is mid-edit.
#
# Why smbclient and not a client of our own: it is the client people use from Linux, the same binary talks
# to both servers, and it is not ours, so it cannot be tuned to Cistern. Its cost is a process, a logon and a
# tree connect per invocation; the mix therefore puts SMB_BENCH_BATCH commands into each invocation, and the
# "connect" figure measures that fixed cost on its own, so it can be told apart from the per-file work.
#
# Why a namespace of its own: the measuring half of this script re-executes itself under
# `unshare --net --mount --pid --fork --mount-proc`. Its own loopback: Cistern on its default ports (12445
# for SMB) and smbd on 14450 cannot collide with anyone else's servers. Its own mounts: tmpfs over /run,
# /etc/samba, /var/lib/samba, /var/cache/samba and /var/log/samba, so neither smbd nor smbpasswd nor
# smbclient can read or write the machine's Samba configuration or state even where a path was missed in
# the private smb.conf (which points every one of them into the run's temporary directory anyway), and a
# private /etc/passwd and /etc/group with the Unix account Samba's passdb needs for its user, so the
# machine's accounts stay as they are. Its own process ids: the script is the namespace's init, so when it
# exits the kernel kills whatever is left in it (smbd's children, samba-dcerpcd, PostgreSQL) — nothing
# survives the run even if the trap's cleanup is cut short. Installing and building happen before, outside,
# because the namespace has no network.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MIB="${1:-1024}"
RUNS="${SMB_BENCH_RUNS:-3}"
FILES="${SMB_BENCH_FILES:-500}"
BATCH="${SMB_BENCH_BATCH:-100}"
LISTS="${SMB_BENCH_LISTS:-5}"
CONNECTS=5
BENCH="$ROOT/bench/smb/target"

if [ -z "${SMB_BENCH_IN_NAMESPACE:-}" ]; then
  STARTED="$(date +%s)"
  missing=()
  for package in samba smbclient util-linux iproute2 curl; do
    dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]}"
    apt-get update -qq
    # Debian's samba package would start smbd and nmbd for the machine where services may start; the
    # measurement never uses those: it runs its own smbd below
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  mkdir -p "$BENCH"
  if [ -n "${SMB_BENCH_COMMIT:-}" ]; then
    commit="$(git -C "$ROOT" rev-parse --short "$SMB_BENCH_COMMIT^{commit}")"
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
  # a copy of what was just built is what runs: a rebuild of the tree during the run can neither swap the
  # jars under the running server nor fail the start
  rm -rf "$BENCH/dist"
  cp -a "$TREE/domain-config/target/cistern" "$BENCH/dist"
  # exec: Ctrl-C reaches unshare, whose --kill-child then sends TERM to the measuring shell, whose trap stops
  # the servers; and the measuring shell is the pid namespace's init, so its exit ends everything in it
  exec unshare --net --mount --propagation private --pid --fork --mount-proc --kill-child=TERM -- \
    env SMB_BENCH_IN_NAMESPACE=1 SMB_BENCH_LABEL="$LABEL" SMB_BENCH_STARTED="$STARTED" bash "$0" "$@"
fi

# ---- from here on inside the namespace ----
ip link set lo up
# nothing of the machine's Samba is visible in here (see the top of the file); /run for pid files
for dir in /run /etc/samba /var/lib/samba /var/cache/samba /var/log/samba; do
  if [ -d "$dir" ]; then mount -t tmpfs -o mode=0755 smb-bench "$dir"; fi
done

WORK="$(mktemp -d -p "$BENCH" run.XXXXXX)"
# smbd serves the share as the bench user, who must get through to it (mktemp makes it 0700)
chmod 0711 "$WORK"
SMBD_PID=
CISTERN_PID=
cleanup() {
  local pid
  for pid in $CISTERN_PID $SMBD_PID; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $CISTERN_PID $SMBD_PID; do
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
  SMALL_NAMES=()
  local file
  for file in "$WORK"/small/f*; do SMALL_NAMES+=("${file##*/}"); done
}

# ---- Samba: a private smbd with every path in the run's directory ----
SAMBA="$WORK/samba"
SAMBA_SHARE="$WORK/samba-share"
SAMBA_PORT=14450
SAMBA_USER=bench
SAMBA_PASSWORD="bench-smb-$RANDOM$RANDOM"
SAMBA_UID=64123
mkdir -p "$SAMBA"/{private,lock,state,cache,run,ncalrpc,bind-dns,usershares} "$SAMBA_SHARE"
chmod 0700 "$SAMBA/private"
# the Unix account smbpasswd insists on, in this namespace's passwd and group only
cp /etc/passwd "$WORK/passwd" && cp /etc/group "$WORK/group"
echo "$SAMBA_USER:x:$SAMBA_UID:$SAMBA_UID:Cistern SMB bench:/nonexistent:/usr/sbin/nologin" >>"$WORK/passwd"
echo "$SAMBA_USER:x:$SAMBA_UID:" >>"$WORK/group"
mount --bind "$WORK/passwd" /etc/passwd
mount --bind "$WORK/group" /etc/group
chown "$SAMBA_UID:$SAMBA_UID" "$SAMBA_SHARE"
cat >"$SAMBA/smb.conf" <<CONF
[global]
  server role = standalone server
  workgroup = BENCH
  netbios name = SMBBENCH
  disable netbios = yes
  smb ports = $SAMBA_PORT
  interfaces = lo
  bind interfaces only = yes
  private dir = $SAMBA/private
  lock directory = $SAMBA/lock
  state directory = $SAMBA/state
  cache directory = $SAMBA/cache
  pid directory = $SAMBA/run
  ncalrpc dir = $SAMBA/ncalrpc
  binddns dir = $SAMBA/bind-dns
  usershare path = $SAMBA/usershares
  log file = $SAMBA/log.%m
  passdb backend = tdbsam:$SAMBA/private/passdb.tdb
  map to guest = never
  server min protocol = SMB2_02
  server max protocol = SMB3_11
  server signing = auto
  # encryption only for a client that asks (the encrypted put and get), as Cistern's default
  server smb encrypt = if_required
  kernel oplocks = no
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes

[bench]
  path = $SAMBA_SHARE
  read only = no
  valid users = $SAMBA_USER
CONF
testparm -s "$SAMBA/smb.conf" >"$WORK/testparm.log" 2>&1 || { cat "$WORK/testparm.log" >&2; exit 1; }
printf '%s\n%s\n' "$SAMBA_PASSWORD" "$SAMBA_PASSWORD" |
  smbpasswd -c "$SAMBA/smb.conf" -s -a "$SAMBA_USER" >"$WORK/smbpasswd.log" 2>&1 ||
  { cat "$WORK/smbpasswd.log" >&2; exit 1; }
# --foreground keeps $! smbd's pid; no --no-process-group: on TERM smbd signals its whole process group
# (kill(0)), which without it would be this shell's; with it left out smbd calls setsid() and its group is
# its own and its children's
smbd --foreground --debug-stdout -d 1 -s "$SAMBA/smb.conf" >"$WORK/samba.log" 2>&1 &
SMBD_PID=$!

# ---- Cistern ----
CISTERN_DATA="$WORK/cistern-data"
CISTERN_PASSWORD="bench-smb-$RANDOM$RANDOM"
# what ./cistern run execs once its build check is done (the build was checked outside)
JAVA="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; fi
: >"$WORK/cistern.log"
CISTERN_DATA_DIR="$CISTERN_DATA" CISTERN_ADMIN_PASSWORD="$CISTERN_PASSWORD" \
  "$JAVA" -jar "$BENCH/dist/lib/cistern-launcher.jar" run >"$WORK/cistern.log" 2>&1 &
CISTERN_PID=$!

# smbd answers on its port once it listens (it is up long before Cistern)
for _ in $(seq 1 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$SAMBA_PORT") 2>/dev/null && break
  kill -0 "$SMBD_PID" 2>/dev/null || { cat "$WORK/samba.log" >&2; echo "smbd exited" >&2; exit 1; }
  sleep 0.1
done
for _ in $(seq 1 1200); do
  grep -q "Cistern ready" "$WORK/cistern.log" && break
  kill -0 "$CISTERN_PID" 2>/dev/null || { cat "$WORK/cistern.log" >&2; echo "Cistern exited" >&2; exit 1; }
  sleep 0.5
done
grep "Cistern ready" "$WORK/cistern.log" || { cat "$WORK/cistern.log" >&2; exit 1; }
POSTMASTER_PID="$(head -1 "$CISTERN_DATA/pg/postmaster.pid")"

# ---- the client: the same smbclient, the same options, for both; a client config of its own, so the
# machine's smb.conf plays no part, and the credentials in files rather than on the command line ----
mkdir -p "$WORK/client"/{private,lock,state,cache}
cat >"$WORK/client.conf" <<CONF
[global]
  private dir = $WORK/client/private
  lock directory = $WORK/client/lock
  state directory = $WORK/client/state
  cache directory = $WORK/client/cache
  disable netbios = yes
CONF
printf 'username = admin\npassword = %s\n' "$CISTERN_PASSWORD" >"$WORK/auth.cistern"
printf 'username = %s\npassword = %s\n' "$SAMBA_USER" "$SAMBA_PASSWORD" >"$WORK/auth.samba"
chmod 0600 "$WORK"/auth.*
declare -A SHARE=([cistern]=//127.0.0.1/data [samba]=//127.0.0.1/bench)
declare -A PORT=([cistern]=12445 [samba]=$SAMBA_PORT)
# smbc SERVER COMMANDS: one smbclient process; its output in $WORK/out.SERVER. Fails on any NT_STATUS_ and
# on a non-zero exit.
# With PROTECTION=encrypt in its environment, the client asks for encryption (and refuses to go on without it).
smbc() {
  local server="$1" commands="$2" rc=0
  smbclient -s "$WORK/client.conf" -m SMB3_11 -A "$WORK/auth.$server" -p "${PORT[$server]}" \
    ${PROTECTION:+--client-protection=$PROTECTION} "${SHARE[$server]}" -c "$commands" >"$WORK/out.$server" 2>&1 || rc=$?
  if [ "$rc" != 0 ] || grep -q 'NT_STATUS_' "$WORK/out.$server"; then
    echo "smbclient against $server failed (exit $rc) on: ${commands:0:200}" >&2
    grep -m 5 'NT_STATUS_' "$WORK/out.$server" >&2 || tail -5 "$WORK/out.$server" >&2
    exit 1
  fi
}
for server in cistern samba; do smbc "$server" "ls"; done

# ---- measuring helpers ----
# CPU ticks (user + system, with reaped children) of the given processes and all their descendants; the
# postmaster is its own root because pg_ctl detaches it from the launcher; smbd's per-connection children
# count once smbd has reaped them
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
    samba) tree_ticks "$SMBD_PID" ;;
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
  echo "$((t1 - t0))" >>"$RESULTS/$figure.$server.ns"
  awk -v a="$s0" -v b="$s1" -v t="$TICK" 'BEGIN { printf "%.2f\n", (b - a) / t }' >>"$RESULTS/$figure.$server.cpu"
  awk -v a="$c0" -v b="$c1" -v t="$TICK" 'BEGIN { printf "%.2f\n", (b - a) / t }' >>"$RESULTS/$figure.$server.client"
}
last_seconds() { awk '{ v = $1 } END { printf "%.3f", v / 1e9 }' "$RESULTS/$1.$2.ns"; }

# Cistern's upload job is done when its journal is empty: it frees journal space only after a block is in
# the store and mapped. As a second check the block store must hold every block of the large files written
# so far (new random bytes each run, so nothing dedups). The mix's small files are removed again, so only
# the empty journal is waited for on their account.
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

connect_only() { local i; for ((i = 0; i < CONNECTS; i++)); do smbc "$1" "pwd"; done; }
write_large() { smbc "$1" "lcd $WORK; put large.bin $2"; }
read_large() { smbc "$1" "get $2 /dev/null"; }
write_large_encrypted() { PROTECTION=encrypt smbc "$1" "lcd $WORK; put large.bin $2"; }
read_large_encrypted() { PROTECTION=encrypt smbc "$1" "get $2 /dev/null"; }
# the mix's commands, SMB_BENCH_BATCH to an smbclient process: batched SERVER PREFIX COMMAND, where each
# NAME in COMMAND stands for a small file's name
batched() {
  local server="$1" prefix="$2" command="$3" i j commands
  for ((i = 0; i < FILES; i += BATCH)); do
    commands="$prefix"
    for ((j = i; j < i + BATCH && j < FILES; j++)); do commands+="; ${command//NAME/${SMALL_NAMES[$j]}}"; done
    smbc "$server" "$commands"
  done
}
# create: put of a 4 KiB file (SMB2 CREATE, WRITE, CLOSE, plus the client's queries); rename within the
# directory; remove (smbclient's rm lists the name as a mask, then opens it delete-on-close)
mix_create() { batched "$1" "lcd $WORK/small; cd $2" 'put NAME NAME'; }
mix_rename() { batched "$1" "cd $2" 'rename NAME rNAME'; }
mix_remove() { batched "$1" "cd $2" 'rm rNAME'; }
mix_list() {
  local commands="cd $2" i
  for ((i = 0; i < LISTS; i++)); do commands+="; ls"; done
  smbc "$1" "$commands"
  cp "$WORK/out.$1" "$WORK/listing.$1"
}
# smbclient's ls: "  NAME   ATTRIBUTES   SIZE  DATE", the names of one directory; . and .. left out
listed_names() { awk '/^  [^ ]/ && NF >= 6 && $1 != "." && $1 != ".." { print $1 }' "$1"; }
# every listing holds exactly the names expected: each name TIMES times, no more, no fewer
verify_listing() { # SERVER LISTING-FILE TIMES PREFIX
  local server="$1" listing="$2" times="$3" prefix="$4" name
  for name in "${SMALL_NAMES[@]}"; do echo "$times $prefix$name"; done | sort >"$WORK/expected-names"
  listed_names "$listing" | sort | uniq -c | awk '{ print $1, $2 }' | sort >"$WORK/listed-names"
  cmp -s "$WORK/expected-names" "$WORK/listed-names" ||
    { echo "WRONG LISTING from $server:"; diff "$WORK/expected-names" "$WORK/listed-names" | head; exit 1; } >&2
}
verify_empty() {
  smbc "$1" "cd $2; ls"
  [ -z "$(listed_names "$WORK/out.$1")" ] || { echo "WRONG LISTING from $1: $2 not empty after rm" >&2; exit 1; }
}
verify_large() {
  rm -f "$WORK/readback.bin"
  smbc "$1" "get $2 $WORK/readback.bin"
  local sum
  sum="$(sha256sum <"$WORK/readback.bin" | cut -d' ' -f1)"
  rm -f "$WORK/readback.bin"
  [ "$sum" = "$LARGE_SHA" ] || { echo "WRONG DATA: $1 $2 reads back as sha256 $sum, wrote $LARGE_SHA" >&2; exit 1; }
}
# every 47th small file and the last, after the rename (so the renamed name holds the bytes written under
# the old one): each holds different bytes, so a mix-up shows
verify_small() {
  local server="$1" dir="$2" i name commands picked=()
  commands="cd $dir; lcd $WORK/readback"
  rm -rf "$WORK/readback" && mkdir "$WORK/readback"
  for ((i = 0; i < FILES; i += 47)); do picked+=("${SMALL_NAMES[$i]}"); done
  picked+=("${SMALL_NAMES[$((FILES - 1))]}")
  for name in "${picked[@]}"; do commands+="; get r$name"; done
  smbc "$server" "$commands"
  for name in "${picked[@]}"; do
    cmp -s "$WORK/small/$name" "$WORK/readback/r$name" || { echo "WRONG DATA: $server $dir/r$name" >&2; exit 1; }
  done
  rm -rf "$WORK/readback"
}
# bytes of the file(s) in the page cache, to say where a read comes from
cached_mb() { fincore -b -n -o RES "$@" 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s / 1e6 }'; }
cistern_store_files() { find "$CISTERN_DATA/blocks" "$CISTERN_DATA/journal" -type f 2>/dev/null; }

load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START="$(load)"
echo "load average at start: $LOAD_START"

# ---- the runs: odd runs Cistern first, even runs Samba first. Run 0 is a warm-up whose figures are
# dropped: Cistern is Java, and without it every Cistern figure of the first run is its slowest, JIT
# compilation included; Samba goes through it too, so both start the counted runs with warm caches. ----
MIX_PHASES=(create list rename remove)
for ((run = 0; run <= RUNS; run++)); do
  if ((run % 2)); then ORDER=(cistern samba); else ORDER=(samba cistern); fi
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
    phase connect "$server" connect_only "$server"
  done
  for server in "${ORDER[@]}"; do
    phase write "$server" write_large "$server" "large-$run.bin"
    echo "  $server: wrote $MIB MiB in $(last_seconds write "$server") s"
    # timed too: the work Cistern still owes after the CLOSE (Samba's is what sync finds in the page cache)
    [ "$server" = cistern ] && EXPECTED_BLOCKS=$((EXPECTED_BLOCKS + (LARGE_BYTES + 4194303) / 4194304))
    phase upload "$server" settle
  done
  for server in "${ORDER[@]}"; do
    if [ "$run" = 1 ]; then
      case "$server" in
        cistern) echo "  cistern: before reading, ${CISTERN_DATA##*/}/{blocks,journal} have $(cached_mb $(cistern_store_files)) MB in the page cache" ;;
        samba) echo "  samba: before reading, the file has $(cached_mb "$SAMBA_SHARE/large-$run.bin") MB in the page cache" ;;
      esac
    fi
    phase read "$server" read_large "$server" "large-$run.bin"
    echo "  $server: read $MIB MiB in $(last_seconds read "$server") s"
  done
  for server in "${ORDER[@]}"; do verify_large "$server" "large-$run.bin"; done
  echo "  sha256 of large-$run.bin read back from both servers matches what was written"
  # Samba's copy is not needed any more (Cistern keeps its blocks until garbage collection exists)
  rm -f "$SAMBA_SHARE/large-$run.bin"
  sync
  # the same bytes again, encrypted both ways (AES-128-GCM, what smbclient and both servers choose at 3.1.1);
  # Cistern's upload then finds every block stored already, which the encrypted figures do not time
  for server in "${ORDER[@]}"; do
    phase write-enc "$server" write_large_encrypted "$server" "large-enc-$run.bin"
    echo "  $server: wrote $MIB MiB encrypted in $(last_seconds write-enc "$server") s"
    settle
  done
  for server in "${ORDER[@]}"; do
    phase read-enc "$server" read_large_encrypted "$server" "large-enc-$run.bin"
    echo "  $server: read $MIB MiB encrypted in $(last_seconds read-enc "$server") s"
  done
  for server in "${ORDER[@]}"; do verify_large "$server" "large-enc-$run.bin"; done
  echo "  sha256 of large-enc-$run.bin read back from both servers matches what was written"
  rm -f "$SAMBA_SHARE/large-enc-$run.bin"
  sync
  # the metadata mix, each phase over all files on one server, then the other, in the same order
  for server in "${ORDER[@]}"; do smbc "$server" "mkdir mix-r$run"; done
  for server in "${ORDER[@]}"; do
    phase mix-create "$server" mix_create "$server" "mix-r$run"
    settle
  done
  for server in "${ORDER[@]}"; do
    phase mix-list "$server" mix_list "$server" "mix-r$run"
    verify_listing "$server" "$WORK/listing.$server" "$LISTS" ""
  done
  for server in "${ORDER[@]}"; do
    phase mix-rename "$server" mix_rename "$server" "mix-r$run"
    smbc "$server" "cd mix-r$run; ls"
    verify_listing "$server" "$WORK/out.$server" 1 r
    verify_small "$server" "mix-r$run"
  done
  echo "  listings of mix-r$run exactly the names written, then renamed; sampled small files read back equal on both servers"
  for server in "${ORDER[@]}"; do
    phase mix-remove "$server" mix_remove "$server" "mix-r$run"
    verify_empty "$server" "mix-r$run"
    smbc "$server" "rmdir mix-r$run"
    settle
  done
  for server in "${ORDER[@]}"; do
    summary=
    for name in "${MIX_PHASES[@]}"; do summary+=", $name $(last_seconds "mix-$name" "$server") s"; done
    echo "  $server: metadata mix on $FILES files: ${summary#, }; connect $(last_seconds connect "$server") s for $CONNECTS"
  done
done
LOAD_END="$(load)"

# ---- the table ----
for server in cistern samba; do
  for kind in ns cpu client; do
    # write until uploaded: smbclient put plus the settle after it, run by run
    paste "$RESULTS/write.$server.$kind" "$RESULTS/upload.$server.$kind" | awk '{ print $1 + $2 }' >"$RESULTS/durable.$server.$kind"
    # the mix in all: the sum of its phases
    paste "$RESULTS"/mix-{create,list,rename,remove}."$server.$kind" | awk '{ print $1 + $2 + $3 + $4 }' >"$RESULTS/mix.$server.$kind"
  done
done
# median and spread of one figure
stats() { sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'; }
figure_values() { # FIGURE SERVER AMOUNT: AMOUNT per second for each run
  awk -v amount="$3" '{ printf "%.6f\n", amount / ($1 / 1e9) }' "$RESULTS/$1.$2.ns"
}
LISTED=$((LISTS * FILES))
MIX_OPS=$((3 * FILES + LISTED))
printf '\n%s\n' "Cistern vs Samba $(smbd --version | sed 's/^Version //'), SMB 3.1.1 over TCP on loopback, same smbclient; medians of $RUNS runs after a warm-up"
ROW='%-62s %9s %9s %13s\n'
printf "$ROW" figure Cistern Samba Cistern/Samba
SPREADS=()
CPU_ROWS=()
for spec in "connect|connect: smbclient process, logon, tree connect, per s|$CONNECTS" \
  "write|write $MIB MiB (smbclient put), MB/s|$LARGE_BYTES/1e6" \
  "durable|the same until uploaded and synced, MB/s|$LARGE_BYTES/1e6" \
  "read|read it back (smbclient get), MB/s|$LARGE_BYTES/1e6" \
  "write-enc|write $MIB MiB encrypted (put, --client-protection=encrypt), MB/s|$LARGE_BYTES/1e6" \
  "read-enc|read it back encrypted (get), MB/s|$LARGE_BYTES/1e6" \
  "mix-create|mix: create 4 KiB files (put, $BATCH a process), files/s|$FILES" \
  "mix-list|mix: list $FILES files $LISTS times (ls), entries/s|$LISTED" \
  "mix-rename|mix: rename, files/s|$FILES" \
  "mix-remove|mix: remove (rm), files/s|$FILES" \
  "mix|metadata mix in all, ops/s|$MIX_OPS"; do
  IFS='|' read -r figure label amount_expr <<<"$spec"
  amount="$(awk "BEGIN { print $amount_expr }")"
  read -r c_med c_lo c_hi <<<"$(figure_values "$figure" cistern "$amount" | stats)"
  read -r s_med s_lo s_hi <<<"$(figure_values "$figure" samba "$amount" | stats)"
  printf "$ROW" "$label" "$(printf '%.0f' "$c_med")" "$(printf '%.0f' "$s_med")" "$(awk -v a="$c_med" -v b="$s_med" 'BEGIN { printf "%.2f", a / b }')"
  SPREADS+=("$(printf '  %-62s Cistern %.0f-%.0f, Samba %.0f-%.0f' "$label" "$c_lo" "$c_hi" "$s_lo" "$s_hi")")
  read -r cc _ <<<"$(stats <"$RESULTS/$figure.cistern.cpu")"
  read -r sc _ <<<"$(stats <"$RESULTS/$figure.samba.cpu")"
  read -r ck _ <<<"$(stats <"$RESULTS/$figure.cistern.client")"
  read -r sk _ <<<"$(stats <"$RESULTS/$figure.samba.client")"
  CPU_ROWS+=("$(printf '  %-10s server: Cistern %6.2f s, Samba %6.2f s; client: with Cistern %6.2f s, with Samba %6.2f s' "$figure" "$cc" "$sc" "$ck" "$sk")")
done
echo "runs, slowest-fastest:"
printf '%s\n' "${SPREADS[@]}"
echo "CPU seconds during one timed phase (medians; Cistern = launcher + Payara + PostgreSQL, Samba = smbd and its children):"
printf '%s\n' "${CPU_ROWS[@]}"
per_op_ms() { awk -v n="$3" '{ printf "%.6f\n", $1 / 1e6 / n }' "$RESULTS/$1.$2.ns" | stats | cut -d' ' -f1; }
cat <<NOTES
* client: smbclient -m SMB3_11 with its default signing (Samba: server signing = auto; Cistern: not
  required), no encryption but for the two encrypted figures (--client-protection=encrypt, AES-128-GCM on
  both servers); one smbclient process per -c command string. A process costs
  $(printf '%.1f' "$(per_op_ms connect cistern "$CONNECTS")") ms against Cistern, $(printf '%.1f' "$(per_op_ms connect samba "$CONNECTS")") ms against Samba (the connect figure: start, NEGOTIATE,
  SESSION_SETUP with NTLMSSP, TREE_CONNECT, pwd, LOGOFF); the mix pays it once per $BATCH commands
* metadata mix: $FILES new 4 KiB files in a directory of their own per run and server, each phase over all
  files before the next: create (put), list ($LISTS x ls in one process), rename (within the directory),
  remove (rm); each phase checked after it by a listing (exact names), a sample of the renamed files read
  back and compared byte for byte, the directory empty after rm. Median ms per op, Cistern/Samba:
  create $(printf '%.2f/%.2f' "$(per_op_ms mix-create cistern "$FILES")" "$(per_op_ms mix-create samba "$FILES")"), rename $(printf '%.2f/%.2f' "$(per_op_ms mix-rename cistern "$FILES")" "$(per_op_ms mix-rename samba "$FILES")"), remove $(printf '%.2f/%.2f' "$(per_op_ms mix-remove cistern "$FILES")" "$(per_op_ms mix-remove samba "$FILES")")
* writes: smbclient's put asks for no write-through, so neither server has been asked to have the data on
  disk when it returns: Samba has it in the page cache, Cistern in its journal. "until uploaded and synced"
  adds Cistern's upload into its block store (until its journal is empty) and a sync for both
* reads follow the upload and a sync: Samba reads the file from the page cache; Cistern reads its block
  files (in the page cache too) through its block cache, checking each block
* load average: start $LOAD_START, end $LOAD_END ($(nproc) cores)
* client: $(dpkg-query -W -f '${Package} ${Version}' smbclient); servers: $(dpkg-query -W -f '${Package} ${Version}' samba), Cistern $SMB_BENCH_LABEL, $("$JAVA" -version 2>&1 | head -1)
* took $(($(date +%s) - SMB_BENCH_STARTED)) s in all (install and build checks, data, server starts, runs)
NOTES

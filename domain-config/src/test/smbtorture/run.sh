#!/usr/bin/env bash
# smbtorture (Debian package samba-testsuite) on a list of suites against one SMB server; prints, per suite, the
# subtests that passed, failed and were skipped, and the total.
#
# Usage: domain-config/src/test/smbtorture/run.sh cistern|samba|//HOST/SHARE [SUITE ...]
#   cistern       builds if a source changed (./cistern build), starts Cistern with a fresh data directory under
#                 the output directory and the usual CISTERN_* settings from the environment (CISTERN_SMB_PORT,
#                 CISTERN_NFS_PORT, CISTERN_HTTP_PORT: choose free ones), runs the suites as admin, stops it; without
#                 an NLM grace period unless CISTERN_NLM_GRACE_SECONDS says otherwise, as SmbtortureIT's server runs
#                 (the grace period refuses every new lock for 45 s after a start, smb2.lock's first subtests too)
#   samba         Debian's smbd (package samba, as root) in network, mount and pid namespaces of its own, on a
#                 share in the output directory, the way bench/smb/run.sh runs it; the reference figures
#   //HOST/SHARE  a server already running: SMBTORTURE_PORT (default 445), SMBTORTURE_USER (admin),
#                 SMBTORTURE_PASSWORD
#   SUITE ...     default: the suites in suites.txt next to this script
# SMBTORTURE_OUT (default domain-config/target/smbtorture/<target>) keeps each suite's smbtorture output
# (<suite>.out) and the outcome of every subtest (outcomes.txt: "<outcome> <subtest>");
# SMBTORTURE_SUITE_TIMEOUT (default 600) seconds a suite may run before it is stopped and its unfinished subtest
# counts as failed.
#
# Counting: smbtorture's subunit output says "success:", "failure:", "error:" or "skip:" for each subtest; failure
# and error count as failed, and so does a subtest that started and never ended (smbtorture died or timed out).
# The exit status is 0 whatever the counts: this is a report, the CI assertion is SmbtortureIT.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
TARGET="${1:?usage: $0 cistern|samba|//HOST/SHARE [SUITE ...]}"
shift
SUITES=("$@")
if [ "${#SUITES[@]}" -eq 0 ]; then
  mapfile -t SUITES < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$HERE/suites.txt")
fi
SUITE_TIMEOUT="${SMBTORTURE_SUITE_TIMEOUT:-600}"
command -v smbtorture >/dev/null || { echo "smbtorture is missing: apt-get install samba-testsuite" >&2; exit 1; }

# torture SHARE PORT USER PASSWORD: runs every suite, writes $OUT/<suite>.out and $OUT/outcomes.txt, prints the table
torture() {
  local share="$1" port="$2" user="$3" password="$4" suite started seconds
  local total_pass=0 total_fail=0 total_skip=0
  : >"$OUT/outcomes.txt"
  # the credentials in a file, not on a command line every local user can read
  (umask 077 && printf 'username = %s\npassword = %s\n' "$user" "$password" >"$OUT/auth")
  printf '%-28s %7s %7s %8s %8s\n' suite passed failed skipped seconds
  for suite in "${SUITES[@]}"; do
    started="$(date +%s)"
    timeout --kill-after=10 "$SUITE_TIMEOUT" smbtorture "$share" -p "$port" -A "$OUT/auth" --format=subunit \
      --fullname "$suite" >"$OUT/$suite.out" 2>&1 </dev/null || true
    seconds=$(($(date +%s) - started))
    # a subtest's name is the rest of its line (some have spaces), without the " [" that opens a reason; a subtest
    # that started and has no outcome line is unfinished
    awk '
      function subtest(line) { sub(/^[a-z]+: /, "", line); sub(/ ?\[$/, "", line); return line }
      /^test: / { name = subtest($0); pending[name] = 1; order[++n] = name; next }
      /^(success|failure|error|skip|xfail|uxsuccess): / {
        outcome = $1; sub(":", "", outcome); name = subtest($0)
        if (outcome == "error" || outcome == "uxsuccess") outcome = "failure"
        if (outcome == "xfail") outcome = "success"
        if (name in pending) { delete pending[name]; print outcome, name }
      }
      END { for (i = 1; i <= n; i++) if (order[i] in pending) { print "failure", order[i] " (unfinished)"; delete pending[order[i]] } }
    ' "$OUT/$suite.out" >"$OUT/$suite.outcomes"
    local pass fail skip
    pass=$(grep -c '^success ' "$OUT/$suite.outcomes" || true)
    fail=$(grep -c '^failure ' "$OUT/$suite.outcomes" || true)
    skip=$(grep -c '^skip ' "$OUT/$suite.outcomes" || true)
    cat "$OUT/$suite.outcomes" >>"$OUT/outcomes.txt" && rm "$OUT/$suite.outcomes"
    total_pass=$((total_pass + pass)) total_fail=$((total_fail + fail)) total_skip=$((total_skip + skip))
    printf '%-28s %7d %7d %8d %8d\n' "$suite" "$pass" "$fail" "$skip" "$seconds"
  done
  printf '%-28s %7d %7d %8d\n' total "$total_pass" "$total_fail" "$total_skip"
  rm -f "$OUT/auth"
}

stop_pid() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

run_cistern() {
  "$ROOT/cistern" build >/dev/null 2>&1 || { echo "the build failed: run ./cistern build" >&2; exit 1; }
  local data="$OUT/cistern-data" password="torture-$RANDOM$RANDOM" pid
  rm -rf "$data"
  CISTERN_DATA_DIR="$data" CISTERN_ADMIN_PASSWORD="$password" CISTERN_NLM_GRACE_SECONDS="${CISTERN_NLM_GRACE_SECONDS:-0}" \
    "$ROOT/cistern" run >"$OUT/cistern.log" 2>&1 &
  pid=$!
  trap 'stop_pid '"$pid" EXIT
  for _ in $(seq 1 600); do
    grep -q "Cistern ready" "$OUT/cistern.log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$OUT/cistern.log" >&2; echo "Cistern exited" >&2; exit 1; }
    sleep 0.5
  done
  grep -q "Cistern ready" "$OUT/cistern.log" || { cat "$OUT/cistern.log" >&2; exit 1; }
  echo "Cistern $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?'), smbtorture $(smbtorture --version 2>/dev/null | head -1)"
  torture //127.0.0.1/data "${CISTERN_SMB_PORT:-12445}" admin "$password"
}

# Samba's smbd in namespaces of its own (see bench/smb/run.sh for why each one): its own loopback, tmpfs over the
# machine's Samba state, a private passwd and group with the account its passdb needs
run_samba() {
  if [ -z "${SMBTORTURE_IN_NAMESPACE:-}" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "the samba target needs root (namespaces, smbd)" >&2; exit 1; }
    command -v smbd >/dev/null || { echo "smbd is missing: apt-get install samba" >&2; exit 1; }
    exec unshare --net --mount --propagation private --pid --fork --mount-proc --kill-child=TERM -- \
      env SMBTORTURE_IN_NAMESPACE=1 SMBTORTURE_OUT="$OUT" bash "$0" samba "${SUITES[@]}"
  fi
  ip link set lo up
  local dir
  for dir in /run /etc/samba /var/lib/samba /var/cache/samba /var/log/samba; do
    if [ -d "$dir" ]; then mount -t tmpfs -o mode=0755 smbtorture "$dir"; fi
  done
  local samba="$OUT/samba" share="$OUT/samba-share" port=14451 user=torture uid=64124 password="torture-$RANDOM$RANDOM"
  rm -rf "$samba" "$share"
  mkdir -p "$samba"/{private,lock,state,cache,run,ncalrpc,bind-dns,usershares} "$share"
  chmod 0700 "$samba/private"
  chmod 0711 "$OUT"
  cp /etc/passwd "$samba/passwd" && cp /etc/group "$samba/group"
  echo "$user:x:$uid:$uid:smbtorture:/nonexistent:/usr/sbin/nologin" >>"$samba/passwd"
  echo "$user:x:$uid:" >>"$samba/group"
  mount --bind "$samba/passwd" /etc/passwd
  mount --bind "$samba/group" /etc/group
  chown "$uid:$uid" "$share"
  cat >"$samba/smb.conf" <<CONF
[global]
  server role = standalone server
  workgroup = TORTURE
  netbios name = SMBTORTURE
  disable netbios = yes
  smb ports = $port
  interfaces = lo
  bind interfaces only = yes
  private dir = $samba/private
  lock directory = $samba/lock
  state directory = $samba/state
  cache directory = $samba/cache
  pid directory = $samba/run
  ncalrpc dir = $samba/ncalrpc
  binddns dir = $samba/bind-dns
  usershare path = $samba/usershares
  log file = $samba/log.%m
  passdb backend = tdbsam:$samba/private/passdb.tdb
  map to guest = never
  server min protocol = SMB2_02
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes

[data]
  path = $share
  read only = no
  valid users = $user
CONF
  printf '%s\n%s\n' "$password" "$password" | smbpasswd -c "$samba/smb.conf" -s -a "$user" >"$samba/smbpasswd.log" 2>&1 ||
    { cat "$samba/smbpasswd.log" >&2; exit 1; }
  smbd --foreground --debug-stdout -d 1 -s "$samba/smb.conf" >"$OUT/samba.log" 2>&1 &
  local pid=$!
  trap 'stop_pid '"$pid" EXIT
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$OUT/samba.log" >&2; echo "smbd exited" >&2; exit 1; }
    sleep 0.1
  done
  echo "Samba $(smbd --version), smbtorture $(smbtorture --version 2>/dev/null | head -1)"
  torture //127.0.0.1/data "$port" "$user" "$password"
}

case "$TARGET" in
  cistern | samba) OUT="${SMBTORTURE_OUT:-$ROOT/domain-config/target/smbtorture/$TARGET}" ;;
  //*) OUT="${SMBTORTURE_OUT:-$ROOT/domain-config/target/smbtorture/server}" ;;
  *) echo "usage: $0 cistern|samba|//HOST/SHARE [SUITE ...]" >&2; exit 2 ;;
esac
mkdir -p "$OUT"
case "$TARGET" in
  cistern) run_cistern ;;
  samba) run_samba ;;
  *) torture "$TARGET" "${SMBTORTURE_PORT:-445}" "${SMBTORTURE_USER:-admin}" "${SMBTORTURE_PASSWORD:?SMBTORTURE_PASSWORD}" ;;
esac

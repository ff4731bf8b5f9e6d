#!/usr/bin/env bash
# Audit throughput on the filesystem store against sha256sum over the same block files.
#
#   bench/audit/run.sh [blocks]     (default 256 blocks of 4 MiB: 1 GiB)
#
# Starts Cistern (the launcher, on free loopback ports, in a fresh data directory) with the audit's rate limit
# lifted (CISTERN_AUDIT_MB_PER_SECOND and the run's mbPerSecond), writes one file of N distinct 4 MiB blocks with
# smbclient, waits until every block is in data/blocks, starts the audit through the admin API and waits for it,
# then times `sha256sum` over the same block files. Both read warm files (just written, in the page cache): the
# figure compares hashing and the audit's own costs, not the disk. The audit's rate is its stored-blocks step
# (read back every block and hash it, look it up in the index): bytes read over the step's time, from the API.
set -euo pipefail
BLOCKS="${1:-256}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
DATA="$WORK/data"
PASSWORD="bench-audit-1"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT="$(free_port)"; SMB_PORT="$(free_port)"; NFS_PORT="$(free_port)"
API="http://127.0.0.1:$HTTP_PORT/api/v1"
LAUNCHER_PID=""
cleanup() {
  if [ -n "$LAUNCHER_PID" ] && kill -0 "$LAUNCHER_PID" 2>/dev/null; then
    kill -TERM "$LAUNCHER_PID"; wait "$LAUNCHER_PID" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
now() { date +%s.%N; }

"$ROOT/cistern" build >/dev/null
CISTERN_DATA_DIR="$DATA" CISTERN_ADMIN_PASSWORD="$PASSWORD" CISTERN_HTTP_PORT="$HTTP_PORT" \
  CISTERN_SMB_PORT="$SMB_PORT" CISTERN_SMB_BIND=127.0.0.1 CISTERN_NFS_PORT="$NFS_PORT" CISTERN_NFS_BIND=127.0.0.1 \
  CISTERN_AUDIT_MB_PER_SECOND=8192 "$ROOT/cistern" run >"$WORK/launcher.out" 2>&1 &
LAUNCHER_PID=$!
for _ in $(seq 1 600); do grep -q "Cistern ready" "$WORK/launcher.out" && break; sleep 0.5; done
grep -q "Cistern ready" "$WORK/launcher.out" || { cat "$WORK/launcher.out"; exit 1; }

head -c $((BLOCKS * 4 * 1024 * 1024)) /dev/urandom >"$WORK/blocks.bin"
smbclient "//127.0.0.1/data" -p "$SMB_PORT" -U "admin%$PASSWORD" -m SMB3_11 -c "put $WORK/blocks.bin blocks.bin" >/dev/null 2>&1
rm "$WORK/blocks.bin"
block_files() { find "$DATA/blocks" -type f -regextype posix-extended -regex '.*/[0-9a-f]{64}'; }
for _ in $(seq 1 1200); do [ "$(block_files | wc -l)" -ge "$BLOCKS" ] && break; sleep 0.5; done
[ "$(block_files | wc -l)" -ge "$BLOCKS" ] || { echo "the upload did not store $BLOCKS blocks"; exit 1; }

TOKEN="$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
  "$API/auth/login" | jq -r .accessToken)"
ID="$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"parameters":{"mbPerSecond":"8192"}}' "$API/jobs/audit/executions" | jq -r .id)"
for _ in $(seq 1 3600); do
  EXECUTION="$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/jobs/audit/executions/$ID")"
  STATUS="$(jq -r .status <<<"$EXECUTION")"
  case "$STATUS" in COMPLETED|FAILED|STOPPED|ABANDONED) break ;; esac
  sleep 0.5
done
[ "$STATUS" = COMPLETED ] || { echo "audit execution $ID ended $STATUS"; jq . <<<"$EXECUTION"; exit 1; }
FINDINGS="$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/jobs/audit/findings?execution=$ID" | jq length)"
AUDIT_BYTES="$(jq -r '.steps[] | select(.name == "audit-stored-blocks") | .bytesDone' <<<"$EXECUTION")"
STEP_MS="$(jq -r '.steps[] | select(.name == "audit-stored-blocks") | [.startedAt, .endedAt] | @tsv' <<<"$EXECUTION" \
  | python3 -c 'import sys, datetime as d
s, e = sys.stdin.read().split()
p = lambda t: d.datetime.fromisoformat(t.replace("Z", "+00:00"))
print(int((p(e) - p(s)).total_seconds() * 1000))')"

START="$(now)"
block_files | xargs sha256sum >/dev/null
SHA_SECONDS="$(echo "$(now) - $START" | bc -l)"
SHA_BYTES="$(block_files | xargs stat -c %s | paste -sd+ | bc)"

python3 - "$BLOCKS" "$AUDIT_BYTES" "$STEP_MS" "$SHA_BYTES" "$SHA_SECONDS" "$FINDINGS" <<'PY'
import sys
blocks, audit_bytes, step_ms, sha_bytes, sha_s, findings = sys.argv[1:]
audit = int(audit_bytes) / 1e6 / (int(step_ms) / 1000)
sha = int(sha_bytes) / 1e6 / float(sha_s)
print(f"blocks: {blocks} of 4 MiB ({int(audit_bytes) / 2**20:.0f} MiB audited, {findings} findings)")
print(f"audit (stored-blocks step): {audit:.0f} MB/s ({int(step_ms) / 1000:.2f} s)")
print(f"sha256sum over the block files: {sha:.0f} MB/s ({float(sha_s):.2f} s)")
print(f"ratio audit/sha256sum: {audit / sha:.2f}")
PY

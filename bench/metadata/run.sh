#!/usr/bin/env bash
# MetadataService operations per second, in-process inside Payara Micro on the embedded PostgreSQL 18
# (fsync on). Usage: bench/metadata/run.sh [seconds per measurement, default 5]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
./mvnw -q -B -DskipTests install
./mvnw -q -B -f bench/metadata/pom.xml verify -Dbench.seconds="${1:-5}"
echo "MetadataService in-process, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ):"
cat bench/metadata/target/metadata-bench.txt

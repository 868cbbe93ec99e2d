#!/usr/bin/env bash
# One fuzz target for a bounded time, one job: bash fuzz/run.sh TARGET SECONDS
set -euo pipefail
cd "$(dirname "$0")"
t=$1; secs=${2:-600}
mkdir -p corpus-work/$t
exec cargo +nightly fuzz run "$t" corpus-work/$t corpus/$t -- \
  -jobs=1 -workers=1 -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1

#!/usr/bin/env bash
# Usage: fuzz/run-all.sh <target>... (README, "Fuzzing"). One libFuzzer process at a time,
# niced: 10 million executions or 30 minutes per target; seeds/ and the dictionaries in.
set -u
cd "$(dirname "$0")"
mkdir -p logs
for t in "$@"; do
  dict=""
  case $t in
    xml_push|envelope_open) dict="-dict=../dicts/xml.dict" ;;
    backend_reply) dict="-dict=../dicts/reply.dict" ;;
    signed_query) dict="-dict=../dicts/query.dict" ;;
  esac
  mkdir -p corpus/$t
  start=$(date +%s)
  (cd logs && nice -n 10 cargo +nightly fuzz run --fuzz-dir .. -s none -a "$t" "../corpus/$t" "../seeds/$t" -- \
      -jobs=1 -workers=1 -runs=10000000 -max_total_time=1800 -print_final_stats=1 $dict \
      > "run-$t.out" 2>&1)
  echo "$t rc=$? seconds=$(( $(date +%s) - start ))" >> logs/summary.txt
  cp logs/fuzz-0.log "logs/run-$t.log"
done

#!/bin/bash
# The whole suite, normal then sanitized; the last line is the combined count.
set -o pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# the builds in parallel (the tests themselves run one after another); at
# most 8 jobs, for a container whose nproc counts the host's cores
jobs=$(nproc 2> /dev/null || echo 2)
[ "$jobs" -gt 8 ] && jobs=8
make -s -j"$jobs" test 2>&1 | tee -a "$log" || status=1
make -s -j"$jobs" check 2>&1 | tee -a "$log" || status=1
p=$(sed -n 's/^.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
f=$(sed -n 's/^.*: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
[ "$status" -ne 0 ] && [ "$f" -eq 0 ] && f=1
echo "$p passed, $f failed"
exit $status

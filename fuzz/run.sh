#!/bin/sh
# fuzz/run.sh TARGET SECONDS [BUILD_DIR [OUT_DIR]]: runs BUILD_DIR/fuzz_TARGET
# (default build-fuzz) for SECONDS over the seed corpus fuzz/corpus/TARGET;
# new inputs go to OUT_DIR/corpus/TARGET, crashes to OUT_DIR/crash-TARGET-*,
# the log to OUT_DIR/logs/TARGET.log (OUT_DIR defaults to BUILD_DIR). Prints
# one line: target, seconds, executions, coverage, corpus size, result.
# Exit status 0 iff no crash, leak, timeout or sanitizer report.
t=$1
secs=$2
here=$(cd "$(dirname "$0")" && pwd)
B=$(cd "${3:-$here/../build-fuzz}" && pwd)
O=$(mkdir -p "${4:-$B}" && cd "${4:-$B}" && pwd)
mkdir -p "$O/corpus/$t" "$O/logs"
log=$O/logs/$t.log
# a failed allocation is a result the code must handle (allocator_may_return_null)
ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1:detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"$B/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -close_fd_mask=3 \
    -dict="$here/dict/$t.dict" -artifact_prefix="$O/crash-$t-" -print_final_stats=1 \
    "$O/corpus/$t" "$here/corpus/$t" > "$log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
done_line=$(grep -a 'DONE' "$log" | tail -n 1)
cov=$(echo "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
ft=$(echo "$done_line" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
corp=$(echo "$done_line" | sed -n 's/.*corp: \([^ ]*\).*/\1/p')
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
if [ $rc -eq 0 ]; then res=ok; else res="FAILED (rc $rc, see $log)"; fi
printf 'fuzz_%-9s %5s s %10s execs %6s/s cov %5s ft %5s corpus %-12s %s\n' "$t" "$secs" \
    "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$res"
[ $rc -eq 0 ]

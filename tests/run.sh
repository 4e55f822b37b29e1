#!/bin/sh
# Runs each test program given, prints a line per program and, last,
# "N passed, N failed" (the summary CI reads). Exit status: 0 iff none failed.
pass=0
fail=0
# LeakSanitizer: system libraries' process-lifetime caches are not ours
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
for t in "$@"; do
    name=$(basename "$t")
    start=$(date +%s)
    if out=$("$t" 2>&1); then
        pass=$((pass + 1))
        echo "PASS $name ($(($(date +%s) - start)) s)"
    else
        fail=$((fail + 1))
        echo "FAIL $name"
        echo "$out" | tail -n 40 | sed 's/^/    /'
    fi
done
echo "${BUILD:-build}: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

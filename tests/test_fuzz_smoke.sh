#!/bin/sh
# Builds the libFuzzer targets (fuzz/, clang with ASan+UBSan, into
# build-fuzz/) and runs each for a few seconds (FUZZ_SMOKE_SECONDS, default
# 4; two at a time) over its seed corpus: no crash, leak, timeout or
# sanitizer report. Skips, saying so, without clang and libFuzzer, and in a
# sanitized pass (BUILD containing "san": the targets carry their own
# sanitizers and ran in the normal pass). Prints "N passed, N failed" last.
B=${BUILD:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
skip() {
    echo "skipped: $*"
    echo "0 passed, 0 failed"
    exit 0
}
case "$B" in *san*) skip "$B is the sanitized pass; the fuzz targets ran in the normal one" ;; esac
command -v clang > /dev/null 2>&1 || skip "clang is not installed (apt-get install clang libclang-rt-14-dev)"
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' > "$probe/p.c"
clang -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" > /dev/null 2>&1 ||
    skip "clang cannot link libFuzzer with ASan (apt-get install libclang-rt-14-dev)"
secs=${FUZZ_SMOKE_SECONDS:-4}
if ! make -s -C "$root/fuzz" -j2 all > "$probe/build.log" 2>&1; then
    tail -n 30 "$probe/build.log"
    echo "0 passed, 1 failed"
    exit 1
fi
targets=$(sed -n 's/^TARGETS := //p' "$root/fuzz/Makefile")
# shellcheck disable=SC2086
printf '%s\n' $targets | xargs -P 2 -I{} sh "$root/fuzz/run.sh" {} "$secs" "$root/build-fuzz" "$probe/out" > "$probe/runs" 2>&1
cat "$probe/runs"
pass=$(grep -c ' ok$' "$probe/runs")
fail=$(grep -c 'FAILED' "$probe/runs")
n=$(printf '%s\n' $targets | wc -l)
[ $((pass + fail)) -eq "$n" ] || fail=$((n - pass))
# what failed, with the input that did it
for log in $(grep -l 'ERROR\|runtime error\|fuzz:' "$probe"/out/logs/*.log 2> /dev/null); do
    grep -a -m 5 -A 20 'ERROR\|runtime error\|fuzz:' "$log"
    for c in "$probe"/out/crash-*; do
        [ -e "$c" ] && cp "$c" "$root/build-fuzz/" && echo "input kept: build-fuzz/$(basename "$c")"
    done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

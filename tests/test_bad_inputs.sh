#!/bin/sh
# Every malformed input of tests/bad/MANIFEST through the actlab tool: a
# non-zero exit status (and no crash), exactly one line on stderr holding the
# expected message, no file left in the output directory ($TMP) and nothing
# written into tests/bad/. Prints "N passed, N failed" last.
B=${BUILD:-build}
A=$(cd "$B" && pwd)/actlab
BAD=$(cd "$(dirname "$0")/bad" && pwd)
# ASan's allocator aborts on a request it cannot serve; malloc returns NULL,
# which is what the code handles (the 10^12-parameter network case)
export ASAN_OPTIONS="allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
touch "$work/start"
pass=0
fail=0
n=0
while IFS= read -r line; do
    case "$line" in '' | '#'*) continue ;; esac
    n=$((n + 1))
    cmd=${line%% | *}
    want=${line#* | }
    in=/dev/null
    case "$cmd" in
    '<'*)
        in=${cmd%% *}
        in=${in#<}
        cmd=${cmd#* }
        ;;
    esac
    TMP=$work/out
    rm -rf "$TMP"
    mkdir "$TMP"
    eval "in=$in"
    eval "set -- $cmd"
    "$A" "$@" < "$in" > "$work/stdout" 2> "$work/raw"
    rc=$?
    # ASan's own note that an allocation failed is not actlab's output
    grep -v '^==[0-9]*==WARNING: AddressSanitizer failed to allocate' "$work/raw" > "$work/stderr"
    why=
    lines=$(wc -l < "$work/stderr")
    if [ "$rc" -eq 0 ]; then
        why="exit status 0"
    elif [ "$rc" -gt 2 ]; then
        why="exit status $rc (a crash?)"
    elif [ "$lines" -ne 1 ] || [ -n "$(tail -c 1 "$work/stderr")" ]; then
        why="stderr has $lines lines, want exactly one"
    elif ! grep -qF -- "$want" "$work/stderr"; then
        why="stderr lacks the expected text"
    elif [ -n "$(ls -A "$TMP")" ]; then
        why="files left behind: $(ls -A "$TMP" | tr '\n' ' ')"
    fi
    if [ -z "$why" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL case $n: $why"
        echo "    actlab $cmd"
        echo "    want: $want"
        sed 's/^/    got:  /' "$work/stderr" | head -n 5
    fi
done < "$BAD/MANIFEST"
# nothing may write into the corpus (a checkpoint's temporary file, say)
new=$(find "$BAD" -newer "$work/start" -type f | head -n 3)
if [ -n "$new" ]; then
    fail=$((fail + 1))
    echo "FAIL: files written into tests/bad: $new"
else
    pass=$((pass + 1))
fi
echo "test_bad_inputs: $n cases"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

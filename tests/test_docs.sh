#!/bin/sh
# The README's catalog table is the one the library generates (make docs).
set -e
B=${BUILD:-build}
want=$(mktemp)
have=$(mktemp)
trap 'rm -f "$want" "$have"' EXIT
"$B/actlab" list --markdown > "$want"
sed -n '/<!-- catalog:begin -->/,/<!-- catalog:end -->/p' README.md | sed '1d;$d' > "$have"
if ! cmp -s "$want" "$have"; then
    echo "README.md's catalog table is out of date: run make docs" >&2
    diff "$want" "$have" | head -20 >&2
    echo "0 passed, 1 failed"
    exit 1
fi
echo "1 passed, 0 failed"

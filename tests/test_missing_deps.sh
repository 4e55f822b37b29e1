#!/bin/sh
# A machine without OpenBLAS's or cairo's development package: the build of
# the trainer's and the tool's objects stops with one line naming the Debian
# package to install, and the catalog (libm only) still builds. pkg-config
# is replaced by `false`, which finds nothing.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
expect_stop() { # object, package
    if make -s BUILD="$tmp" PKG_CONFIG=false "$tmp/$1" > "$tmp/log" 2>&1; then
        echo "FAIL: $1 built without pkg-config finding its package"; fail=$((fail + 1))
    elif grep -q "install $2 (README.md, command 1)" "$tmp/log"; then
        pass=$((pass + 1))
    else
        echo "FAIL: $1: no line naming $2:"; cat "$tmp/log"; fail=$((fail + 1))
    fi
}
expect_stop src/train/net.o libopenblas-dev
expect_stop src/plot/plot.o libcairo2-dev
expect_stop src/report/report.o libcairo2-dev
if make -s BUILD="$tmp" PKG_CONFIG=false "$tmp/src/catalog/fn_relu.o" > "$tmp/log" 2>&1; then
    pass=$((pass + 1))
else
    echo "FAIL: the catalog did not build without pkg-config's packages:"; cat "$tmp/log"
    fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

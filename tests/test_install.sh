#!/bin/sh
# make install into a DESTDIR, then build and run the README's C example
# against it through pkg-config.
set -e
B=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SANFLAGS=
case "$B" in *san*) SANFLAGS="-fsanitize=address,undefined" ;; esac
make -s install BUILD="$B" DESTDIR="$tmp" PREFIX=/usr/local > "$tmp/install.log" 2>&1 || {
    cat "$tmp/install.log"; echo "0 passed, 1 failed"; exit 1; }
for f in include/actlab.h include/actlab_train.h include/actlab/list.def lib/libactlab.a \
         lib/libactlab.so lib/libactlab_train.so lib/pkgconfig/actlab.pc bin/actlab; do
    [ -e "$tmp/usr/local/$f" ] || { echo "missing after install: $f"; echo "0 passed, 1 failed"; exit 1; }
done
sed -n '/^```c$/,/^```$/p' README.md | sed '1d;$d' > "$tmp/example.c"
flags=$(PKG_CONFIG_PATH="$tmp/usr/local/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$tmp" pkg-config --cflags --libs actlab)
cc -std=c11 -Wall -Wextra -Werror $SANFLAGS "$tmp/example.c" $flags -lm -o "$tmp/example"
out=$(LD_LIBRARY_PATH="$tmp/usr/local/lib" "$tmp/example")
echo "$out"
echo "$out" | grep -q "f(-2) = -0.432332, f'(-2) = 0.0676676" || { echo "unexpected output"; echo "0 passed, 1 failed"; exit 1; }
# the installed tool runs
LD_LIBRARY_PATH="$tmp/usr/local/lib" "$tmp/usr/local/bin/actlab" eval relu 1 > /dev/null
echo "1 passed, 0 failed"

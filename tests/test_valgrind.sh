#!/bin/sh
# The command line's happy paths (and a few error paths, where leaks hide)
# under valgrind --leak-check=full: no invalid access, no uninitialised
# value used, no leak. Skips, saying so, when valgrind is missing or the
# build is sanitized (BUILD containing "san": ASan and valgrind exclude each
# other). Fontconfig's own caches (cairo's font lookup for --plot) are
# suppressed; nothing of actlab's is. Prints "N passed, N failed" last.
B=${BUILD:-build}
case "$B" in
*san*)
    echo "skipped: $B is a sanitized build (valgrind cannot run ASan binaries)"
    echo "0 passed, 0 failed"
    exit 0
    ;;
esac
if ! command -v valgrind > /dev/null 2>&1; then
    echo "skipped: valgrind is not installed (apt-get install valgrind)"
    echo "0 passed, 0 failed"
    exit 0
fi
A=$(cd "$B" && pwd)/actlab
BAD=$(cd "$(dirname "$0")/bad" && pwd)
export OPENBLAS_NUM_THREADS=1 # no BLAS thread pool to wait for at exit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/supp" << 'SUPP'
{
   fontconfig-caches
   Memcheck:Leak
   match-leak-kinds: definite,indirect,possible
   ...
   obj:*/libfontconfig.so*
}
SUPP
V="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --suppressions=$work/supp"
pass=0
fail=0
# run WANT_STATUS STDIN ARGS...: valgrind finds nothing and actlab exits WANT_STATUS
run() {
    want=$1
    in=$2
    shift 2
    # shellcheck disable=SC2086
    $V "$A" "$@" < "$in" > "$work/out" 2> "$work/err"
    rc=$?
    if [ "$rc" -eq "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL (exit $rc, want $want): actlab $*"
        grep -v '^actlab' "$work/err" | head -n 30 | sed 's/^/    /'
    fi
}
D='xor(n=100)'
run 0 /dev/null list
run 0 /dev/null show 'elu(alpha=0.5)'
run 0 /dev/null show gelu --plot "$work/gelu.png" --range -4:4
run 0 /dev/null eval sigmoid -100 0 inf nan 1e-40
run 0 /dev/null eval tanh --double 0.5
run 0 /dev/null train --quiet --net '2-8:tanh:dropout(p=0.1)-8:prelu-2' --data "$D" --epochs 2 \
    --opt 'adam(lr=0.01)' --save "$work/m.ckpt" --log "$work/log.csv" --instrument 5
run 0 /dev/null train --quiet --net '2-8:tanh:dropout(p=0.1)-8:prelu-2' --data "$D" --epochs 3 \
    --opt 'adam(lr=0.01)' --resume "$work/m.ckpt" --save "$work/m.ckpt"
run 0 /dev/null evaluate --model "$work/m.ckpt" --data "$D"
printf '0.1,0.2\n-1,1\n' > "$work/in.csv"
run 0 "$work/in.csv" predict --model "$work/m.ckpt"
run 0 /dev/null train --quiet --net 1-8:tanh-1 --data 'regress(n=100)' --epochs 2 --save "$work/r.ckpt"
# error paths
run 1 /dev/null eval tanhh 1
run 1 /dev/null evaluate --model "$BAD/ckpt/spec_other.ckpt" --data "$D"
run 1 /dev/null train --quiet --net 2-2 --data "csv:$BAD/csv/ragged.csv"
run 1 /dev/null train --quiet --net 4-2 --data "mnist-dir:$BAD/idx/label_count"
run 1 /dev/null train --quiet --net 1-8:relu-1 --data 'regress(n=200)' --opt 'sgd(lr=1e10)' --save "$work/n.ckpt"
run 1 "$BAD/stdin/second_line.csv" predict --model "$work/m.ckpt"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# Training speed, actlab against PyTorch, in one run: 784-1000-1000-1000-10
# tanh, softmax cross-entropy, plain SGD, minibatch 10 and 128, 1 and 2
# threads. Samples per second (median of 5); CSV in bench/out/train.csv, with
# the 1-minute load average before each pair of runs (the machine may be shared).
# usage: bench/run_train.sh [BUILD_DIR]    (make bench)
set -e
B=${1:-build}
# Both libraries use the same OpenBLAS, and its kernels follow
# OPENBLAS_CORETYPE when it is set: a sandbox here sets Haswell (AVX2 kernels),
# while 0.3.21 by itself picks Cooperlake (AVX-512) on this Zen 5 CPU. The
# issue's reference figures were OpenBLAS's own choice, so the pairs run
# with it unset ("auto"), and once more with the caller's setting if there
# is one; the coretype column says which.
mkdir -p bench/out
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Iinclude $(pkg-config --cflags openblas) \
   bench/train_bench.c "$B/libactlab_train.a" "$B/libactlab.a" $(pkg-config --libs openblas) \
   -lz -lm -lpthread -o "$B/train_bench"
out=bench/out/train.csv
echo "coretype,threads,batch,actlab_samples_per_s,torch_samples_per_s,ratio,load" > "$out"
printf "%-9s %-8s %-6s %14s %14s %7s %6s\n" coretype threads batch actlab torch ratio load
have_torch=0
/usr/bin/python3 -c "import torch" 2>/dev/null && have_torch=1
for ct in auto ${OPENBLAS_CORETYPE:-}; do
    if [ "$ct" = auto ]; then run="env -u OPENBLAS_CORETYPE"; else run="env OPENBLAS_CORETYPE=$ct"; fi
    for t in 1 2; do
        for b in 10 128; do
            l=$(cut -d' ' -f1 /proc/loadavg)
            a=$($run "$B/train_bench" --threads $t --batch $b | cut -d, -f4)
            if [ $have_torch = 1 ]; then
                p=$($run /usr/bin/python3 bench/torch_train.py $t $b | cut -d, -f4)
                r=$(awk -v a="$a" -v p="$p" 'BEGIN { printf "%.2f", a / p }')
            else
                p="n/a"; r="n/a"
            fi
            printf "%-9s %-8s %-6s %14s %14s %7s %6s\n" "$ct" $t $b "$a" "$p" "$r" "$l"
            echo "$ct,$t,$b,$a,$p,$r,$l" >> "$out"
        done
    done
done
echo "(samples/s, median of 5; PyTorch: Debian python3-torch run with /usr/bin/python3, OPENBLAS_NUM_THREADS = threads; $out)"

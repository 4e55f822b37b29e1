#!/bin/sh
# Faults: the model survives them, or the error is clear.
#   1. kill -9 at random moments of training with --save-every: the last
#      checkpoint always loads (actlab evaluate), --resume finishes the run,
#      and the result equals an uninterrupted run's checkpoint, byte for byte
#      (FAULT_TRIALS, default 20);
#   2. a full file system while saving (a small tmpfs when mount works, and
#      always an injected failure: an LD_PRELOAD shim that fails write() with
#      ENOSPC after N bytes, or fsync() with EIO): the error names the file,
#      the previous checkpoint stays intact and no temporary file is left;
#   3. an output directory that cannot be written (missing, a file, a
#      read-only mount): a one-line error before training starts;
#   4. NaN during training (a learning rate of 1e10): training stops naming
#      the layer and the update; the last good checkpoint loads and resuming
#      stops again at the same update.
# Prints "N passed, N failed" last.
B=${BUILD:-build}
A=$(cd "$B" && pwd)/actlab
export ASAN_OPTIONS="allocator_may_return_null=1:verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
TRIALS=${FAULT_TRIALS:-20}
work=$(mktemp -d)
mnt=
cleanup() {
    [ -n "$mnt" ] && umount "$mnt" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
    fail=$((fail + 1))
    echo "FAIL: $*"
}
# one line on stderr ($1) holding $2
one_line() {
    [ "$(wc -l < "$1")" -eq 1 ] && grep -qF -- "$2" "$1"
}
rand() { # 0 .. $1-1
    echo $(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1))
}

NET=2-16:tanh-16:tanh-2
DATA='circles(n=400,noise=0.1)'
U=2000 # updates: a run that saves every 5 takes a second or more (fsync)
TRAIN="--net $NET --data $DATA --batch 8 --seed 3 --opt sgd(lr=0.1,momentum=0.9) --quiet"

ms() { echo $(($(date +%s%N) / 1000000)); }

# ---- 1. kill -9 ------------------------------------------------------------------
# the uninterrupted run, saving as the killed ones do: its duration T sets
# the window for the kills, [0, T/2) after the first checkpoint appears
t0=$(ms)
# shellcheck disable=SC2086
"$A" train $TRAIN --updates $U --save "$work/ref.ckpt" --save-every 5 > /dev/null 2> "$work/err" ||
    bad "reference run: $(cat "$work/err")"
window=$((($(ms) - t0) / 2))
[ $window -ge 1 ] || window=1
killed_mid=0
t=1
while [ $t -le "$TRIALS" ]; do
    ck=$work/kill$t.ckpt
    # shellcheck disable=SC2086
    "$A" train $TRAIN --updates $U --save "$ck" --save-every 5 > /dev/null 2>&1 &
    pid=$!
    i=0
    while [ ! -e "$ck" ] && [ $i -lt 500 ] && kill -0 $pid 2> /dev/null; do
        sleep 0.01
        i=$((i + 1))
    done
    d=$(rand $window)
    sleep "$((d / 1000)).$(printf '%03d' $((d % 1000)))"
    if kill -9 $pid 2> /dev/null; then killed_mid=$((killed_mid + 1)); fi
    wait $pid 2> /dev/null
    if [ ! -e "$ck" ]; then
        bad "trial $t: no checkpoint after the kill"
    elif ! "$A" evaluate --model "$ck" --data "$DATA" --seed 3 > "$work/out" 2> "$work/err"; then
        bad "trial $t: the checkpoint left by kill -9 does not load: $(cat "$work/err")"
    elif ! grep -q '^test_accuracy=' "$work/out"; then
        bad "trial $t: evaluate printed no accuracy"
    else
        # shellcheck disable=SC2086
        if ! "$A" train $TRAIN --updates $U --resume "$ck" --save "$ck" > /dev/null 2> "$work/err"; then
            bad "trial $t: --resume failed: $(cat "$work/err")"
        elif ! cmp -s "$ck" "$work/ref.ckpt"; then
            bad "trial $t: the resumed run's checkpoint differs from the uninterrupted run's"
        else
            ok
        fi
    fi
    t=$((t + 1))
done
left=$(find "$work" -name 'kill*.ckpt.tmp.*' | wc -l)
echo "kill -9: $TRIALS trials within $window ms of a run, $killed_mid killed mid-training, $left temporary files left by the kills"
[ "$killed_mid" -ge $((TRIALS / 2)) ] && ok || bad "only $killed_mid of $TRIALS kills landed mid-training"

# ---- 2. full file system ------------------------------------------------------------
# expects: exit 1, one line naming the failure, the checkpoint of update 5 intact
"$A" train $TRAIN --updates 5 --save "$work/five.ckpt" > /dev/null 2>&1
full_checks() { # $1 label, $2 checkpoint path, $3 expected text, $4 exit status, $5 stderr file
    if [ "$4" -ne 1 ]; then
        bad "$1: exit status $4, want 1"
    elif ! one_line "$5" "$3"; then
        bad "$1: stderr is not one line with '$3': $(cat "$5")"
    elif ! cmp -s "$2" "$work/five.ckpt"; then
        bad "$1: the previous checkpoint changed"
    elif ! "$A" evaluate --model "$2" --data "$DATA" --seed 3 > /dev/null 2> "$work/err"; then
        bad "$1: the previous checkpoint does not load: $(cat "$work/err")"
    elif [ -n "$(ls "$(dirname "$2")" | grep '\.tmp\.')" ]; then
        bad "$1: a temporary file is left"
    else
        ok
    fi
}
mkdir "$work/mnt"
if mount -t tmpfs -o size=8k tmpfs "$work/mnt" 2> /dev/null; then
    mnt=$work/mnt
    # a checkpoint takes two of its two pages: the second save cannot be written
    "$A" train $TRAIN --updates 50 --save "$mnt/m.ckpt" --save-every 5 > /dev/null 2> "$work/err"
    full_checks "tmpfs full" "$mnt/m.ckpt" "m.ckpt: write failed: No space left on device (the previous checkpoint is kept)" $? "$work/err"
    umount "$mnt"
    # read-only: refused before training
    if mount -t tmpfs -o ro,size=64k tmpfs "$mnt" 2> /dev/null; then
        "$A" train --net $NET --data "$DATA" --epochs 1000 --save "$mnt/m.ckpt" > /dev/null 2> "$work/err"
        rc=$?
        { [ $rc -eq 1 ] && one_line "$work/err" "Read-only file system"; } && ok ||
            bad "read-only mount: exit $rc: $(cat "$work/err")"
        umount "$mnt"
    fi
    mnt=
    echo "full file system: tmpfs mounted"
else
    echo "full file system: mount -t tmpfs not permitted here; the injected failures below stand in"
fi
# injected: write() fails with ENOSPC after N bytes of a checkpoint's temporary file,
# or fsync() with EIO
cat > "$work/shim.c" << 'SHIM'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
static long used;
static int is_tmp(int fd) {
    char p[64], name[4096];
    snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(p, name, sizeof name - 1);
    if (n <= 0) return 0;
    name[n] = 0;
    return strstr(name, ".tmp.") != NULL;
}
ssize_t write(int fd, const void *b, size_t n) {
    static ssize_t (*real)(int, const void *, size_t);
    if (!real) real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    const char *lim = getenv("SHIM_ENOSPC_AFTER");
    if (lim && fd > 2 && is_tmp(fd)) {
        long max = atol(lim);
        if (used >= max) {
            errno = ENOSPC;
            return -1;
        }
        if (used + (long)n > max) n = (size_t)(max - used); /* a short write first */
        used += (long)n;
    }
    return real(fd, b, n);
}
int fsync(int fd) {
    static int (*real)(int);
    static int calls;
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    const char *after = getenv("SHIM_EIO_FSYNC_AFTER");
    if (after && is_tmp(fd) && calls++ >= atoi(after)) {
        errno = EIO;
        return -1;
    }
    return real(fd);
}
SHIM
if cc -shared -fPIC -o "$work/shim.so" "$work/shim.c" -ldl 2> "$work/err"; then
    size=$(wc -c < "$work/five.ckpt")
    mkdir "$work/inj"
    SHIM_ENOSPC_AFTER=$((size + size / 2)) LD_PRELOAD="$work/shim.so" \
        "$A" train $TRAIN --updates 50 --save "$work/inj/m.ckpt" --save-every 5 > /dev/null 2> "$work/err"
    full_checks "injected ENOSPC" "$work/inj/m.ckpt" "m.ckpt: write failed: No space left on device (the previous checkpoint is kept)" $? "$work/err"
    rm -rf "$work/inj"
    mkdir "$work/inj"
    SHIM_EIO_FSYNC_AFTER=1 LD_PRELOAD="$work/shim.so" \
        "$A" train $TRAIN --updates 50 --save "$work/inj/m.ckpt" --save-every 5 > /dev/null 2> "$work/err"
    full_checks "injected fsync EIO" "$work/inj/m.ckpt" "m.ckpt: fsync failed: Input/output error (the previous checkpoint is kept)" $? "$work/err"
else
    bad "cannot build the write-failure shim: $(cat "$work/err")"
fi

# ---- 3. unwritable output: refused before training --------------------------------
touch "$work/afile"
for out in "$work/missing/dir/m.ckpt" "$work/afile/m.ckpt" "$work"; do
    for opt in --save --log; do
        start=$(date +%s)
        "$A" train --net $NET --data "$DATA" --epochs 1000 $opt "$out" > /dev/null 2> "$work/err"
        rc=$?
        took=$(($(date +%s) - start))
        if [ $rc -ne 1 ] || [ "$(wc -l < "$work/err")" -ne 1 ] || ! grep -q "cannot write" "$work/err"; then
            bad "$opt $out: exit $rc, stderr: $(cat "$work/err")"
        elif [ $took -gt 5 ]; then
            bad "$opt $out: the error came after $took s (after training?)"
        else
            ok
        fi
    done
done
if [ "$(id -u)" -ne 0 ]; then # permission bits stop only other users
    mkdir "$work/ro"
    chmod 555 "$work/ro"
    "$A" train --net $NET --data "$DATA" --epochs 1000 --save "$work/ro/m.ckpt" > /dev/null 2> "$work/err"
    rc=$?
    { [ $rc -eq 1 ] && one_line "$work/err" "Permission denied"; } && ok ||
        bad "unwritable directory: exit $rc: $(cat "$work/err")"
fi

# ---- 4. NaN during training ------------------------------------------------------------
NAN="--net 1-8:relu-1 --data regress(n=200) --opt sgd(lr=1e10) --batch 8 --quiet"
# shellcheck disable=SC2086
"$A" train $NAN --save "$work/nan.ckpt" --save-every 1 > /dev/null 2> "$work/err"
rc=$?
if [ $rc -ne 1 ] || ! one_line "$work/err" "training stopped at update 4 (epoch 1): a non-finite value in the back-propagated gradient of layer 2 (dense); the last checkpoint is kept"; then
    bad "NaN: exit $rc: $(cat "$work/err")"
elif ! "$A" evaluate --model "$work/nan.ckpt" --data 'regress(n=200)' > /dev/null 2> "$work/err"; then
    bad "NaN: the last good checkpoint does not load: $(cat "$work/err")"
else
    ok
    # shellcheck disable=SC2086
    "$A" train $NAN --resume "$work/nan.ckpt" > /dev/null 2> "$work/err"
    rc=$?
    { [ $rc -eq 1 ] && one_line "$work/err" "training stopped at update 4 (epoch 1)"; } && ok ||
        bad "NaN resumed: exit $rc: $(cat "$work/err")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

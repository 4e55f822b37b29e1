#!/bin/sh
# bench/stores.c's build path: kernel files compiled with ACT_ST_FORCE (every
# kernel under one store policy, the set renamed act_st<policy>_<isa>_<id>)
# and the benchmarks that use them; compile-only, with the library's
# warnings, so that the path the library itself never takes cannot rot.
CC=${CC:-cc}
FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fsyntax-only -Wall -Wextra -Werror
 -Wshadow -Wvla -Wstrict-prototypes -Wmissing-prototypes -Iinclude -Isrc"
A512="-mavx512f -mavx512dq -mavx512bw -mavx512vl -mfma"
pass=0
fail=0
check() { # description, then the command
    d=$1
    shift
    if out=$("$@" 2>&1); then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $d"
        echo "$out" | head -20
    fi
}
for k in 0 1 2; do
    for f in tanh silu elu; do # the 8- and 4-vector drivers, the _ONE pairs
        check "avx512_$f.c, ACT_ST_FORCE=$k" $CC $FLAGS $A512 -DACT_ST_FORCE=$k "src/simd/avx512_$f.c"
    done
done
for k in 0 1 2; do
    for f in tanh silu; do
        check "avx2_$f.c, ACT_ST_FORCE=$k" $CC $FLAGS -mavx2 -mfma -DACT_ST_FORCE=$k "src/simd/avx2_$f.c"
    done
done
# the definitions must carry the forced names
check "avx512_tanh.c names its set act_st2_avx512_tanh" sh -c \
    "$CC $(echo $FLAGS | sed 's/-fsyntax-only//') $A512 -DACT_ST_FORCE=2 -E src/simd/avx512_tanh.c | grep -q 'act_st2_avx512_tanh ='"
check "bench/stores.c" $CC $FLAGS -Ibench bench/stores.c
check "bench/kernels.c" $CC $FLAGS -Ibench bench/kernels.c
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

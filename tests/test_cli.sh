#!/bin/sh
# The actlab tool end to end: list (table, JSON), show (and --plot), eval
# (arguments, stdin, special values, --double), train -> evaluate -> predict,
# and the one-line errors of the common mistakes.
B=${BUILD:-build}
A="$B/actlab"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
expect() { # description, command... : succeeds
    d=$1; shift
    if "$@" > "$tmp/out" 2> "$tmp/err"; then ok; else bad "$d: exit $? $(head -c 300 "$tmp/err")"; fi
}
expect_err() { # description, expected substring, command... : fails with one line naming it
    d=$1; want=$2; shift 2
    if "$@" > "$tmp/out" 2> "$tmp/err"; then bad "$d: succeeded"; return; fi
    lines=$(wc -l < "$tmp/err")
    if [ "$lines" -ne 1 ]; then bad "$d: $lines lines on stderr: $(cat "$tmp/err")"; return; fi
    if grep -qF -- "$want" "$tmp/err"; then ok; else bad "$d: '$(cat "$tmp/err")' lacks '$want'"; fi
}

expect "list" "$A" list
n=$(grep -c . "$tmp/out")
[ "$n" -gt 80 ] && ok || bad "list printed $n lines"
expect "list --json" "$A" list --json
if command -v python3 > /dev/null; then
    python3 -c "
import json, sys
d = json.load(open('$tmp/out'))
names = {f['name'] for f in d}
need = {'relu','sigmoid','tanh','gelu','softmax','fann_sigmoid_stepwise','noisy_hard_tanh','stair'}
assert need <= names, need - names
for f in d:
    assert {'name','aliases','parameters','properties','formula','derivative'} <= set(f), f['name']
    for p in f['parameters']:
        assert {'name','default','range'} <= set(p)
    if f['kind'] == 'elementwise':
        assert f['properties']['saturation']['left'] in ('none','soft','hard')
" && ok || bad "list --json is not the documented JSON"
fi
expect "show" "$A" show 'elu(alpha=0.5)'
grep -q "alpha *= 0.5" "$tmp/out" && grep -q "saturation *left soft, right none" "$tmp/out" && ok || bad "show elu: $(head -5 "$tmp/out")"
expect "show --plot" "$A" show gelu --plot "$tmp/gelu.png" --range -4:4
head -c 8 "$tmp/gelu.png" | od -An -c | grep -q "P   N   G" && ok || bad "show --plot wrote no PNG"
expect "eval args" "$A" eval sigmoid -100 0 inf nan
[ "$(sed -n 1p "$tmp/out")" = "-100 3.78350585e-44 3.78350585e-44" ] && ok || bad "eval sigmoid -100: $(sed -n 1p "$tmp/out")"
[ "$(sed -n 3p "$tmp/out")" = "inf 1 0" ] && ok || bad "eval sigmoid inf: $(sed -n 3p "$tmp/out")"
[ "$(sed -n 4p "$tmp/out")" = "nan nan nan" ] && ok || bad "eval sigmoid nan: $(sed -n 4p "$tmp/out")"
printf '100\n-100\n' > "$tmp/in"
expect "eval stdin" sh -c "\"$A\" eval softplus < \"$tmp/in\""
[ "$(cat "$tmp/out" | tr '\n' ' ')" = "100 100 1 -100 3.78350585e-44 3.78350585e-44 " ] && ok || bad "eval softplus stdin: $(cat "$tmp/out")"
expect "eval --double" "$A" eval logsigmoid -100 --double
[ "$(cat "$tmp/out")" = "-100 -100 1" ] && ok || bad "eval --double logsigmoid: $(cat "$tmp/out")"

expect "train" "$A" train --net 2-16:tanh-16:tanh-2 --data 'circles(n=1000)' --epochs 20 \
    --opt 'sgd(lr=0.1,momentum=0.9)' --save "$tmp/m.ckpt" --log "$tmp/m.csv" --instrument 50 --quiet
tail -n 1 "$tmp/out" | grep -Eq '^test_accuracy=0\.9[5-9][0-9]* test_loss=' && ok || bad "train: $(cat "$tmp/out")"
[ "$(wc -l < "$tmp/m.csv")" -eq 21 ] && ok || bad "metrics log has $(wc -l < "$tmp/m.csv") lines"
grep -q "^50,1,act," "$tmp/m.instruments.csv" && ok || bad "instrument log lacks update 50 layer 1"
expect "evaluate" "$A" evaluate --model "$tmp/m.ckpt" --data 'circles(n=1000)'
expect "predict" sh -c "printf '0,0\n0.9,0.9\n' | \"$A\" predict --model \"$tmp/m.ckpt\""
[ "$(cut -d, -f1 "$tmp/out" | tr '\n' ' ')" = "1 0 " ] && ok || bad "predict (centre is the inner class 1): $(cat "$tmp/out")"
expect "train jsonl regression" "$A" train --net 1-32:tanh-1 --data 'regress(f=sine,n=500)' --epochs 5 \
    --opt 'adam(lr=0.01)' --log "$tmp/r.jsonl" --quiet
grep -q '^test_rmse=' "$tmp/out" && grep -q '"type": "epoch"' "$tmp/r.jsonl" && ok || bad "regression: $(cat "$tmp/out")"

expect_err "unknown function" "did you mean relu6" "$A" eval relu6x 1
expect_err "out of range" "beta" "$A" eval 'softplus(beta=-1)' 1
expect_err "clip min > max" "clip" "$A" eval 'clip(min=2,max=1)' 1
expect_err "not a number" "'abc' is not a number" "$A" eval relu abc
expect_err "unknown command" "unknown command" "$A" frobnicate
expect_err "net typo" "tanh" "$A" train --net 2-16:tahn-2 --data 'circles(n=100)'
expect_err "size mismatch" "takes 3" "$A" train --net 3-4-2 --data 'circles(n=100)' --quiet
expect_err "no such data" "nosuchset" "$A" train --net 2-4-2 --data nosuchset --quiet
expect_err "unwritable save" "cannot write /nonexistent/dir/m.ckpt" "$A" train --net 2-4-2 --data 'circles(n=100)' --save /nonexistent/dir/m.ckpt
expect_err "bad checkpoint" "not an actlab checkpoint" "$A" evaluate --model "$tmp/m.csv" --data 'circles(n=100)'
expect_err "predict too wide" "more values than the network's inputs" sh -c "echo 1,2,3 | \"$A\" predict --model \"$tmp/m.ckpt\""
expect_err "predict too narrow" "1 values, the network takes 2" sh -c "echo 1 | \"$A\" predict --model \"$tmp/m.ckpt\""
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

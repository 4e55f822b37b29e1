#!/bin/sh
# The report at its smoke size: every section on the page with real content,
# every figure and CSV written, no remote resources; then, where Debian's
# chromium is installed, the page rendered headless: every image loaded,
# and screenshots at phone and desktop widths.
B=${BUILD:-build}
A="$B/actlab"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

if "$A" report --smoke --quiet --seed 3 -o "$tmp/r" > "$tmp/out" 2> "$tmp/err"; then ok; else bad "report --smoke failed: $(tail -3 "$tmp/err")"; fi
page="$tmp/r/index.html"
[ -s "$page" ] && ok || { bad "no index.html"; echo "$pass passed, $fail failed"; exit 1; }
for s in gallery properties linear uat classify glorot saturation noisy; do
    grep -q "<section id=\"$s\">" "$page" && ok || bad "section $s missing"
done
grep -q 'class="fail"' "$page" && bad "a section reports a failure: $(grep -o 'class="fail">[^<]*' "$page" | head -3)" || ok
grep -q 'seed</td><td>3' "$page" && grep -q 'threads</td>' "$page" && grep -q "actlab report --smoke" "$page" && ok || bad "the page does not say its command, seed and threads"
# every referenced file exists; no remote resources
n_img=0
for f in $(grep -o 'src="[^"]*"' "$page" | sed 's/src="//; s/"$//'); do
    n_img=$((n_img + 1))
    [ -s "$tmp/r/$f" ] || bad "image $f missing"
done
[ "$n_img" -ge 20 ] && ok || bad "only $n_img images"
for f in $(grep -o 'href="[^"#][^"]*"' "$page" | sed 's/href="//; s/"$//'); do
    [ -s "$tmp/r/$f" ] || bad "linked file $f missing"
done
grep -Eq '(src|href)="(https?:)?//' "$page" && bad "remote resources on the page" || ok
grep -q '<meta name="viewport"' "$page" && ok || bad "no viewport meta (phone width)"
# same seed, same numbers (the CSVs of a section, run twice)
"$A" report --smoke --quiet --seed 3 --only linear -o "$tmp/r2" > /dev/null 2>&1
for f in "$tmp"/r2/*.csv; do
    cmp -s "$f" "$tmp/r/$(basename "$f")" || bad "$(basename "$f") differs between two runs with the same seed"
done
ok

CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
    echo "skipped: browser check (Debian package chromium not installed)"
else
    # a copy of the page with a check that runs after load: the page itself has no script
    sed 's|</body>|<script>window.addEventListener("load",function(){var i=document.images,n=0;for(var k=0;k<i.length;k++)if(i[k].complete\&\&i[k].naturalWidth>0)n++;document.body.setAttribute("data-images",n+"/"+i.length);});</script></body>|' \
        "$page" > "$tmp/r/check.html"
    flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$tmp/profile"
    timeout 120 "$CHROME" $flags --virtual-time-budget=20000 --dump-dom "file://$tmp/r/check.html" > "$tmp/dom.html" 2> "$tmp/chrome.err"
    loaded=$(grep -o 'data-images="[0-9]*/[0-9]*"' "$tmp/dom.html" | head -1 | sed 's/data-images="//; s/"//')
    if [ -n "$loaded" ] && [ "${loaded%/*}" = "${loaded#*/}" ] && [ "${loaded#*/}" -gt 0 ]; then ok; else bad "images loaded in chromium: '${loaded:-none}'"; fi
    for w in 390 1200; do
        timeout 120 "$CHROME" $flags --window-size=$w,3000 --screenshot="$tmp/shot-$w.png" "file://$page" > /dev/null 2>&1
        [ -s "$tmp/shot-$w.png" ] && ok || bad "no screenshot at width $w"
    done
    if [ -n "$ACTLAB_KEEP_SCREENSHOTS" ]; then cp "$tmp"/shot-*.png "$ACTLAB_KEEP_SCREENSHOTS"/; fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

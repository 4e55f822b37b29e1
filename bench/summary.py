#!/usr/bin/python3
"""summary.py - issue #5's targets read off one kernel run's CSV.

usage: bench/summary.py [bench/out/kernels.csv]

Prints, as Markdown: the in-cache rows (4 Ki and 256 Ki floats, 1 thread)
with actlab's AVX-512 variant against the best of XNNPACK and oneDNN and
against PyTorch; the 16 Mi cells as a share of the streaming-copy ceiling
measured in the same row; and how many rows and cells meet each target
(at least the best peer, at least 3x PyTorch, at least 90% of the copy).
"""
import csv
import sys

SIZES = {4096: "4Ki", 262144: "256Ki", 16777216: "16Mi"}
DIRS = ["fwd", "bwd", "bwd_y"]


def fmt(v):
    if v is None:
        return "-"
    return f"{v:.3g}" if v < 10 else f"{v:.1f}"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "bench/out/kernels.csv"
    rows = {}  # (fn, dir, n, threads) -> {impl: value}
    order = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            key = (r["function"], r["dir"], int(r["n"]), int(r["threads"]))
            if key not in rows:
                rows[key] = {}
                order.append(key)
            try:
                rows[key][r["impl"]] = float(r["elem_per_ns"])
            except ValueError:
                pass
    fns = []
    for k in order:
        if k[0] not in fns:
            fns.append(k[0])

    print("### In cache: actlab (AVX-512) against the best of XNNPACK and oneDNN, "
          "and PyTorch (1 thread)\n")
    print("| function | dir | n | actlab | XNNPACK | oneDNN | vs best peer | PyTorch | vs PyTorch |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    peer_rows = peer_met = torch_rows = torch_met = 0
    misses = []
    for fn in fns:
        for d in DIRS:
            for n in (4096, 262144):
                v = rows.get((fn, d, n, 1))
                if not v or "avx512" not in v:
                    continue
                a = v["avx512"]
                x, o, t = v.get("xnnpack"), v.get("onednn"), v.get("torch")
                peers = [p for p in (x, o) if p]
                vs = vt = "-"
                if peers:
                    r = a / max(peers)
                    peer_rows += 1
                    peer_met += r >= 1
                    vs = f"{r:.2f}x"
                    if r < 1:
                        misses.append(f"{fn} {d} {SIZES[n]} ({r:.2f}x)")
                if t:
                    r = a / t
                    torch_rows += 1
                    torch_met += r >= 3
                    vt = f"{r:.1f}x"
                print(f"| {fn} | {d} | {SIZES[n]} | {fmt(a)} | {fmt(x)} | {fmt(o)} | {vs} | "
                      f"{fmt(t)} | {vt} |")
    print(f"\nAt least the best peer: {peer_met} of {peer_rows} rows that have a peer; "
          f"at least 3x PyTorch: {torch_met} of {torch_rows} rows.")
    if misses:
        print("Behind the best peer: " + ", ".join(misses) + ".")
    # the same two counts with 2 threads (each library splitting the array)
    c = [0, 0, 0, 0]
    for (fn, d, n, t), v in rows.items():
        if t != 2 or n not in (4096, 262144) or "avx512" not in v:
            continue
        peers = [v[p] for p in ("xnnpack", "onednn") if v.get(p)]
        if peers:
            c[0] += 1
            c[1] += v["avx512"] >= max(peers)
        if v.get("torch"):
            c[2] += 1
            c[3] += v["avx512"] >= 3 * v["torch"]
    print(f"With 2 threads: at least the best peer in {c[1]} of {c[0]} rows, "
          f"at least 3x PyTorch in {c[3]} of {c[2]}.")

    print("\n### 16 Mi floats (DRAM): actlab (AVX-512) as a share of the streaming-copy "
          "ceiling\n")
    print("| function | fwd 1 thr | fwd 2 thr | bwd 1 thr | bwd 2 thr | bwd_y 1 thr | bwd_y 2 thr |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    cells = met = 0
    for fn in fns:
        out = []
        for d in DIRS:
            for t in (1, 2):
                v = rows.get((fn, d, 16777216, t))
                if not v or "avx512" not in v or not v.get("copy"):
                    out.append("-")
                    continue
                s = v["avx512"] / v["copy"]
                cells += 1
                met += s >= 0.9
                out.append(f"{100 * s:.0f}% ({fmt(v['avx512'])})")
        if any(c != "-" for c in out):
            print(f"| {fn} | " + " | ".join(out) + " |")
    print(f"\nAt least 90% of the copy ceiling: {met} of {cells} cells.")


if __name__ == "__main__":
    main()

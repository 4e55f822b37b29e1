#!/usr/bin/python3
"""torch_kernels.py - PyTorch's throughput for the functions of bench/kernels.c.

Same functions, sizes, inputs (uniform over the catalog's plotting range,
dy uniform in [-1, 1]), thread counts and statistic (median of the
repetitions, each timing enough calls to last about 2 ms) as the C benchmark,
in elements per nanosecond. Forward is the functional call (out of place:
PyTorch allocates the output, as a model does); backward is autograd's
torch.autograd.grad(y, x, dy) on a graph kept alive (retain_graph), so it
includes the autograd engine's per-call overhead. Two threads is
torch.set_num_threads(2): PyTorch's own intra-op pool, which splits an
elementwise op only above its grain size (32768 elements).

PyTorch 1.13's autograd computes some derivatives from the saved output
(derivatives.yaml: relu's threshold_backward(grad, result), sigmoid_backward
and tanh_backward(grad, result), exp's grad * result): those are reported as
"bwd_y", beside actlab's backward from y, and the rest (from the input, as
actlab's "bwd") as "bwd". softmax and log_softmax use the result too, and so
does actlab's row backward, which the table files under "bwd".

Prints CSV lines "function,dir,n,threads,torch,elem_per_ns"; kernels.c runs
this script through popen and merges the lines into its table.

usage: /usr/bin/python3 bench/torch_kernels.py [--sizes 2|3] [--reps N] [--fn NAME]
"""
import argparse
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # the C benchmark then marks the column "n/i"
    sys.exit(0)

# (plot_lo, plot_hi) from act_describe(): the C benchmark's input ranges
RANGES = {
    "relu": (-3, 3), "leaky_relu": (-3, 3), "prelu": (-3, 3), "relu6": (-2, 8),
    "hardtanh": (-3, 3), "hardsigmoid": (-4, 4), "hardswish": (-5, 5), "sigmoid": (-8, 8),
    "tanh": (-4, 4), "softsign": (-6, 6), "elu": (-4, 3), "selu": (-4, 3), "celu": (-4, 3),
    "gelu": (-4, 4), "gelu_tanh": (-4, 4), "silu": (-6, 4), "mish": (-5, 4),
    "softplus": (-5, 5), "logsigmoid": (-6, 4), "exp": (-3, 2),
    "softmax": (-5, 5), "log_softmax": (-5, 5),
}
ROW = 1024  # kernels.c's --cols: softmax over rows of this many values
PRELU_W = torch.tensor([0.25])
FUNCS = {
    "relu": torch.relu,
    "leaky_relu": lambda x: F.leaky_relu(x, 0.01),
    "prelu": lambda x: F.prelu(x, PRELU_W),
    "relu6": F.relu6,
    "hardtanh": F.hardtanh,
    "hardsigmoid": F.hardsigmoid,
    "hardswish": F.hardswish,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softsign": F.softsign,
    "elu": F.elu,
    "selu": F.selu,
    "celu": F.celu,
    "gelu": F.gelu,
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "silu": F.silu,
    "mish": F.mish,
    "softplus": F.softplus,
    "logsigmoid": F.logsigmoid,
    "exp": torch.exp,
    "softmax": lambda x: torch.softmax(x.view(-1, ROW), -1).view(-1),
    "log_softmax": lambda x: torch.log_softmax(x.view(-1, ROW), -1).view(-1),
}
SIZES = [4 << 10, 256 << 10, 16 << 20]
FROM_Y = {"relu", "sigmoid", "tanh", "exp"}  # autograd's backward reads the output


def measure(call, n, reps):
    call()  # warm up
    t0 = time.perf_counter_ns()
    call()
    one = max(time.perf_counter_ns() - t0, 1)
    k = min(max(int(2e6 / one), 1), 100000)
    rates = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        for _ in range(k):
            call()
        rates.append(n * k / (time.perf_counter_ns() - t0))
    rates.sort()
    return rates[len(rates) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, default=3)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--fn")
    ap.add_argument("--cols", type=int, default=1024)
    a = ap.parse_args()
    global ROW
    ROW = a.cols
    gen = torch.Generator().manual_seed(7)
    for name, f in FUNCS.items():
        if a.fn and a.fn != name:
            continue
        lo, hi = RANGES[name]
        for size in SIZES[: a.sizes]:
            # the row functions: whole rows for each of two threads, as kernels.c
            n = size - size % (2 * ROW) if name in ("softmax", "log_softmax") else size
            if n == 0:
                continue
            x = (lo + (hi - lo) * torch.rand(n, generator=gen)).requires_grad_(True)
            dy = 2 * torch.rand(n, generator=gen) - 1
            for threads in (1, 2):
                torch.set_num_threads(threads)
                with torch.no_grad():
                    v = measure(lambda: f(x), n, a.reps)
                print(f"{name},fwd,{size},{threads},torch,{v:.4f}", flush=True)
                y = f(x)
                v = measure(lambda: torch.autograd.grad(y, x, dy, retain_graph=True), n, a.reps)
                d = "bwd_y" if name in FROM_Y else "bwd"
                print(f"{name},{d},{size},{threads},torch,{v:.4f}", flush=True)
                del y


if __name__ == "__main__":
    main()

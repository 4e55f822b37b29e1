#!/usr/bin/python3
"""fit_window.py - the polynomial that a SIMD derivative kernel uses in a
window around the zero x0 of f' (where the kernel's general formula would
cancel): f'(x) = d P(d), d = x - x0, |d| <= w, P of degree `deg` with float
coefficients.

    /usr/bin/python3 tools/fit_window.py FUNCTION W DEG GUESS

FUNCTION is gelu_tanh, mish or silu; GUESS a starting point for the zero.
Prints x0 (and its float head and tail) and P's coefficients, highest
first, as C hexadecimal floats (c0 as head + tail: a float c0 alone is off
by up to 2^-25 relative, as much as the whole fit may be), with the largest relative error of P
against f'(x)/d on a dense grid of the window (the fit's error: the
kernel's own roundings come on top; tools/exhaustive measures the result).

Method: f' at 200 bits (mpmath), least squares at 400 Chebyshev nodes with
weights 1/|g| (close to minimax in the relative error), the coefficients
rounded to float from the highest down, the lower ones refitted after each.
Needs python3-numpy and python3-mpmath (Debian).
"""
import struct
import sys

import mpmath as mp
import numpy as np

mp.mp.prec = 200


def df_gelu_tanh(x):
    c2 = 2 * mp.sqrt(2 / mp.pi)
    k = mp.mpf("0.044715")
    t = c2 * (x + k * x**3)
    tp = c2 * (1 + 3 * k * x**2)
    return (1 + x * tp / (1 + mp.exp(t))) / (1 + mp.exp(-t))


def df_mish(x):
    th = mp.tanh(mp.log1p(mp.exp(x)))
    return th + x * (1 - th * th) / (1 + mp.exp(-x))


def df_silu(x):
    s = 1 / (1 + mp.exp(-x))
    return s * (1 + x * (1 - s))


def f32(v):
    return struct.unpack("f", struct.pack("f", float(v)))[0]


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: fit_window.py gelu_tanh|mish|silu W DEG GUESS")
    fns = {"gelu_tanh": df_gelu_tanh, "mish": df_mish, "silu": df_silu}
    if sys.argv[1] not in fns:
        sys.exit("fit_window.py: unknown function '%s'" % sys.argv[1])
    df = fns[sys.argv[1]]
    w, deg = float(sys.argv[2]), int(sys.argv[3])
    x0 = mp.findroot(df, float(sys.argv[4]))
    x0h = f32(x0)
    x0l = f32(x0 - x0h)

    def g(d):
        d = mp.mpf(d)
        return mp.diff(df, x0) if d == 0 else df(x0 + d) / d

    n = 400
    nodes = [w * np.cos(np.pi * (i + 0.5) / n) for i in range(n)]
    gv = np.array([float(g(d)) for d in nodes])
    a = np.array([[d**j for j in range(deg + 1)] for d in nodes])
    wt = 1 / np.abs(gv)
    coef = np.linalg.lstsq(a * wt[:, None], gv * wt, rcond=None)[0]
    cf = [0.0] * (deg + 1)
    for j in range(deg, 0, -1):
        cf[j] = f32(coef[j])
        if j > 1:
            resid = gv - a[:, j:] @ np.array(cf[j:])
            coef[:j] = np.linalg.lstsq(a[:, :j] * wt[:, None], resid * wt, rcond=None)[0]
        else:
            resid = gv - a[:, 1:] @ np.array(cf[1:])
            coef[0] = np.sum(resid * wt * wt) / np.sum(wt * wt)
    c0h = f32(coef[0])
    c0l = f32(coef[0] - c0h)
    cf[0] = c0h + c0l
    err = 0.0
    for d in np.linspace(-w, w, 4001):
        p = 0.0
        for j in range(deg, -1, -1):
            p = p * d + cf[j]
        gd = float(g(d))
        err = max(err, abs(p - gd) / abs(gd))
    print("x0 = %s: head %s, tail %s" % (mp.nstr(x0, 20), x0h.hex(), x0l.hex()))
    print("degree %d on |d| <= %g: largest relative error 2^%.1f" % (deg, w, np.log2(err)))
    for j in range(deg, 0, -1):
        print("  c%d = %s" % (j, cf[j].hex()))
    print("  c0 = %s + %s" % (c0h.hex(), c0l.hex()))


if __name__ == "__main__":
    main()

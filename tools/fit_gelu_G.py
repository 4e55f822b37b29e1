#!/usr/bin/python3
"""fit_gelu_G.py - one entry of the piecewise polynomial G that the SIMD
gelu kernels (erf form) use: Q(a) = erfc(a/sqrt2)/2 = e^(-a^2/2) G(a), and on
[LO, LO + W) G(a) = c0 + u (c1 + u (c2 + ... + u c_deg)), u = (a - LO)/W
in [0, 1), float coefficients, c0 as head + tail (src/simd/gelu_coef.h).

    /usr/bin/python3 tools/fit_gelu_G.py LO W [DEG]

DEG defaults to 8. Prints the coefficients, c0 first, as C hexadecimal
floats, and the largest relative error of the polynomial (coefficients as
rounded, evaluated exactly) against G on a dense grid of the interval: the
fit's error; the kernel's roundings come on top and tools/exhaustive
measures the result.

Method: G at 200 bits (mpmath), least squares at 400 Chebyshev nodes of
[0, 1] with weights 1/G (close to minimax in the relative error). The
coefficients are rounded to float from the lowest up (c0 to head + tail),
the higher ones refitted after each, so that each rounding's error is taken
up by the terms above it where they can. Needs python3-numpy and
python3-mpmath (Debian).
"""
import struct
import sys

import mpmath as mp
import numpy as np

mp.mp.prec = 200


def G(a):
    a = mp.mpf(a)
    return mp.erfc(a / mp.sqrt(2)) / 2 * mp.exp(a * a / 2)


def f32(v):
    return struct.unpack("f", struct.pack("f", float(v)))[0]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: fit_gelu_G.py LO W [DEG]")
    lo, w = float(sys.argv[1]), float(sys.argv[2])
    deg = int(sys.argv[3]) if len(sys.argv) == 4 else 8
    if not (lo >= 0 and w > 0 and 1 <= deg <= 12):
        sys.exit("fit_gelu_G.py: need LO >= 0, W > 0, 1 <= DEG <= 12")
    n = 400
    nodes = [0.5 + 0.5 * np.cos(np.pi * (i + 0.5) / n) for i in range(n)]
    gv = np.array([float(G(mp.mpf(lo) + mp.mpf(w) * mp.mpf(u))) for u in nodes])
    a = np.array([[u**j for j in range(deg + 1)] for u in nodes])
    wt = 1 / np.abs(gv)
    coef = np.linalg.lstsq(a * wt[:, None], gv * wt, rcond=None)[0]
    cf = [0.0] * (deg + 1)
    # c0 as head + tail (two floats), then c1 .. c_deg one float each
    c0h = f32(coef[0])
    c0l = f32(coef[0] - c0h)
    cf[0] = c0h + c0l
    for j in range(1, deg + 1):
        resid = gv - a[:, :j] @ np.array(cf[:j])
        coef[j:] = np.linalg.lstsq(a[:, j:] * wt[:, None], resid * wt, rcond=None)[0]
        cf[j] = f32(coef[j])
    err = mp.mpf(0)
    for u in np.linspace(0, 1, 2001):
        um = mp.mpf(u)
        p = mp.mpf(0)
        for j in range(deg, 0, -1):
            p = (p + mp.mpf(cf[j])) * um
        p += mp.mpf(c0h) + mp.mpf(c0l)
        g = G(mp.mpf(lo) + mp.mpf(w) * um)
        err = max(err, abs(p - g) / g)
    print("G on [%g, %g), degree %d: largest relative error 2^%.1f" %
          (lo, lo + w, deg, float(mp.log(err, 2))))
    print("  c0 = %s + %s" % (c0h.hex(), c0l.hex()))
    for j in range(1, deg + 1):
        print("  c%d = %s" % (j, cf[j].hex()))


if __name__ == "__main__":
    main()

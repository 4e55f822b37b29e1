/*
 * mish_coef.h - the constants both mish variants (avx2_mish.c,
 * avx512_mish.c) read: the clamp of x, the zero x0 of f' as head + tail
 * and the degree-6 fit of f'(x)/(x - x0) on |x - x0| <= 0.2, c0 as head +
 * tail (relative error 2^-29.8; /usr/bin/python3 tools/fit_window.py mish
 * 0.2 6 -1.19).
 * Included once per variant file.
 */
#ifndef ACT_SIMD_MISH_COEF_H
#define ACT_SIMD_MISH_COEF_H

/* x above which both variants take f = x and f' = 1 (exact in float);
   e^x below it stays under 2^18 */
#define MISH_XMAX 12.0f

#define X0_HI -0x1.31432cp+0f /* the zero of f', -1.1924312145154952 */
#define X0_LO -0x1.a25b08p-29f

/* f'(x)/(x - x0) = M_C0 + M_C1 d + ... + M_C6 d^6, d = x - x0 */
#define M_C6 0x1.1faef0p-10f
#define M_C5 -0x1.af711ap-9f
#define M_C4 -0x1.0334ecp-6f
#define M_C3 -0x1.4c27f6p-6f
#define M_C2 0x1.574f0cp-5f
#define M_C1 0x1.a34a26p-3f
#define M_C0H 0x1.115accp-2f
#define M_C0L -0x1.7982d8p-27f

#endif

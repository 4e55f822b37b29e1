/*
 * mish_coef.h - the constants both mish variants (avx2_mish.c,
 * avx512_mish.c) read: the zero x0 of f' as head + tail and the degree-5
 * fits of f'(x)/(x - x0) on eight intervals of [-3, -0.5] (see
 * avx512_mish.c). Included once per variant file.
 */
#ifndef ACT_SIMD_MISH_COEF_H
#define ACT_SIMD_MISH_COEF_H

#define X0_HI -0x1.31432cp+0f /* the zero of f', -1.1924312145154952 */
#define X0_LO -0x1.a25b08p-29f

/* f'(x)/(x - x0) on [-3 + 0.3125 i, -3 + 0.3125 (i + 1)], in t = x - that start */
static const float M_C0[8] = {0x1.a7433ep-5f, 0x1.1efd9cp-4f, 0x1.8348eap-4f, 0x1.0375aep-3f,
                              0x1.581532p-3f, 0x1.c19c20p-3f, 0x1.1fae00p-2f, 0x1.65b37ep-2f};
static const float M_C1[8] = {0x1.9f1ed6p-5f, 0x1.15c61ep-4f, 0x1.6f9142p-4f, 0x1.de5658p-4f,
                              0x1.2fa180p-3f, 0x1.738440p-3f, 0x1.ae421ap-3f, 0x1.cadb50p-3f};
static const float M_C2[8] = {0x1.88d26ep-6f, 0x1.fd490ep-6f, 0x1.40ee3ap-5f, 0x1.82bf38p-5f,
                              0x1.b0addep-5f, 0x1.a71580p-5f, 0x1.32076ep-5f, 0x1.ed871ap-9f};
static const float M_C3[8] = {0x1.c43092p-8f, 0x1.0cc27ep-7f,  0x1.22511ap-7f,  0x1.004ea2p-7f,
                              0x1.b035a6p-9f, -0x1.c88746p-8f, -0x1.926ef6p-6f, -0x1.804726p-5f};
static const float M_C4[8] = {0x1.3328cep-10f, 0x1.edd214p-11f, 0x1.67527ap-13f, -0x1.c4d1b4p-10f,
                              -0x1.5f70fcp-8f, -0x1.71fc74p-7f, -0x1.2108f4p-6f, -0x1.3afec0p-6f};
static const float M_C5[8] = {-0x1.4453e2p-13f, -0x1.fea9d2p-12f, -0x1.3f532ap-10f, -0x1.327840p-9f,
                              -0x1.e0dedap-9f,  -0x1.e7aec4p-9f,  -0x1.80d74ap-11f, 0x1.d1f32ep-8f};

#endif

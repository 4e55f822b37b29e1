/*
 * gelu_coef.h - the constants both gelu variants (avx2_gelu.c,
 * avx512_gelu.c) read: the piecewise polynomial G of the erf form (fit and
 * error analysis in avx512_gelu.c), the zero of f' and 1/sqrt(2 pi) as
 * head + tail. Included once per variant file.
 */
#ifndef ACT_SIMD_GELU_COEF_H
#define ACT_SIMD_GELU_COEF_H

/* G on [lo, hi): c0h + c0l + u (c1 + u (c2 + ... + u c8)), u in [0, 1);
   entries 0-3 are [0, 0.5), [0.5, 1), [1, 1.5) and [1.5, 2), with
   u = 2 (a - lo), entry i + 2 is [i, i + 1) for i = 2..13, with u = a - i.
   Entries 2 and 3 (tools/fit_gelu_G.py 1 0.5, 1.5 0.5: relative error
   2^-33.1, 2^-35.0) replaced one entry [1, 2) in the thirteenth session, so
   that |c1 u| < 0.4 c0 in every entry (it reached 0.525 c0 at the end of
   [1, 2)) and the kernels' leading term c0h + c1 u can take its tail from
   c0h - S exactly (Sterbenz). The others: relative error < 2^-29.6 (the
   first two were fitted in a - lo, their c_k scaled by 2^-k, exactly). */
static const float G_C0H[16] = {0x1.000000p-1f, 0x1.66027ap-2f, 0x1.0bdb2ep-2f, 0x1.a57056p-3f,
                                0x1.5845dcp-3f, 0x1.f1b89cp-4f, 0x1.82b4bcp-4f, 0x1.3b0fbcp-4f,
                                0x1.095608p-4f, 0x1.c9e120p-5f, 0x1.926972p-5f, 0x1.66ccb8p-5f,
                                0x1.43a38ap-5f, 0x1.26b4d0p-5f, 0x1.0e7dcep-5f, 0x1.f3ddc2p-6f};
static const float G_C0L[16] = {0.0f,
                                0x1.a98496p-27f,
                                0x1.ce7c00p-33f,
                                -0x1.a5dd96p-29f,
                                0x1.5a54aap-28f,
                                0x1.18f4dcp-31f,
                                -0x1.cdac8cp-30f,
                                0x1.698ef8p-29f,
                                0x1.8f62bep-29f,
                                0x1.c91126p-30f,
                                0x1.7a866ep-32f,
                                -0x1.18fceap-31f,
                                0x1.c8dda8p-30f,
                                -0x1.999acap-32f,
                                -0x1.c4d9cep-30f,
                                0x1.7a2c42p-32f};
static const float G_C1[16] = {-0x1.988454p-3f, -0x1.cb062cp-4f, -0x1.19524ap-4f, -0x1.71c04cp-5f,
                               -0x1.00f9dap-4f, -0x1.19cef2p-5f, -0x1.5cf97cp-6f, -0x1.d614ecp-7f,
                               -0x1.5068c2p-7f, -0x1.f7d59ep-8f, -0x1.86b844p-8f, -0x1.378124p-8f,
                               -0x1.fbf2d0p-9f, -0x1.a5dac2p-9f, -0x1.63cfc8p-9f, -0x1.3012a8p-9f};
static const float G_C2[16] = {0x1.000038p-4f,  0x1.e68214p-6f,  0x1.fcc7dcp-7f,  0x1.20402ap-7f,
                               0x1.5d2fe2p-6f,  0x1.2c0950p-7f,  0x1.2dda92p-8f,  0x1.542af2p-9f,
                               0x1.a0eea4p-10f, 0x1.1063d8p-10f, 0x1.762670p-11f, 0x1.0b6f1ep-11f,
                               0x1.8af268p-12f, 0x1.2b9ad4p-12f, 0x1.d0fa56p-13f, 0x1.6fdbbap-13f};
static const float G_C3[16] = {
    -0x1.10618ep-6f,  -0x1.c1e5a8p-8f,  -0x1.9af890p-9f,  -0x1.997cfep-10f,
    -0x1.b757d8p-8f,  -0x1.2eed94p-9f,  -0x1.f6d4a4p-11f, -0x1.dec53cp-12f,
    -0x1.f9b726p-13f, -0x1.21c7dap-13f, -0x1.61bd04p-14f, -0x1.c6f4f2p-15f,
    -0x1.306362p-15f, -0x1.a67c2ep-16f, -0x1.2d84a0p-16f, -0x1.ba3650p-17f};
static const float G_C4[16] = {0x1.00af60p-8f,  0x1.76aeacp-10f, 0x1.2ed124p-11f, 0x1.0d2f56p-12f,
                               0x1.02b386p-9f,  0x1.25428ap-11f, 0x1.97c43ap-13f, 0x1.4a4df4p-14f,
                               0x1.2b12c8p-15f, 0x1.342480p-16f, 0x1.5186c8p-17f, 0x1.9999cep-18f,
                               0x1.d510c6p-19f, 0x1.2c6b06p-19f, 0x1.6a65e6p-20f, 0x1.f66ca0p-21f};
static const float G_C5[16] = {
    -0x1.c0e0eep-11f, -0x1.233a3ep-12f, -0x1.977248p-14f, -0x1.48d728p-15f,
    -0x1.1d2032p-11f, -0x1.1d0062p-13f, -0x1.5d377cp-15f, -0x1.e2889ep-17f,
    -0x1.3f6ea4p-18f, -0x1.9a4b46p-19f, -0x1.c70faep-20f, -0x1.af8dcap-20f,
    -0x1.b0f3bep-22f, -0x1.2d1ba2p-22f, 0x1.18392ep-23f,  0x1.afc384p-25f};
static const float G_C6[16] = {
    0x1.97b2a8p-13f, 0x1.d1e106p-15f, 0x1.ce2406p-17f,  0x1.6524b2p-18f,
    0x1.1af5bap-13f, 0x1.3f46b2p-15f, 0x1.a00190p-17f,  0x1.01332ep-18f,
    0x1.249092p-23f, 0x1.4f2aaep-20f, 0x1.d0fefep-21f,  0x1.75809ap-20f,
    0x1.1593dap-23f, 0x1.1de88ap-23f, -0x1.50f968p-22f, -0x1.5029fcp-23f};
static const float G_C7[16] = {
    -0x1.9c8168p-15f, -0x1.a580d6p-17f, -0x1.1ef72ep-20f, -0x1.11ca9ap-21f,
    -0x1.b7f15ap-16f, -0x1.938ee8p-17f, -0x1.3f850ap-18f, -0x1.871d30p-20f,
    0x1.48fcbep-22f,  -0x1.6830dap-21f, -0x1.0f85dep-21f, -0x1.df884cp-21f,
    -0x1.25eab6p-24f, -0x1.539950p-24f, 0x1.cd0c6cp-23f,  0x1.ce5092p-24f};
static const float G_C8[16] = {
    0x1.28344ap-17f,  0x1.1edac8p-19f, -0x1.1c0aa4p-24f, 0x1.635daap-27f,
    0x1.751980p-19f,  0x1.44e7a8p-19f, 0x1.232e6ep-20f,  0x1.69627ep-22f,
    -0x1.a82912p-24f, 0x1.727b28p-23f, 0x1.1c1d1ap-23f,  0x1.fd159ap-23f,
    0x1.300552p-26f,  0x1.652e64p-26f, -0x1.ed1478p-25f, -0x1.eebd18p-26f};

#define X0_HI -0x1.80ead2p-1f /* the zero of f', -0.75179152469356446 */
#define X0_LO 0x1.a03fd4p-27f
#define RS2PI_H 0x1.988454p-2f   /* 1/sqrt(2 pi), head */
#define RS2PI_L -0x1.857936p-27f /* 1/sqrt(2 pi) - head */

#endif

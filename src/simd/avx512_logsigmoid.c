/*
 * avx512_logsigmoid.c - logsigmoid log(sigmoid(x)) = -softplus(-x), AVX-512.
 *   f  = min(x, 0) - log(1 + e^-|x|)  (a5_log1p_sig; scaled by 2^n last so
 *        that f ~ -e^-x keeps its subnormals for large x);
 *   f' = sigmoid(-x) = 1/(1 + e) for x <= 0, 2^n p/(1 + e) for x > 0;
 *   from y: -(e^y - 1) dy (a5_expm1_lut: no cancellation near y = 0).
 */
#include "simd/avx512_math.h"

typedef struct {
    int unused;
} lsig_c;
static inline void lsig_init(lsig_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m512 lsig_f(__m512 x, const lsig_c *c) {
    (void)c;
    a5_sig s = a5_sig_init0_dropnan(x); /* NaN x: min's second operand */
    __m512 L = _mm512_scalef_ps(a5_log1p_sig(&s), s.n);
    return _mm512_sub_ps(_mm512_min_ps(_mm512_setzero_ps(), x), L);
}
ACT_INLINE __m512 lsig_b(__m512 x, __m512 dy, const lsig_c *c) {
    (void)c;
    a5_sig s = a5_sig_init0(x);
    __mmask16 pos = a5_gt(x, _mm512_setzero_ps());
    __m512 q = a5_div_1pe(_mm512_mask_mov_ps(A5(1.0f), pos, s.p), s.e);
    return a5_mul(_mm512_mask_scalef_ps(q, pos, q, s.n), dy);
}
ACT_INLINE __m512 lsig_by(__m512 y, __m512 dy, const lsig_c *c) {
    (void)c;
    __m512 em = a5_expm1_lut0(_mm512_max_ps(A5(-20.0f), _mm512_min_ps(_mm512_setzero_ps(), y)));
    return a5_mul(_mm512_sub_ps(_mm512_setzero_ps(), em), dy);
}
ACT512_FWD8(lsig_fwd, lsig_c, lsig_init, lsig_f, ACT_MIXED)
/* from x: eight vectors an iteration in cache, four from the streaming
   size (ACT512_U8): 1.10x at 4 Ki */
ACT512_BWD_U(lsig_bwd, lsig_c, lsig_init, lsig_b, 1, ACT_MIXED)
ACT512_BWD(lsig_bwdy, lsig_c, lsig_init, lsig_by, ACT_MIXED)
ACT512_DEFINE(logsigmoid, lsig_fwd, lsig_bwd, lsig_bwdy, NULL)

/*
 * rng.c - xoshiro256** seeded through splitmix64 (Blackman & Vigna). Every
 * random draw of the trainer goes through a trn_rng the caller owns, so a
 * seed fixes a run.
 */
#include "actlab_train.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void trn_rng_seed(trn_rng *r, uint64_t seed) {
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t trn_rng_u64(trn_rng *r) {
    uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

double trn_rng_uniform(trn_rng *r) { return (double)(trn_rng_u64(r) >> 11) * 0x1p-53; }

double trn_rng_normal(trn_rng *r) {
    /* Box-Muller on (0, 1]: no log(0); one draw per call keeps the stream simple */
    double u = 1.0 - trn_rng_uniform(r), v = trn_rng_uniform(r);
    return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

uint64_t trn_rng_below(trn_rng *r, uint64_t n) {
    if (n == 0) return 0;
    /* rejection: the top of the range that does not divide evenly */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = trn_rng_u64(r);
    while (x >= limit);
    return x % n;
}

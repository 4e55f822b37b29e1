/*
 * fuzz_ckpt.c - checkpoints (trn_ckpt_load).
 *
 * Input: one mode byte, then the file. Mode bit 0: recompute the CRC-32 over
 * the file and write it into the last four bytes, so that the fuzzer gets
 * past the checksum to the header, the sizes and the spec. Bit 1: load the
 * optimizer state too. A checkpoint that loads must run a forward pass, save
 * and load again to the same parameters, bit for bit.
 */
#include "actlab_train.h"
#include "fuzz_util.h"

#include <zlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    fz_setup();
    return 0;
}

/* the header's spec= value passes the size filter (a spec of 10^12
   parameters is refused after allocating them, which is slow, not wrong) */
static int spec_ok(const uint8_t *d, size_t n) {
    if (n < 16) return 1;
    size_t hl = (size_t)d[12] | (size_t)d[13] << 8 | (size_t)d[14] << 16 | (size_t)d[15] << 24;
    if (hl > n - 16) hl = n - 16;
    char *h = fz_str(d + 16, hl);
    int ok = 1;
    for (char *p = h; p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        if (!strncmp(p, "spec=", 5)) ok = ok && !strchr(p, '/') && fz_net_small(p + 5);
        p = nl ? nl + 1 : NULL;
    }
    free(h);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
    if (n < 1 || n > (1u << 20)) return 0;
    int mode = d[0];
    d++, n--;
    if (!spec_ok(d, n)) return -1;
    uint8_t *b = malloc(n ? n : 1);
    if (!b) abort();
    memcpy(b, d, n);
    if ((mode & 1) && n >= 4) {
        uint32_t c = (uint32_t)crc32(0L, b, (uInt)(n - 4));
        for (int i = 0; i < 4; i++) b[n - 4 + (size_t)i] = (uint8_t)(c >> (8 * i));
    }
    fz_write("in.ckpt", b, n);
    free(b);
    char err[TRN_ERRLEN];
    err[0] = 0;
    trn_net *net;
    trn_opt *opt = NULL;
    trn_ckpt_state st;
    trn_status s = trn_ckpt_load("in.ckpt", &net, (mode & 2) ? &opt : NULL, &st, err, sizeof err);
    if (s != TRN_OK) {
        FZ_ONE_LINE(err);
        return 0;
    }
    /* a forward pass on zeros */
    size_t nin = trn_net_inputs(net);
    float *x = calloc(nin * 2, sizeof *x);
    if (!x || trn_net_reserve(net, 2) != TRN_OK) abort();
    trn_net_forward(net, x, 2, 0, NULL);
    free(x);
    /* save and load again: the same parameters */
    if (trn_ckpt_save("out.ckpt", net, opt, &st, err, sizeof err) != TRN_OK) abort();
    trn_net *net2;
    trn_ckpt_state st2;
    if (trn_ckpt_load("out.ckpt", &net2, NULL, &st2, err, sizeof err) != TRN_OK) abort();
    if (trn_net_nparams(net2) != trn_net_nparams(net) ||
        memcmp(trn_net_params(net2), trn_net_params(net),
               trn_net_nparams(net) * sizeof(float)) != 0 ||
        st2.update != st.update || st2.n_perm != st.n_perm)
        abort();
    free(st2.perm);
    trn_net_free(net2);
    free(st.perm);
    trn_net_free(net);
    trn_opt_free(opt);
    return 0;
}

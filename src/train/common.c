/*
 * common.c - status names.
 */
#include "actlab_train.h"

static const char *const names[] = {
    [TRN_OK] = "ok",
    [TRN_E_IO] = "input/output error",
    [TRN_E_FORMAT] = "malformed file",
    [TRN_E_SPEC] = "malformed spec",
    [TRN_E_SHAPE] = "sizes disagree",
    [TRN_E_NOMEM] = "out of memory",
    [TRN_E_NUMERIC] = "non-finite value",
    [TRN_E_RANGE] = "value out of range",
};
_Static_assert(sizeof names / sizeof names[0] == TRN_STATUS_COUNT, "every trn_status needs a name");

const char *trn_status_name(trn_status s) {
    return (unsigned)s < TRN_STATUS_COUNT ? names[s] : "invalid status";
}

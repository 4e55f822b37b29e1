/* sec_noisy.c - placeholder until the section is written (replaced in this change). */
#include "report/report.h"

int rpt_section_noisy(rpt_ctx *c) { return rpt_fail(c, "section noisy is not written yet"); }

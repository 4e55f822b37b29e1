/* sec_linear.c - placeholder until the section is written (replaced in this change). */
#include "report/report.h"

int rpt_section_linear(rpt_ctx *c) { return rpt_fail(c, "section linear is not written yet"); }

/* sec_saturation.c - placeholder until the section is written (replaced in this change). */
#include "report/report.h"

int rpt_section_saturation(rpt_ctx *c) { return rpt_fail(c, "section saturation is not written yet"); }

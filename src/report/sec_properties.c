/* sec_properties.c - placeholder until the section is written (replaced in this change). */
#include "report/report.h"

int rpt_section_properties(rpt_ctx *c) { return rpt_fail(c, "section properties is not written yet"); }

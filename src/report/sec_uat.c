/* sec_uat.c - placeholder until the section is written (replaced in this change). */
#include "report/report.h"

int rpt_section_uat(rpt_ctx *c) { return rpt_fail(c, "section uat is not written yet"); }

/* sec_glorot.c - placeholder until the section is written (replaced in this change). */
#include "report/report.h"

int rpt_section_glorot(rpt_ctx *c) { return rpt_fail(c, "section glorot is not written yet"); }

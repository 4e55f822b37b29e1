/* sec_gallery.c - placeholder until the section is written (replaced in this change). */
#include "report/report.h"

int rpt_section_gallery(rpt_ctx *c) { return rpt_fail(c, "section gallery is not written yet"); }

/*
 * lens.h - a year's impact judgements read through the handbook's two
 * lenses (outcomes in mathematics for pupils, schools and departments;
 * outcomes for professional learning and practice), as a table for the
 * national view (lists.c).
 */
#ifndef MH_HAPPI_LENS_H
#define MH_HAPPI_LENS_H

#include "happi/judgement_queries.h"

struct arena;
struct html;

/* The section: a sentence saying what is counted, and the table (or that
 * no form has reached the end of the year yet). */
void happi_lens_section(struct html *w, struct arena *a, const struct happi_lens_counts *c);

#endif

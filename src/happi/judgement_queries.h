/*
 * judgement_queries.h - each HAPPI form's impact judgements as rows
 * (happi_judgements, migration 0021), kept in step with its content, and
 * counted for reports through the handbook's two lenses.
 */
#ifndef MH_HAPPI_JUDGEMENT_QUERIES_H
#define MH_HAPPI_JUDGEMENT_QUERIES_H

#include <stdint.h>

#include "core/err.h"
#include "happi/content.h"
#include "happi/happi.h"

struct arena;
struct db;

/* Makes the form's rows those of content (its JSON): one per outcome with
 * a judgement. Inside the caller's write transaction (the form's save). */
enum err happi_judgements_sync(struct db *db, int64_t activity_id, int year, const char *content);

/* Migration 0021's load: every form's rows, from its content. Also run by
 * the demo after it writes forms in bulk. */
enum err happi_judgements_load(struct db *db);

/* A year's judgements of the forms submitted at the end of the year
 * (final submitted or reviewed) of activities not cancelled, of every NCP
 * (only: none) or those only: n[kind][judgement] (the order of
 * happi_judgements), and how many such forms. */
struct happi_lens_counts {
	int64_t n[HAPPI_OUTCOME_KINDS][HAPPI_JUDGEMENTS];
	int64_t forms;
};
struct happi_ncps;
enum err happi_lens_counts_read(struct db *db, int year, const struct happi_ncps *only, struct happi_lens_counts *out);

#endif

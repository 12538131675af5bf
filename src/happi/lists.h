/*
 * lists.h - what the HAPPI lists read, shared by their pages (lists.c) and
 * their downloads (export.c): a hub's forms (its leadership and the
 * national team) and the counts across the hubs (the national team; a
 * Project Lead, their NCP's). Each read is one transaction's work.
 */
#ifndef MH_HAPPI_LISTS_H
#define MH_HAPPI_LISTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "activities/activity_queries.h"
#include "core/err.h"
#include "happi/judgement_queries.h"
#include "happi/list_queries.h"

struct db;
struct req;

/* The academic year asked for: ?year=2026 or 2026/27, else this one.
 * false: a value that is no year (the pages and downloads answer 400). */
bool happi_year_asked(const struct req *rq, int *year);
/* That 400 page, linking back. */
struct resp;
enum err happi_bad_year(struct resp *rs, const char *back);

struct happi_hub_list {
	struct req *rq;
	int year;
	const char *code;
	struct activity_option hub;
	bool refused; /* neither its leadership nor the national team */
	struct happi_row *rows;
	size_t n;
	struct happi_due due;
	bool details; /* the downloads: each row's step dates, leads and link too */
};

/* ERR_NOT_FOUND: no such hub. */
enum err happi_hub_list_read(struct db *db, void *ctx);

/* A hub's list read for its page or a download (l->rq, l->code, l->details
 * set; txn: the read transaction's name), answering a bad year (400), no
 * such hub (404) and a reader refused (403) itself: true when it has (the
 * answer's result in *e), false when l is read for the caller to answer. */
bool happi_hub_list_refused(struct resp *rs, struct happi_hub_list *l, const char *txn, enum err *e);

struct happi_national_list {
	struct req *rq;
	int year;
	struct happi_ncps only; /* none: every NCP (the national team); else the reader's own */
	bool refused;
	struct happi_count *by_ncp, *by_hub;
	size_t nncp, nhub;
	struct happi_lens_counts lens; /* the year's judgements, for the lenses */
};

enum err happi_national_list_read(struct db *db, void *ctx);

/* The same for the national counts (x->rq set): 400 for a bad year, 403. */
bool happi_national_list_refused(struct resp *rs, struct happi_national_list *x, const char *txn, enum err *e);

/* The counts (grouped as happi_counts returns them) a row per NCP or hub:
 * its activities, and how many at each status (at[HAPPI_STATUSES]: not
 * started). In a; their number. */
struct happi_count_group {
	const char *code, *name; /* code "": local activities */
	int64_t total;
	int64_t at[HAPPI_STATUSES + 1];
};
struct arena;
size_t happi_count_groups(struct arena *a, const struct happi_count *c, size_t n, struct happi_count_group **out);

#endif

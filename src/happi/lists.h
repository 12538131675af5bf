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

struct arena;
struct db;
struct req;

/* The academic year asked for: ?year=2026 or 2026/27, else this one.
 * false: a value that is no year (the pages and downloads answer 400). */
bool happi_year_asked(const struct req *rq, int *year);
/* That 400 page, linking back. */
struct resp;
enum err happi_bad_year(struct resp *rs, const char *back);

/* What a hub's list is narrowed to (hub_filter.c): ?ncp=CODE or local,
 * ?status=KEY or not-started, ?late=1. The page and its downloads take the
 * same. */
struct happi_hub_filter {
	const char *ncp; /* NULL: any; "local": activities outside the catalogue; else an NCP's code */
	int status;      /* -1: any; HAPPI_STATUSES: not started; else an enum happi_status */
	bool late;       /* only those late against the due dates */
};

struct happi_hub_list {
	struct req *rq;
	int year;
	const char *code;
	struct activity_option hub;
	bool refused; /* neither its leadership nor the national team */
	struct happi_row *rows; /* after happi_hub_list_refused: those the filter keeps, each marked late or not */
	size_t n;
	struct happi_due due;
	bool details; /* the downloads: each row's step dates, leads and link too */
	struct happi_hub_filter f;
	/* the whole year's, before the filter: how many, at each status (and
	 * not started, at HAPPI_STATUSES), late; the NCPs' codes among them */
	size_t total, at[HAPPI_STATUSES + 1], late;
	const char **ncps;
	size_t nncps;
	bool any_local;
};

/* ERR_NOT_FOUND: no such hub. */
enum err happi_hub_list_read(struct db *db, void *ctx);

/* A hub's list read for its page or a download (l->rq, l->code, l->details
 * set; txn: the read transaction's name), answering a bad year (400), no
 * such hub (404) and a reader refused (403) itself: true when it has (the
 * answer's result in *e), false when l is read for the caller to answer. */
bool happi_hub_list_refused(struct resp *rs, struct happi_hub_list *l, const char *txn, enum err *e);

/* hub_filter.c: the filter asked for (false: a value that is none of the
 * choices); applied to the rows read (counting the year's first); the form;
 * the query string that keeps it ("&ncp=TGM1&late=1", "" for none). */
bool happi_hub_filter_asked(const struct req *rq, struct happi_hub_filter *f);
void happi_hub_filter_apply(struct happi_hub_list *l);
struct html;
void happi_hub_filter_form(struct html *w, const struct happi_hub_list *l, const char *base);
const char *happi_hub_filter_query(struct arena *a, const struct happi_hub_filter *f);

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
size_t happi_count_groups(struct arena *a, const struct happi_count *c, size_t n, struct happi_count_group **out);

#endif

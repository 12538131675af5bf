/*
 * view.h - an activity's HAPPI form as one reader meets it, shared by its
 * pages (form_page.c, edit.c, steps.c, versions.c): the activity and what
 * the reader may do with the form, the form of a year as stored, its
 * content with the NCP's outcomes of today, and what is read from the
 * registers.
 */
#ifndef MH_HAPPI_VIEW_H
#define MH_HAPPI_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "activities/activities.h"
#include "core/err.h"
#include "happi/content.h"
#include "happi/form_queries.h"

struct db;
struct html;
struct req;
struct resp;
struct session;
struct survey_link;

/* What a reader may do with an activity's HAPPI form. */
struct happi_access {
	bool read;   /* its leads, link, hub leadership and people who run it; the national team and the NCP's */
	bool write;  /* its leads; the lead hub's leadership */
	bool review; /* its MHLM link; the lead hub's leadership (the national team) */
	bool qa;     /* quality assurance notes: review, and the national team */
};

/* From the activity as read for s and its activity_access (pure). */
struct happi_access happi_access_of(const struct session *s, const struct activity *a,
				    const struct activity_access *acc);

struct happi_view {
	struct req *rq;
	int64_t id;    /* the activity */
	int year;      /* the form's year (0 before load: the activity's year now) */
	struct activity a;
	struct activity_access acc;
	struct happi_access can;
	struct happi_form f;
	struct happi_content c;
	const char *ncp_code; /* NULL: a local activity (no national outcomes) */
	size_t nnational;     /* the NCP's outcomes now */
	/* the form's page: the year's participant surveys whose results the
	 * reader may see for this activity (the impact part links to them) */
	const struct survey_link *surveys;
	size_t nsurveys;
};

/* Reads the activity (ERR_NOT_FOUND: none the reader may know of, or no
 * form they may read), the year asked for (?year=, else the activity's year
 * now) and its form, in the caller's transaction. A form not started has
 * its schedule filled in from the activity's sessions. */
enum err happi_view_load(struct db *db, struct happi_view *v);

/* "/activities/12/happi" then `then`, with ?year= when the activity spans years. */
const char *happi_href(const struct happi_view *v, const char *then);

/* The top of a HAPPI page (the activity's tab "HAPPI form"). */
void happi_page_begin(struct html *w, const struct happi_view *v, const char *name, const struct govuk_error *errors,
		      size_t nerrors);

/* parts_view.c: the form's planning, progress and impact as they read
 * (the form's page and its print page); never its QA notes. */
void happi_parts_render(struct html *w, const struct happi_view *v);

/* 404 (the activity, or its form, is not for the reader) and 403. */
enum err happi_not_found(struct resp *rs);
enum err happi_refused(struct resp *rs, const struct happi_view *v, const char *why);

#endif

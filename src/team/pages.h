/*
 * pages.h - the team capability's handlers, and the scaffold its pages
 * about one person share (person_edit.c): a form page reached from the
 * person's page (/admin/people/{id}/...): a form_page (form_page.h) whose
 * subject is a member of a hub's team, back to the person's page.
 */
#ifndef MH_TEAM_PAGES_H
#define MH_TEAM_PAGES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "form_page.h"
#include "html/form.h"
#include "team/queries.h"

struct db;
struct html;
struct req;
struct resp;

enum err team_page(struct req *rq, struct resp *rs);                  /* GET  /hubs/{code}/team */
enum err team_community(struct req *rq, struct resp *rs);             /* GET  /hubs/{code}/team/community-leads */
enum err team_community_post(struct req *rq, struct resp *rs);        /* POST /hubs/{code}/team/community-leads */
enum err team_designation(struct req *rq, struct resp *rs);           /* GET  /admin/people/{id}/designations */
enum err team_designation_post(struct req *rq, struct resp *rs);      /* POST /admin/people/{id}/designations */
enum err team_designation_remove_page(struct req *rq, struct resp *rs); /* GET  /admin/people/{id}/designations/{designation}/remove */
enum err team_designation_remove(struct req *rq, struct resp *rs);    /* POST /admin/people/{id}/designations/{designation}/remove */
enum err team_accreditation(struct req *rq, struct resp *rs);         /* GET  /admin/people/{id}/accreditations/{which} */
enum err team_accreditation_post(struct req *rq, struct resp *rs);    /* POST /admin/people/{id}/accreditations/{which} */
enum err team_accreditation_remove_page(struct req *rq, struct resp *rs); /* GET  /admin/people/{id}/accreditations/{which}/remove */
enum err team_accreditation_remove(struct req *rq, struct resp *rs);  /* POST /admin/people/{id}/accreditations/{which}/remove */
enum err team_phase(struct req *rq, struct resp *rs);                 /* GET  /admin/people/{id}/roles/{grant}/phase */
enum err team_phase_post(struct req *rq, struct resp *rs);            /* POST /admin/people/{id}/roles/{grant}/phase */

/* The person part of a person's page (module.h). */
enum err team_person_part_read(struct db *db, struct req *rq, int64_t person_id, void **out);
void team_person_part_render(struct html *w, struct req *rq, int64_t person_id, const void *data);

/* ---- a form page about one person (person_edit.c) ---- */

/* What prepare found, beyond form_page.h's FORM_PAGE_OK and
 * FORM_PAGE_BLOCKED (nothing to offer: the page says why, in blocked). */
enum edit_outcome {
	EDIT_MISSING = FORM_PAGE_REFUSED, /* what the path names is not theirs (404, with missing as the message) */
	EDIT_REFUSED,                     /* outside the session's scope (403) */
	EDIT_INACTIVE,                    /* they are deactivated (409) */
};

struct team_edit {
	struct form_page fp;        /* the page: its title, action, button, form, outcome (form_page.h) */
	struct req *rq;
	struct team_person p;       /* who (id set by the handler), read for each transaction */
	const char *missing;
	void *ctx;                  /* the page's own */
	/* From what was read (no database): the form, title and action, the
	 * outcome; run again for each transaction. */
	void (*prepare)(struct team_edit *e);
	/* A GET: the form's values from what they hold now (after form_empty). */
	void (*prefill)(struct team_edit *e);
	/* Writes a form read without errors, its audit line and the one-time
	 * message (session_flash); or fails a field with form_fail. */
	enum err (*write)(struct db *db, struct team_edit *e);
	/* Writes what comes before the fields, or NULL. */
	void (*intro)(struct html *w, struct team_edit *e);
};

/* The person in the path ({id}), or 0. */
int64_t team_person_param(const struct req *rq);

/* GET: reads the person, prepares, shows the form (or why not). */
enum err team_edit_get(struct resp *rs, struct team_edit *e);

/* POST: in one write transaction reads the person, prepares, reads the
 * form and writes; then 303 to the person's page, or 400 with the errors. */
enum err team_edit_post(struct resp *rs, struct team_edit *e);

/* "person:12", for the audit log, in rq's arena. */
const char *team_subject(const struct team_edit *e);

/* Copies fields[0..n) into rq's arena, for a form completed at run time. */
struct form_field *team_fields(const struct req *rq, const struct form_field *fields, size_t n);

#endif

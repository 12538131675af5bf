/*
 * queries.h - the admin capability's database queries: the people list,
 * a person's roles (given, revoked) and the reset of their sign-in, the
 * hubs and projects a role is given in, the audit log and undelivered
 * mail. All results are allocated in the caller's arena (the request's).
 * The transaction bodies (db_transact's fn: people_read,
 * person_page_read, person_subject_read, audit_read, outbox_read) each read everything one
 * page shows; the other functions run in the caller's open transaction,
 * never one of their own.
 */
#ifndef MH_ADMIN_QUERIES_H
#define MH_ADMIN_QUERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accounts/queries.h"
#include "admin/grant.h"
#include "auth/perm.h"
#include "core/err.h"

struct arena;
struct db;
struct db_value;
struct req;
struct school_ref;

/* ---- people ---- */

#define PEOPLE_MAX_HUBS 8   /* the hub scopes the list filters by */
#define PEOPLE_PER_PAGE 50

/* One row of the list. */
struct person_row {
	int64_t id;
	const char *name, *email;
	bool active, set_up;
	const char **roles; /* "Maths Hub Lead (SW4)" */
	size_t nroles;
};

/* A page of the people list: whom it shows (everyone, or those with a role
 * in one of hubs), the page asked for (from 1; past the end: the last
 * page), and what people_read reads into it. */
struct people_list {
	const struct req *rq;
	bool everyone;
	int64_t hubs[PEOPLE_MAX_HUBS];
	size_t nhubs;
	struct grant_offer *offer; /* loaded too (grant_offer_load) unless NULL */
	long page, pages;
	struct person_row *rows;
	size_t nrows;
};

/* Everything the list shows, in one read transaction (a snapshot): the
 * number of pages (page clamped to it), the page's people, their roles
 * (paged by person, so a person's roles are never cut); and the offer's
 * hubs and projects when it asks for them. */
enum err people_read(struct db *db, void *ctx);

/* Whether person_id is one of the people l shows (everyone, or a role in one
 * of its hubs), whatever the page, in the caller's transaction: *in. For
 * telling someone only about people they may see. */
enum err people_list_holds(struct db *db, const struct people_list *l, int64_t person_id, bool *in);

/* ---- a person: their details and roles ---- */

/* One of the person's roles. */
struct grant_row {
	int64_t id;
	enum role role;
	int64_t hub_id, project_id; /* 0 when not scoped to one */
	const char *urn;            /* the school of a school role, or NULL */
	const char *hub_code, *hub_name; /* "" when not a hub's role */
	const char *scope;          /* "SW4", "NCP24-09", "School 100000", or NULL: every hub */
	const char *phase;          /* an AMHL's phase ("Primary", "Secondary", "Post-16"), or NULL */
	int64_t granted_at;
	const char *reason;
};

/* What the programme holds of a person besides their account. */
struct person_details {
	const char *school_urn;     /* NULL: none */
	const char *school_name;    /* "" when the school is not in the register */
	const char *job_title;      /* "" when not known */
	int64_t deactivated_at;     /* 0 unless deactivated */
	const char *deactivated_by; /* who deactivated them, or "" */
	struct school_ref *school;  /* person_page_read's: their school as the register has it now (closed, and
				     * what replaced it: registry.h); NULL elsewhere, or with no school */
};

/* The person id, with what person_subject_load reads: who a page of
 * theirs is about. */
struct person_subject {
	struct req *rq;
	int64_t id;
	struct person person;
	struct person_details details;
	struct grant_row *grants; /* oldest first */
	size_t ngrants;
};

/* The person (ERR_NOT_FOUND if none), their details and their roles, in the
 * caller's transaction. */
enum err person_subject_load(struct db *db, struct person_subject *s);

/* person_subject_load as the body of a read transaction (an edit page's GET). */
enum err person_subject_read(struct db *db, void *ctx);

/* The person's page: the person, with the give-a-role form's hubs and
 * projects (when with_offer) and every module's part (module.h), read by
 * person_page_read. */
struct person_page {
	struct person_subject s;
	bool with_offer;
	struct grant_offer offer; /* its roles set by the caller; hubs and projects read */
	void **parts;             /* what each person_part read, in module_person_parts' order */
	size_t nparts;
};

/* Everything the person's page shows, in one read transaction: the
 * person (ERR_NOT_FOUND if none), their details and roles (their school
 * with what replaced it, when it has closed), the offer's hubs and
 * projects (with_offer), and each module's part. */
enum err person_page_read(struct db *db, void *ctx);


/* Sets person id's school (NULL: none) and job title. */
enum err person_details_set(struct db *db, int64_t id, const char *urn, const char *job_title);

/* Sets person id's email address (normalised; the caller has checked no
 * one else holds it: ERR_CONFLICT if someone does), ends the links and the
 * sign-in code sent to the old one (used at now). */
enum err person_email_set(struct db *db, int64_t id, const char *email, int64_t now);

/* Deactivates person id (by person by, at now): they cannot sign in; their
 * sessions end, their unused links and any sign-in code in flight stop
 * working. Their row, roles and history stay. */
enum err person_deactivate(struct db *db, int64_t id, int64_t by, int64_t now);

/* Reactivates person id: they can sign in again with what they had. */
enum err person_reactivate(struct db *db, int64_t id);

/* Loads o's hubs and projects into rq's arena (in the caller's transaction;
 * again when it is retried). */
enum err grant_offer_load(struct db *db, const struct req *rq, struct grant_offer *o);

/* Gives c to person_id, by the person signed in, with reason: the
 * role_grants row and its audit line, in the caller's transaction.
 * ERR_CONFLICT, and nothing written, when they hold that role for that hub,
 * project or school already (a unique index, role_grants_once). */
enum err grant_insert(struct db *db, const struct req *rq, int64_t person_id, const struct role_choice *c,
		      const char *reason);

/* Deletes grant grant_id of person_id and sets *role to its role's key (in
 * a's memory). ERR_NOT_FOUND, and nothing deleted, when person_id has no
 * such grant. The caller writes the audit line. */
enum err grant_revoke(struct db *db, struct arena *a, int64_t grant_id, int64_t person_id, const char **role);

/* Clears how person_id signs in: their password, second factors, codes
 * and lockout; deletes their recovery codes and sessions; marks their
 * unused one-time links used at now. The caller creates the new set-up
 * link and writes the audit line. */
enum err person_sign_in_reset(struct db *db, int64_t person_id, int64_t now);

/* Whether person_id holds g's role for g's hub, project or school
 * (role_grants_once): *has. */
enum err person_holds_grant(struct db *db, int64_t person_id, const struct grant *g, bool *has);

/* Sets a new person's school (its URN, or NULL / "" for none) and job
 * title (NULL / "" for none). */
enum err person_set_school_job(struct db *db, int64_t person_id, const char *urn, const char *job_title);


/* ---- many people at once (the demo data) ---- */

/* Columns of a row of people_insert_many: email (normalised), name, active
 * (0 or 1), created_at, school_urn (or NULL), job_title, deactivated_at
 * (or NULL). */
#define PEOPLE_MANY_COLUMNS 7
/* Inserts n new people (values: n rows of PEOPLE_MANY_COLUMNS) in bulk
 * (db_insert_many); an address held already fails the whole statement. */
enum err people_insert_many(struct db *db, const struct db_value *values, size_t n);
/* Calls fn for every person: their id and email address. */
enum err people_each(struct db *db, void (*fn)(void *ctx, int64_t id, const char *email), void *ctx);
/* Columns of a row of grants_insert_many: person_id, role (its key),
 * hub_id, project_id, school_urn (each or NULL), granted_at, reason. */
#define GRANTS_MANY_COLUMNS 7
/* Gives n roles (values: n rows of GRANTS_MANY_COLUMNS) in bulk. */
enum err grants_insert_many(struct db *db, const struct db_value *values, size_t n);
/* Calls fn for every role given: its id, person and role's key. */
enum err grants_each(struct db *db, void (*fn)(void *ctx, int64_t id, int64_t person_id, const char *role), void *ctx);

/* ---- uploads of people waiting for their confirmation ---- */

/* Removes the uploads that expired before now (whoever made them). */
enum err upload_purge(struct db *db, int64_t now);

/* Keeps an upload: its token's hash, the uploader's session and person,
 * the file's name, its rows (JSON text), until expires_at. */
enum err upload_insert(struct db *db, const char *token_hash, const char *session_hash, int64_t person_id,
		       const char *file_name, const char *rows_json, int64_t now, int64_t expires_at);

/* An upload, as upload_load reads it. */
struct upload_stored {
	const char *file_name, *rows_json; /* rows_json "" once used */
	int64_t created_at, expires_at, used_at; /* used_at 0: not yet */
};

/* The upload of token_hash, made in session session_hash by person_id and
 * not expired at now, into a's memory; ERR_NOT_FOUND if there is none. */
enum err upload_load(struct db *db, struct arena *a, const char *token_hash, const char *session_hash, int64_t person_id,
		     int64_t now, struct upload_stored *u);

/* Marks the upload used at now and clears its rows. */
enum err upload_use(struct db *db, const char *token_hash, int64_t now);

/* ---- the audit log ---- */

/* One entry of the log. */
struct audit_row {
	int64_t at;
	const char *who, *action, *subject, *ip, *request_id, *detail; /* who: "" for nobody signed in */
};

/* The entries a filter matches (email and action "" for any; from_t <= at
 * < to_t), newest first, at most limit; read by audit_read. */
struct audit_entries {
	const char *email, *action;
	int64_t from_t, to_t;
	int64_t limit;
	struct arena *a;
	struct audit_row *rows;
	size_t n;
};

/* Reads the entries, in one read transaction, into e->rows. */
enum err audit_read(struct db *db, void *ctx);

/* ---- undelivered mail ---- */

/* One undelivered message. */
struct outbox_row {
	int64_t created_at, next_attempt_at;
	const char *to, *subject, *attempts, *last_error;
};

struct outbox_view {
	struct arena *a;
	struct outbox_row *rows; /* oldest first */
	size_t n;
};

/* The undelivered mail (at most 500), in one read transaction. */
enum err outbox_read(struct db *db, void *ctx);

#endif

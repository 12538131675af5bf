/*
 * upload.c - /admin/people/upload: adding many people from a CSV file,
 * for national administrators and hub leadership (CAP_PEOPLE_ADD, each in
 * their own scope, with the roles they may give on the add-person form):
 * a template to download; the file uploaded and every row checked, every
 * problem listed with its line and column (nothing kept); a file without
 * problems kept in the database (people_uploads: any process may take the
 * confirmation), bound to the uploader's session, for an hour, and shown
 * for checking; then "Add" adds them all in one transaction, through the
 * same code as adding one person (add.h), or none. A second "Add" of the
 * same file adds nobody.
 */
#include <string.h>

#include "admin/admin.h"
#include "admin/upload.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/url.h"
#include "db/db.h"
#include "http/request.h"

static void view_init(struct req *rq, struct upload_view *v)
{
	memset(v, 0, sizeof(*v));
	v->rq = rq;
	add_scope_init(rq, &v->scope);
}

/* ---- the start page and the template ---- */

/* The offer's hubs, for what the page says of hub codes. */
static enum err upload_offer_read(struct db *db, void *ctx)
{
	struct upload_view *v = ctx;
	return grant_offer_load(db, v->rq, &v->scope.offer);
}

enum err admin_upload_page(struct req *rq, struct resp *rs)
{
	struct upload_view v;
	view_init(rq, &v);
	enum err e = db_transact(rq->db, DB_READ, upload_offer_read, &v);
	if (e)
		return e;
	upload_start_render(rs, &v, NULL);
	return ERR_OK;
}

enum err admin_upload_template(struct req *rq, struct resp *rs)
{
	(void)rq;
	struct csv_writer w = resp_csv(rs, "attachment; filename=\"people-template.csv\"");
	csv_row(&w, upload_col_names, UC_COUNT);
	return ERR_OK;
}

/* ---- the upload: checked, and kept when it has no problem ---- */

/* Every row checked; with no problem, the rows kept under a new token. */
static enum err upload_store(struct db *db, void *ctx)
{
	struct upload_view *v = ctx;
	struct req *rq = v->rq;
	v->token[0] = '\0';
	enum err e = upload_check(db, v);
	if (e || v->nproblems)
		return e;
	const char *json = upload_rows_json(v);
	if (!json)
		return ERR_INVALID; /* jansson refused a value: not UTF-8 (the file was made UTF-8 before) */
	int64_t now = clock_now();
	char token_hash_text[TOKEN_HASH_LEN + 1];
	token_new(v->token);
	token_hash(v->token, token_hash_text);
	if ((e = upload_purge(db, now)))
		return e;
	return upload_insert(db, token_hash_text, rq->session->token_hash, rq->session->person_id, v->file_name, json, now,
			     now + UPLOAD_SECONDS);
}

enum err admin_upload_post(struct req *rq, struct resp *rs)
{
	struct upload_view v;
	view_init(rq, &v);
	const struct req_file *f = req_file(rq, "file");
	const char *problem = NULL;
	if (!f || (!f->filename[0] && !f->len))
		problem = "Select a CSV file of people";
	else if (strlen(f->filename) > 200)
		problem = "The selected file's name must be 200 characters or less";
	if (!problem) {
		const char *slash = strrchr(f->filename, '/'), *back = strrchr(f->filename, '\\');
		v.file_name = slash ? slash + 1 : back ? back + 1 : f->filename; /* some browsers send a path */
		upload_file_read(rq->arena, f->data, f->len, &v.file);
		problem = v.file.problem;
	}
	enum err e = ERR_OK;
	if (!problem && (e = db_transact(rq->db, DB_WRITE, upload_store, &v)))
		return e;
	if (!problem && !v.nproblems) {
		resp_redirect(rs, 303, url_path(rq->arena, "/admin/people/upload/", v.token));
		return ERR_OK;
	}
	if (problem && (e = db_transact(rq->db, DB_READ, upload_offer_read, &v)))
		return e;
	rs->status = 400;
	upload_start_render(rs, &v, problem);
	return ERR_OK;
}

/* ---- the check, and the confirmation ---- */

/* The upload of the token in the path, made in this session (v->gone when
 * there is none, or it has expired; v->used once added), and its rows. */
static enum err upload_take(struct db *db, struct upload_view *v)
{
	struct req *rq = v->rq;
	char h[TOKEN_HASH_LEN + 1];
	token_hash(req_param(rq, "token"), h);
	v->gone = v->used = false;
	enum err e = upload_load(db, rq->arena, h, rq->session->token_hash, rq->session->person_id, clock_now(), &v->stored);
	if (e == ERR_NOT_FOUND) {
		v->gone = true;
		return ERR_OK;
	}
	if (e)
		return e;
	v->file_name = v->stored.file_name;
	if (v->stored.used_at) {
		v->used = true;
		return ERR_OK;
	}
	return upload_rows_from_json(v, v->stored.rows_json) ? ERR_OK : ERR_DB;
}

/* The page's read: the upload and its rows checked again (the register
 * may have changed since). */
static enum err upload_review_read(struct db *db, void *ctx)
{
	struct upload_view *v = ctx;
	enum err e = upload_take(db, v);
	return e || v->gone || v->used ? e : upload_check(db, v);
}

static enum err upload_gone(struct req *rq, struct resp *rs)
{
	(void)rq;
	return resp_error_page(rs, 404, "This file is no longer waiting to be added",
			       "A file you upload waits an hour for you to add its people, and only in the session you uploaded it in. "
			       "Upload it again.", "/admin/people/upload", "Upload a file of people");
}

enum err admin_upload_review(struct req *rq, struct resp *rs)
{
	struct upload_view v;
	view_init(rq, &v);
	enum err e = db_transact(rq->db, DB_READ, upload_review_read, &v);
	if (e)
		return e;
	if (v.gone)
		return upload_gone(rq, rs);
	if (v.used)
		return resp_error_page(rs, 410, "These people have been added already",
				       arena_printf(rq->arena, "The people in %s were added when you chose to add them.", v.file_name),
				       "/admin/people", "See the people");
	if (v.nproblems)
		rs->status = 400; /* the register changed since: nothing can be added as it is */
	upload_review_render(rs, &v);
	return ERR_OK;
}

/* Everyone added, or no one: the rows checked again, then each added as
 * one person is added, the upload used, its audit line, the confirmation. */
static enum err upload_confirm(struct db *db, void *ctx)
{
	struct upload_view *v = ctx;
	struct req *rq = v->rq;
	enum err e = upload_take(db, v);
	if (e || v->gone)
		return e;
	if (v->used)
		return session_flash(rq, arena_printf(rq->arena, "The people in %s had been added already.", v->file_name));
	if ((e = upload_check(db, v)) || v->nproblems)
		return e;
	const char *reason = arena_printf(rq->arena, "added from the file %s", v->file_name);
	size_t added = 0, given = 0, had = 0;
	for (size_t i = 0; i < v->file.nrows; i++) {
		const struct row_check *c = &v->checks[i];
		if (c->repeat)
			continue;
		enum add_outcome done;
		if ((e = person_add(db, rq, &v->scope, &c->p, true, reason, &done)))
			return e;
		if (done == ADD_NEW)
			added++;
		else if (done == ADD_ROLE_GIVEN && !c->new_person)
			given++;
		else if (done == ADD_HAS_ROLE)
			had++;
		else if (done != ADD_ROLE_GIVEN)
			return ERR_CONFLICT; /* upload_check found none of the others, in this transaction */
	}
	char h[TOKEN_HASH_LEN + 1];
	token_hash(req_param(rq, "token"), h);
	if ((e = upload_use(db, h, clock_now())) ||
	    (e = audit(db, rq, rq->session->person_id, "people_uploaded", arena_printf(rq->arena, "file:%s", v->file_name),
		       arena_printf(rq->arena, "%zu rows: %zu people added, %zu roles given to people already on Maths Hubs, %zu had them already",
				    v->file.nrows, added, given, had))))
		return e;
	const char *people = arena_printf(rq->arena, "%zu %s added from %s and emailed an invitation to sign up.", added,
					  added == 1 ? "person" : "people", v->file_name);
	const char *roles = arena_printf(rq->arena, "%zu role%s given to %s already on Maths Hubs", given, given == 1 ? "" : "s",
					 given == 1 ? "someone" : "people");
	return session_flash(rq, !given ? people
				 : !added ? arena_printf(rq->arena, "%s, from %s.", roles, v->file_name)
					  : arena_printf(rq->arena, "%s %s.", people, roles));
}

enum err admin_upload_confirm(struct req *rq, struct resp *rs)
{
	struct upload_view v;
	view_init(rq, &v);
	enum err e = db_transact(rq->db, DB_WRITE, upload_confirm, &v);
	if (e)
		return e;
	if (v.gone)
		return upload_gone(rq, rs);
	if (v.nproblems) {
		rs->status = 400;
		upload_review_render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, "/admin/people");
	return ERR_OK;
}

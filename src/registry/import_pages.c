/*
 * import_pages.c - /admin/schools/import, for national administrators
 * (CAP_SCHOOLS_IMPORT): GIAS's establishments file (and its links file)
 * uploaded (a route with RF_UPLOAD: up to --max-upload bytes), read and
 * checked by the same code as `mathshubs import-gias` without writing a
 * school (a dry run: what would be new, updated, closed, unchanged, and
 * every row that cannot be imported), its valid rows kept in the database
 * (school_imports, import_stage.h) bound to the uploader's session for an
 * hour, so the confirmation may reach any process; the check's page; then
 * the confirmation imports them, again through that code, in one
 * transaction, and answers 303 to the result. A second confirmation
 * imports nothing. The check keeps the registry's fingerprint
 * (gias_import.h): when the registry has changed since (another import),
 * the confirmation imports nothing, checks the file again and answers 409
 * with the new check, to be confirmed again. Every row that cannot be
 * imported is kept with the upload (school_imports.rejected: JSON, every
 * one; the page lists the first) and downloaded as the command's report
 * (.../rejected.csv: gias_rejected_header and gias_rejected_row, as
 * `import-gias --skip-invalid` writes it).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/encoding.h"
#include "core/utf8.h"
#include "core/url.h"
#include "db/db.h"
#include "registry/import_pages.h"
#include "registry/import_stage.h"
#include "registry/queries.h"

static void view_init(struct req *rq, struct import_view *v)
{
	memset(v, 0, sizeof(*v));
	v->rq = rq;
}

/* ---- the upload form ---- */

enum err registry_import_page(struct req *rq, struct resp *rs)
{
	struct import_view v;
	view_init(rq, &v);
	import_form_render(rs, &v);
	return ERR_OK;
}

static const char *const FIELDS[2] = {"establishments", "links"};

/* The uploads's JSON: its files, and its first rejected rows. */
static const char *files_json(struct arena *a, const struct gias_run *run)
{
	json_t *j = json_array();
	for (size_t i = 0; i < run->nfiles; i++)
		json_array_append_new(j, json_pack("{s:s, s:s, s:s, s:s, s:I}", "name", run->files[i].name, "kind",
						   FIELDS[run->files[i].kind == GIAS_LINKS], "encoding", run->encoding[i],
						   "encoding_note", run->encoding_note[i], "rows",
						   (json_int_t)run->file_rows[i]));
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	char *out = s ? arena_strdup(a, s) : NULL;
	free(s);
	return out;
}

struct check {
	struct import_view *v;
	const struct req_file *uploads[2];
	struct memory_file mem[2];
	struct gias_run run;
	struct stage stage;
	json_t *rejected; /* every rejected row, as school_imports.rejected keeps them */
};

/* gias_run's each_school, each_link and each_rejected (ctx: the check):
 * the valid rows staged, the rejected ones kept. */
static enum err check_school(void *ctx, const struct gias_school *s)
{
	return stage_school(&((struct check *)ctx)->stage, s);
}

static enum err check_link(void *ctx, const struct gias_link *l)
{
	return stage_link(&((struct check *)ctx)->stage, l);
}

static enum err check_rejected(void *ctx, const struct gias_rejected *r)
{
	json_t *row = json_pack("{s:s, s:I, s:s, s:s, s:s}", "file", r->file, "line", (json_int_t)r->line, "urn", r->urn,
				"name", r->name, "reason", r->reason);
	return row && !json_array_append_new(((struct check *)ctx)->rejected, row) ? ERR_OK : ERR_DB; /* not UTF-8 */
}

static const char *rejected_json(struct arena *a, const json_t *rejected)
{
	char *s = json_dumps(rejected, JSON_COMPACT);
	char *out = s ? arena_strdup(a, s) : NULL;
	free(s);
	return out;
}

/* The body of the upload's write: the upload stored, its files read as
 * the import would read them (a dry run), their valid rows kept, what
 * importing would do noted. A file that cannot be read at all is
 * ERR_INVALID (run.msg, run.failed_file): nothing is kept. */
static enum err import_check_write(struct db *db, void *ctx)
{
	struct check *c = ctx;
	struct import_view *v = c->v;
	struct req *rq = v->rq;
	gias_run_free(&c->run);
	c->run = (struct gias_run){.dry_run = true, .skip_invalid = true, .each_school = check_school,
				   .each_link = check_link, .each_rejected = check_rejected, .each_ctx = c};
	json_array_clear(c->rejected);
	for (size_t i = 0; i < 2; i++) {
		const struct req_file *f = c->uploads[i];
		if (!f)
			continue;
		const char *slash = strrchr(f->filename, '/'), *back = strrchr(f->filename, '\\');
		const char *name = slash ? slash + 1 : back ? back + 1 : f->filename; /* some browsers send a path */
		memory_file(&c->mem[i], f->data, f->len, name, i ? GIAS_LINKS : GIAS_ESTABLISHMENTS,
			    encoding_detect(f->data, f->len), &c->run.files[c->run.nfiles++]);
	}
	int64_t now = clock_now(), id;
	char hash[TOKEN_HASH_LEN + 1];
	token_new(v->token);
	token_hash(v->token, hash);
	enum err e;
	if ((e = school_imports_purge(db, now)) ||
	    (e = school_import_insert(db, hash, rq->session->token_hash, rq->session->person_id, now, now + IMPORT_SECONDS,
				      &id)))
		return e;
	stage_init(&c->stage, db, id);
	if ((e = gias_import_run(db, &c->run)) || (e = stage_flush(&c->stage)))
		return e;
	const char *files = files_json(rq->arena, &c->run), *rejected = rejected_json(rq->arena, c->rejected);
	if (!files || !rejected)
		return ERR_DB;
	struct import_outcome o;
	import_outcome_of(&o, &c->run);
	return school_import_checked(db, id, files, import_outcome_json(rq->arena, &o), rejected);
}

/* A message for the file field: "The selected file ..." */
static const char *file_problem(struct arena *a, const char *why)
{
	return arena_printf(a, "The selected file cannot be imported: %s", why);
}

enum err registry_import_post(struct req *rq, struct resp *rs)
{
	struct import_view v;
	view_init(rq, &v);
	struct check c = {.v = &v, .rejected = json_array()};
	for (size_t i = 0; i < 2; i++) {
		const struct req_file *f = req_file(rq, FIELDS[i]);
		if (!f || (!f->filename[0] && !f->len))
			continue;
		const char *problem = !f->len ? "The selected file is empty"
				      : strlen(f->filename) > 200 ? "The selected file's name must be 200 characters or less"
								  : NULL;
		if (problem)
			v.errors[v.nerrors++] = (struct govuk_error){FIELDS[i], problem};
		c.uploads[i] = f;
	}
	if (!c.uploads[0] && !c.uploads[1])
		v.errors[v.nerrors++] = (struct govuk_error){FIELDS[0], "Select GIAS's establishments file"};
	enum err e = ERR_OK;
	if (!v.nerrors) {
		e = db_transact(rq->db, DB_WRITE, import_check_write, &c);
		if (e == ERR_INVALID && c.run.failed_file >= 0) {
			/* the message without the file's name, which the field shows */
			const char *msg = c.run.msg, *name = c.run.files[c.run.failed_file].name;
			if (!strncmp(msg, name, strlen(name)) && !strncmp(msg + strlen(name), ": ", 2))
				msg += strlen(name) + 2;
			bool links = c.run.files[c.run.failed_file].kind == GIAS_LINKS;
			v.errors[v.nerrors++] = (struct govuk_error){FIELDS[links], file_problem(rq->arena, msg)};
			e = ERR_OK;
		}
	}
	stage_free(&c.stage);
	gias_run_free(&c.run);
	json_decref(c.rejected);
	if (e)
		return e;
	if (v.nerrors) {
		rs->status = 400;
		import_form_render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, url_path(rq->arena, "/admin/schools/import/", v.token));
	return ERR_OK;
}

/* ---- an upload: its check, its confirmation, its result ---- */

static bool files_from_json(struct import_view *v, const char *text)
{
	json_t *j = json_loads(text, 0, NULL);
	size_t i;
	json_t *f;
	bool ok = json_is_array(j) && json_array_size(j) <= 2;
	json_array_foreach(ok ? j : NULL, i, f) {
		const char *name, *kind, *enc, *note = "";
		json_int_t rows;
		if (json_unpack(f, "{s:s, s:s, s:s, s?s, s:I}", "name", &name, "kind", &kind, "encoding", &enc,
				"encoding_note", &note, "rows", &rows)) {
			ok = false;
			break;
		}
		struct arena *a = v->rq->arena;
		v->files[v->nfiles++] = (struct import_file_view){arena_strdup(a, name), arena_strdup(a, kind),
								  arena_strdup(a, enc), arena_strdup(a, note), rows};
	}
	json_decref(j);
	return ok;
}

/* Text cut to at most max bytes, between characters, with "..." when cut. */
static const char *cut(struct arena *a, const char *s, size_t max)
{
	size_t n = strlen(s);
	return n <= max ? arena_strdup(a, s) : arena_printf(a, "%.*s...", (int)utf8_cut(s, max), s);
}

/* The rejected rows kept (JSON: school_imports.rejected), each to each(ctx,
 * row) in order, until it returns false; false when the JSON is not such. */
static bool rejected_each(const char *text, bool (*each)(void *ctx, const struct gias_rejected *r), void *ctx)
{
	json_t *j = json_loads(text, 0, NULL);
	bool ok = json_is_array(j);
	size_t i;
	json_t *row;
	json_array_foreach(ok ? j : NULL, i, row) {
		struct gias_rejected r;
		json_int_t line;
		if (json_unpack(row, "{s:s, s:I, s:s, s:s, s:s}", "file", &r.file, "line", &line, "urn", &r.urn, "name",
				&r.name, "reason", &r.reason) || line < 0) {
			ok = false;
			break;
		}
		r.line = (size_t)line;
		if (!each(ctx, &r))
			break;
	}
	json_decref(j);
	return ok;
}

/* The first IMPORT_REJECTED_SHOWN rows, for the page (long values cut). */
static bool rejected_shown(void *ctx, const struct gias_rejected *r)
{
	struct import_view *v = ctx;
	struct arena *a = v->rq->arena;
	v->rejected[v->nrejected++] = (struct import_rejected_view){arena_strdup(a, r->file), cut(a, r->urn, 15), cut(a, r->name, 200),
								    cut(a, r->reason, 300), (int64_t)r->line};
	return v->nrejected < IMPORT_REJECTED_SHOWN;
}

static bool rejected_from_json(struct import_view *v, const char *text)
{
	v->rejected = arena_alloc(v->rq->arena, IMPORT_REJECTED_SHOWN * sizeof(*v->rejected));
	return rejected_each(text, rejected_shown, v);
}

/* The upload of the token in the path, made in this session (v->gone when
 * there is none, or it has expired), read into v. */
static enum err import_take(struct db *db, struct import_view *v)
{
	struct req *rq = v->rq;
	char hash[TOKEN_HASH_LEN + 1];
	token_hash(req_param(rq, "token"), hash);
	v->gone = v->imported = false;
	v->nfiles = v->nrejected = 0;
	struct school_import s;
	enum err e = school_import_load(db, rq->arena, hash, rq->session->token_hash, rq->session->person_id, clock_now(),
					&s);
	if (e == ERR_NOT_FOUND) {
		v->gone = true;
		return ERR_OK;
	}
	if (e)
		return e;
	v->id = s.id;
	v->imported = s.imported_at != 0;
	v->rejected_json = s.rejected;
	if (!files_from_json(v, s.files) || !rejected_from_json(v, s.rejected) ||
	    !import_outcome_from_json(s.checked, &v->checked) ||
	    (v->imported && !import_outcome_from_json(s.result, &v->result)))
		return ERR_DB;
	return ERR_OK;
}

static enum err import_read(struct db *db, void *ctx)
{
	return import_take(db, ctx);
}

static enum err import_gone(struct resp *rs)
{
	return resp_error_page(rs, 404, "This file is no longer waiting to be imported",
			       "A file you upload waits an hour for you to import it, and only in the session you "
			       "uploaded it in. Upload it again.",
			       "/admin/schools/import", "Import schools from GIAS");
}

/* The check page's and the rejected rows' shared start: the upload of the
 * token in the path, made in this session, read into v in one read
 * transaction. False when there is none to show: *e is then what the handler
 * answers (the 404 page when it is gone or expired, or the database's error). */
static bool import_load(struct req *rq, struct resp *rs, struct import_view *v, enum err *e)
{
	view_init(rq, v);
	*e = db_transact(rq->db, DB_READ, import_read, v);
	if (!*e && v->gone)
		*e = import_gone(rs);
	return !*e && !v->gone;
}

enum err registry_import_check(struct req *rq, struct resp *rs)
{
	struct import_view v;
	enum err e;
	if (!import_load(rq, rs, &v, &e))
		return e;
	if (v.imported)
		import_result_render(rs, &v);
	else
		import_check_render(rs, &v);
	return ERR_OK;
}

/* ---- every rejected row, as a CSV file ---- */

static bool rejected_written(void *ctx, const struct gias_rejected *r)
{
	gias_rejected_row(ctx, r);
	return true;
}

/* The uploaded file's name without ".csv", as the command names its report
 * ("edubasealldata" for "edubasealldata-rejected.csv"); only letters, digits,
 * '-', '_' and '.' kept (others '_'): it goes into a header. */
static const char *report_name(struct arena *a, const char *file)
{
	size_t n = strlen(file);
	if (n > 4 && !strcasecmp(file + n - 4, ".csv"))
		n -= 4;
	char *out = arena_strndup(a, file, n);
	for (char *p = out; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-_.", *p)))
			*p = '_';
	return out[0] ? out : "gias";
}

enum err registry_import_rejected(struct req *rq, struct resp *rs)
{
	struct import_view v;
	enum err e;
	if (!import_load(rq, rs, &v, &e))
		return e;
	struct csv_writer w = resp_csv(rs, arena_printf(rq->arena, "attachment; filename=\"%s-rejected.csv\"",
							 report_name(rq->arena, v.nfiles ? v.files[0].name : "")));
	gias_rejected_header(&w);
	return rejected_each(v.rejected_json, rejected_written, &w) ? ERR_OK : ERR_DB;
}

/* The name of the upload's file of kind ("establishments", "links"), or of
 * the other one (a download's links come with its establishments). */
static const char *file_name(const struct import_view *v, const char *kind)
{
	for (size_t i = 0; i < v->nfiles; i++)
		if (!strcmp(v->files[i].kind, kind))
			return v->files[i].name;
	return v->nfiles ? v->files[0].name : "";
}

struct confirm {
	struct import_view *v;
	struct staged staged[2];
	struct gias_run run;
};

/* The body of the confirmation: the kept rows imported through the same
 * code as the command, the upload marked imported (its rows dropped), the
 * confirmation left for the result page. When the registry is not as the
 * check found it, nothing is imported: the check made again is kept
 * (v->stale, v->checked) for the person to confirm. */
static enum err import_confirm_write(struct db *db, void *ctx)
{
	struct confirm *c = ctx;
	struct import_view *v = c->v;
	struct req *rq = v->rq;
	v->again = v->stale = false;
	enum err e = import_take(db, v);
	if (e || v->gone)
		return e;
	if (v->imported) {
		v->again = true;
		return session_flash(rq, arena_printf(rq->arena, "%s had been imported already.",
						      file_name(v, "establishments")));
	}
	const struct gias_counts *k = &v->checked.counts;
	gias_run_free(&c->run);
	c->run = (struct gias_run){.rq = rq, .actor_id = rq->session->person_id, .rejected_before = k->rejected,
				   .skipped_before = k->skipped, .links_rejected_before = k->links_rejected,
				   .register_was = v->checked.fingerprint};
	if (k->created + k->updated + k->closed + k->unchanged + k->older)
		staged_file(&c->staged[0], db, v->id, GIAS_ESTABLISHMENTS, file_name(v, "establishments"),
			    &c->run.files[c->run.nfiles++]);
	if (k->links_created + k->links_updated + k->links_unchanged)
		staged_file(&c->staged[1], db, v->id, GIAS_LINKS, file_name(v, "links"), &c->run.files[c->run.nfiles++]);
	if (!c->run.nfiles) /* no row could be imported: the page offers nothing to confirm */
		return session_flash(rq, arena_printf(rq->arena, "No row of %s can be imported.",
						      file_name(v, "establishments")));
	if ((e = gias_import_run(db, &c->run)))
		return e;
	struct import_outcome o;
	import_outcome_of(&o, &c->run);
	if (c->run.stale) { /* checked again: nothing imported */
		v->stale = true;
		v->checked = o;
		return school_import_rechecked(db, v->id, import_outcome_json(rq->arena, &o));
	}
	int64_t now = clock_now();
	if ((e = school_import_done(db, v->id, now, import_outcome_json(rq->arena, &o), now + IMPORT_SECONDS)))
		return e;
	const char *name = file_name(v, "establishments");
	bool schools = c->run.files[0].kind == GIAS_ESTABLISHMENTS;
	return session_flash(rq, gias_counts_nothing_changed(&c->run.counts)
					 ? arena_printf(rq->arena, "Nothing changed: the registry already had every %s as "
								   "%s has it.", schools ? "school" : "link", name)
					 : arena_printf(rq->arena, "%s imported from %s.", schools ? "Schools" : "Links",
							name));
}

enum err registry_import_confirm(struct req *rq, struct resp *rs)
{
	struct import_view v;
	view_init(rq, &v);
	struct confirm c = {.v = &v};
	enum err e = db_transact(rq->db, DB_WRITE, import_confirm_write, &c);
	for (size_t i = 0; i < 2; i++)
		staged_free(&c.staged[i]);
	gias_run_free(&c.run);
	if (e)
		return e;
	if (v.gone)
		return import_gone(rs);
	if (v.stale) { /* the check made again, to confirm again */
		rs->status = 409;
		import_check_render(rs, &v);
		return ERR_OK;
	}
	resp_redirect(rs, 303, url_path(rq->arena, "/admin/schools/import/", req_param(rq, "token")));
	return ERR_OK;
}

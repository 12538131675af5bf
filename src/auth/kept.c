/*
 * kept.c - text kept when a long form is sent after the session ended
 * (kept.h).
 */
#include "auth/kept.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/url.h"
#include "core/workdays.h"
#include "db/db.h"
#include "db/rows.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

static const char SQL_KEEP[] =
	"INSERT INTO kept_forms (person_id, path, fields, kept_at) VALUES ($1, $2, $3, $4) "
	"ON CONFLICT (person_id, path) DO UPDATE SET fields = excluded.fields, kept_at = excluded.kept_at";
static const char SQL_PURGE[] = "DELETE FROM kept_forms WHERE kept_at < $1";
/* a person's newest KEPT_MAX pages only: a lapsed session cannot fill the table */
static const char SQL_TRIM[] =
	"DELETE FROM kept_forms WHERE person_id = $1 AND path NOT IN "
	"(SELECT path FROM kept_forms WHERE person_id = $1 ORDER BY kept_at DESC, path LIMIT " KEPT_MAX_TEXT ")";
static const char SQL_READ[] = "SELECT fields, kept_at FROM kept_forms WHERE person_id = $1 AND path = $2 AND kept_at >= $3";
static const char SQL_LIST[] =
	"SELECT path, kept_at FROM kept_forms WHERE person_id = $1 AND kept_at >= $2 ORDER BY kept_at DESC, path "
	"LIMIT " KEPT_MAX_TEXT;
static const char SQL_DROP[] = "DELETE FROM kept_forms WHERE person_id = $1 AND path = $2";

struct keep {
	struct req *rq;
	const char *fields;
};

static enum err keep_write(struct db *db, void *ctx)
{
	struct keep *k = ctx;
	int64_t now = clock_now();
	int64_t person = k->rq->lapsed->person_id;
	enum err e = db_run(db, SQL_PURGE, DB_I(now - KEPT_SECONDS));
	if (!e)
		e = db_run(db, SQL_KEEP, DB_I(person), DB_S(k->rq->path), DB_S(k->fields), DB_I(now));
	return e ? e : db_run(db, SQL_TRIM, DB_I(person));
}

enum err kept_answer(struct req *rq, struct resp *rs)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < rq->nform; i++) {
		if (!strcmp(rq->form[i].name, "csrf_token"))
			continue;
		json_array_append_new(arr, json_pack("[ss]", rq->form[i].name, rq->form[i].value));
	}
	char *text = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	struct keep k = {rq, text ? arena_strdup(rq->arena, text) : "[]"};
	free(text);
	enum err e = db_transact_named(rq->db, DB_WRITE, "kept_write", keep_write, &k);
	if (e) {
		log_msg("warn", "kept: could not keep a form sent after its session ended");
		return e;
	}
	rs->status = 401;
	resp_header(rs, "WWW-Authenticate", "Cookie realm=\"mathshubs\"");
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = "You were signed out"});
	H_RAW(&w, "<p class=\"govuk-body\">You were signed out after a time without activity, so what you sent has not "
		  "been saved yet.</p>\n<p class=\"govuk-body\">We have kept what you typed, for a week. Sign in: your "
		  "home page links to the page, where it will be there for you to check and save.</p>\n"
		  "<a class=\"govuk-button\" data-module=\"govuk-button\" href=\"/sign-in\">Sign in</a>\n");
	page_end(&w);
	return ERR_OK;
}

static void kept_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct kept *k = el;
	k->kept_at = db_col_int(st, 1);
	json_t *arr = json_loads(db_col_text(st, 0), 0, NULL);
	size_t n = json_array_size(arr), i;
	k->fields = arena_alloc(a, (n + 1) * sizeof(*k->fields));
	k->n = 0;
	json_t *pair;
	json_array_foreach(arr, i, pair)
	{
		const char *name = json_string_value(json_array_get(pair, 0)), *value = json_string_value(json_array_get(pair, 1));
		if (name && value)
			k->fields[k->n++] = (struct url_param){arena_strdup(a, name), arena_strdup(a, value)};
	}
	json_decref(arr);
}

enum err kept_read(struct db *db, struct arena *a, int64_t person_id, const char *path, struct kept *out)
{
	*out = (struct kept){0};
	return db_one(db_query(db, SQL_READ, DB_I(person_id), DB_S(path), DB_I(clock_now() - KEPT_SECONDS)), a, out,
		      kept_row);
}

enum err kept_drop(struct db *db, int64_t person_id, const char *path)
{
	return db_run(db, SQL_DROP, DB_I(person_id), DB_S(path));
}

struct kept_page {
	const char *path;
	int64_t kept_at;
};

struct kept_pages {
	struct kept_page *list;
	size_t n;
};

static void page_row(struct arena *a, struct db_stmt *st, void *el)
{
	struct kept_page *p = el;
	*p = (struct kept_page){arena_strdup(a, db_col_text(st, 0)), db_col_int(st, 1)};
}

enum err kept_home_read(struct db *db, struct req *rq, void **out)
{
	struct kept_pages *k = arena_alloc(rq->arena, sizeof(*k));
	*k = (struct kept_pages){0};
	*out = k;
	return db_rows(db_query(db, SQL_LIST, DB_I(rq->session->person_id), DB_I(clock_now() - KEPT_SECONDS)), rq->arena,
		       (void **)&k->list, &k->n, sizeof(*k->list), page_row);
}

void kept_home_render(struct html *w, struct req *rq, const void *data)
{
	const struct kept_pages *k = data;
	if (!k || !k->n)
		return;
	H_RAW(w, "<div class=\"govuk-inset-text\" id=\"kept-text\"><h2 class=\"govuk-heading-m\">Text we kept for you</h2>\n"
		 "<p class=\"govuk-body\">You were signed out before it was saved. Open the page to check it and save "
		 "it.</p>\n<ul class=\"govuk-list\">");
	for (size_t i = 0; i < k->n; i++) {
		H_RAW(w, "<li><a class=\"govuk-link\"");
		H_ATTR(w, "href", k->list[i].path);
		H_RAW(w, ">");
		html_text(w, arena_printf(rq->arena, "The page you were writing on %s", london_when(rq->arena, k->list[i].kept_at)));
		H_RAW(w, "</a></li>\n");
	}
	H_RAW(w, "</ul></div>\n");
}

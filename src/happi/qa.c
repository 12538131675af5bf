/*
 * qa.c - quality assurance notes of an activity's year
 * (/activities/{id}/happi/qa): QA visits, notes on the EEF's four
 * mechanisms (build knowledge, motivate staff, develop teaching techniques,
 * embed practice) and other notes, by its MHLM link, its hub's leadership
 * and the national team. Internal: kept apart from the form (happi_qa_notes),
 * never shown to its LLMEs nor in anything the form is reported by. The
 * page lists them and adds one (a declared form; 303, audited).
 */
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "db/db.h"
#include "db/rows.h"
#include "happi/pages.h"
#include "happi/view.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

static const struct govuk_option kinds[] = {
	{"visit", "A QA visit"},
	{"mechanism", "One of the EEF's four mechanisms"},
	{"note", "Another note"},
};
static const struct govuk_option mechanisms[] = {
	{"build_knowledge", "Build knowledge"},
	{"motivate_staff", "Motivate staff"},
	{"develop_techniques", "Develop teaching techniques"},
	{"embed_practice", "Embed practice"},
};

enum { F_KIND, F_VISITED, F_MECHANISM, F_BODY, F_COUNT };
static const struct form_field qa_fields[F_COUNT] = {
	[F_KIND] = {"kind", FORM_CHOICE, "What is it about?", .required = true, .options = kinds, .noptions = 3,
		    .missing = "Select what the note is about"},
	[F_VISITED] = {"visited", FORM_DATE, "Date of the visit", .required = true, .min = 2000, .max = 2100,
		       .revealed_by = "kind", .revealed_for = "visit", .missing = "Enter the date of the visit"},
	[F_MECHANISM] = {"mechanism", FORM_CHOICE, "Which mechanism?", .required = true, .options = mechanisms,
			 .noptions = 4, .select = true, .revealed_by = "kind", .revealed_for = "mechanism",
			 .missing = "Select the mechanism"},
	[F_BODY] = {"body", FORM_TEXTAREA, "Note", .required = true, .max_chars = 5000,
		    .hint = "Kept for the hub's leadership, the MHLM link and the national team: never shown to the "
			    "activity's LLMEs or in what is reported",
		    .missing = "Enter the note"},
};
static const struct form qa_form = FORM(qa_fields);

struct qa_note {
	const char *kind, *mechanism, *visited_on, *text, *by;
	int64_t at;
};

struct qa {
	struct happi_view v;
	struct qa_note *notes;
	size_t n;
	struct form_data d;
	bool refused;
};

static const char SQL_NOTES[] =
	"SELECT q.kind, q.mechanism, q.visited_on, body, p.name, q.written_at FROM happi_qa_notes q "
	"JOIN people p ON p.id = q.written_by WHERE q.activity_id = $1 AND q.year = $2 ORDER BY q.written_at DESC, q.id DESC";
static const char SQL_ADD[] =
	"INSERT INTO happi_qa_notes (activity_id, year, kind, mechanism, visited_on, body, written_by, written_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

static void note_row(struct arena *a, struct db_stmt *st, void *el)
{
	*(struct qa_note *)el = (struct qa_note){db_col_text_or_null(a, st, 0), db_col_text_or_null(a, st, 1),
						 db_col_text_or_null(a, st, 2), db_col_text_or_null(a, st, 3),
						 db_col_text_or_null(a, st, 4), db_col_int(st, 5)};
}

static enum err qa_load(struct db *db, struct qa *q)
{
	enum err e = happi_view_load(db, &q->v);
	if (e || (q->refused = !q->v.can.qa))
		return e;
	return db_rows(db_query(db, SQL_NOTES, DB_I(q->v.id), DB_I(q->v.year)), q->v.rq->arena, (void **)&q->notes, &q->n,
		       sizeof(*q->notes), note_row);
}

static enum err qa_read(struct db *db, void *ctx)
{
	return qa_load(db, ctx);
}

static const char *option_text(const struct govuk_option *o, size_t n, const char *key)
{
	return happi_option_text(o, n, key);
}

static void render(struct resp *rs, struct qa *q)
{
	struct arena *a = q->v.rq->arena;
	struct html w = resp_html(rs);
	happi_page_begin(&w, &q->v, "Quality assurance", q->d.errors, q->d.nerrors);
	H_RAW(&w, "<h2 class=\"govuk-heading-l\">Quality assurance</h2>\n<div class=\"govuk-inset-text\">Internal: for the "
		  "hub's leadership, the MHLM link and the national team. The activity's LLMEs do not see these notes, "
		  "and they are never part of the HAPPI form or what is reported from it.</div>\n");
	for (size_t i = 0; i < q->n; i++) {
		const struct qa_note *n = &q->notes[i];
		char day[11];
		london_from_unix(n->at, day, NULL);
		const char *what = !strcmp(n->kind, "visit")
					   ? arena_printf(a, "QA visit on %s", day_words(a, n->visited_on))
				   : !strcmp(n->kind, "mechanism") ? option_text(mechanisms, 4, n->mechanism)
								   : "Note";
		H_RAW(&w, "<h3 class=\"govuk-heading-s\">");
		html_text(&w, what);
		H_RAW(&w, "</h3>\n<p class=\"govuk-body mh-pre-line\">");
		html_text(&w, n->text);
		H_RAW(&w, "</p>\n<p class=\"govuk-body-s govuk-hint\">");
		html_text(&w, arena_printf(a, "%s, %s", n->by, day_words(a, day)));
		H_RAW(&w, "</p>\n");
	}
	if (!q->n)
		H_RAW(&w, "<p class=\"govuk-body\">No notes yet this year.</p>\n");
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Add a note</h2>\n<form method=\"post\" novalidate");
	H_ATTR(&w, "action", happi_href(&q->v, "/qa"));
	H_RAW(&w, ">\n");
	govuk_csrf(&w, q->v.rq->session->csrf);
	form_fields(&w, &q->d);
	govuk_button(&w, &(struct govuk_button){.text = "Add note", .prevent_double_click = true});
	H_RAW(&w, "</form>\n");
	page_end(&w);
}

static enum err qa_write(struct db *db, void *ctx)
{
	struct qa *q = ctx;
	struct req *rq = q->v.rq;
	enum err e = qa_load(db, q); /* the notes too: a form with errors is shown with them */
	if (e || q->refused)
		return e;
	if (!form_read(&qa_form, rq->form, rq->nform, rq->arena, NULL, &q->d))
		return ERR_OK;
	const struct form_value *v = q->d.values;
	int64_t me = rq->session->person_id;
	e = db_run(db, SQL_ADD, DB_I(q->v.id), DB_I(q->v.year), DB_S(v[F_KIND].text),
		   v[F_MECHANISM].text ? DB_S(v[F_MECHANISM].text) : DB_NULL,
		   v[F_VISITED].text ? DB_S(v[F_VISITED].text) : DB_NULL, DB_S(v[F_BODY].text), DB_I(me), DB_I(clock_now()));
	if (e || (e = audit(db, rq, me, "happi_qa_added", arena_printf(rq->arena, "activity:%lld", (long long)q->v.id),
			    arena_printf(rq->arena, "%d: %s", q->v.year, v[F_KIND].text))))
		return e;
	return session_flash(rq, "Note added");
}

/* 404 (not an activity the reader reads the form of) or 403 (not QA's). */
static enum err answer(struct resp *rs, struct qa *q, enum err e)
{
	if (e == ERR_NOT_FOUND)
		return happi_not_found(rs);
	if (e)
		return e;
	return happi_refused(rs, &q->v, "Quality assurance notes are for the hub's leadership, the MHLM link and the "
					"national team.");
}

enum err happi_qa(struct req *rq, struct resp *rs)
{
	struct qa q = {.v = {.rq = rq, .id = req_param_id(rq, "id")}};
	if (!q.v.id)
		return happi_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "happi_qa_read", qa_read, &q);
	if (e || q.refused)
		return answer(rs, &q, e);
	form_empty(&qa_form, rq->arena, &q.d);
	render(rs, &q);
	return ERR_OK;
}

enum err happi_qa_post(struct req *rq, struct resp *rs)
{
	struct qa q = {.v = {.rq = rq, .id = req_param_id(rq, "id")}};
	if (!q.v.id)
		return happi_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_WRITE, "happi_qa_write", qa_write, &q);
	if (e || q.refused)
		return answer(rs, &q, e);
	if (q.d.nerrors) {
		rs->status = 400;
		render(rs, &q);
		return ERR_OK;
	}
	resp_redirect(rs, 303, happi_href(&q.v, "/qa"));
	return ERR_OK;
}

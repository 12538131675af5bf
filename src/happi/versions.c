/*
 * versions.c - every version of an activity's HAPPI form
 * (/activities/{id}/happi/versions: what was done, by whom, when, with a
 * return's comments) and any two compared side by side
 * (/happi/compare?from=3&to=5): each answer that differs, the earlier with
 * its removed words marked, the later with its added words (core/textdiff),
 * each mark also in words for screen readers. One read transaction each.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/textdiff.h"
#include "core/workdays.h"
#include "db/db.h"
#include "happi/pages.h"
#include "happi/view.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"

struct versions {
	struct happi_view v;
	struct happi_version *list;
	size_t n;
	int64_t from, to; /* compare: the versions asked for */
	struct happi_version a, b;
};

static const char *const done_words[HAPPI_ACTIONS] = {
	[HAPPI_SAVE] = "Saved", [HAPPI_SUBMIT_PLANNING] = "Planning submitted", [HAPPI_RETURN] = "Returned",
	[HAPPI_AGREE] = "Planning agreed", [HAPPI_SUBMIT_FINAL] = "Final form submitted", [HAPPI_REVIEW] = "Reviewed",
};

static enum err versions_read(struct db *db, void *ctx)
{
	struct versions *x = ctx;
	enum err e = happi_view_load(db, &x->v);
	if (e || !x->v.f.exists)
		return e ? e : ERR_NOT_FOUND;
	return happi_versions_list(db, x->v.rq->arena, x->v.id, x->v.year, &x->list, &x->n);
}

static void compare_form(struct html *w, struct versions *x)
{
	struct arena *a = x->v.rq->arena;
	struct govuk_option *o = arena_alloc(a, (x->n + 1) * sizeof(*o));
	for (size_t i = 0; i < x->n; i++)
		o[i] = (struct govuk_option){arena_printf(a, "%lld", (long long)x->list[i].version),
					     arena_printf(a, "Version %lld: %s", (long long)x->list[i].version,
							  done_words[x->list[i].action])};
	H_RAW(w, "<form method=\"get\" class=\"govuk-!-margin-bottom-6\"");
	H_ATTR(w, "action", happi_href(&x->v, "/compare"));
	H_RAW(w, ">\n");
	if (x->v.a.first_year != x->v.a.last_year) {
		H_RAW(w, "<input type=\"hidden\" name=\"year\"");
		H_ATTR(w, "value", arena_printf(a, "%d", x->v.year));
		H_RAW(w, ">\n");
	}
	int64_t from = x->from ? x->from : x->n > 1 ? x->list[1].version : 1;
	int64_t to = x->to ? x->to : x->list[0].version;
	govuk_select(w, &(struct govuk_select){"from", "Compare", NULL, NULL, arena_printf(a, "%lld", (long long)from), o,
					       x->n});
	govuk_select(w, &(struct govuk_select){"to", "with", NULL, NULL, arena_printf(a, "%lld", (long long)to), o, x->n});
	govuk_button(w, &(struct govuk_button){.text = "Compare", .variant = "secondary"});
	H_RAW(w, "</form>\n");
}

enum err happi_versions(struct req *rq, struct resp *rs)
{
	struct versions x = {.v = {.rq = rq, .id = req_param_id(rq, "id")}};
	if (!x.v.id)
		return happi_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "happi_versions_read", versions_read, &x);
	if (e == ERR_NOT_FOUND)
		return happi_not_found(rs);
	if (e)
		return e;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	happi_page_begin(&w, &x.v, "Versions of the HAPPI form", NULL, 0);
	H_RAW(&w, "<h2 class=\"govuk-heading-l\">Every version</h2>\n");
	if (x.n > 1)
		compare_form(&w, &x);
	static const char *const heads[] = {"Version", "What was done", "By", "When", "Comments"};
	govuk_table_begin(&w, "Versions of the HAPPI form, newest first", true, heads, 5);
	for (size_t i = 0; i < x.n; i++) {
		const struct happi_version *v = &x.list[i];
		govuk_table_row_begin(&w);
		govuk_table_cell_number(&w, v->version);
		govuk_table_cell(&w, arena_printf(a, "%s (%s)", done_words[v->action], happi_status_name(v->status)));
		govuk_table_cell(&w, v->saved_by);
		govuk_table_cell(&w, london_when(a, v->saved_at));
		govuk_table_cell(&w, v->comment ? v->comment : "");
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", happi_href(&x.v, NULL));
	H_RAW(&w, ">Back to the form</a></p>\n");
	page_end(&w);
	return ERR_OK;
}

/* ---- two compared ---- */

static int64_t query_version(const struct req *rq, const char *name)
{
	const char *s = req_query(rq, name);
	size_t n = s ? strspn(s, "0123456789") : 0;
	return n && n <= 9 && !s[n] ? strtoll(s, NULL, 10) : 0;
}

static enum err compare_read(struct db *db, void *ctx)
{
	struct versions *x = ctx;
	enum err e = versions_read(db, x);
	if (e || !x->from || !x->to)
		return e;
	struct arena *a = x->v.rq->arena;
	if ((e = happi_version_read(db, a, x->v.id, x->v.year, x->from, &x->a)) ||
	    (e = happi_version_read(db, a, x->v.id, x->v.year, x->to, &x->b)))
		return e == ERR_NOT_FOUND ? ERR_OK : e;
	return ERR_OK;
}

/* One side of an answer: the pieces of op (and the same), marked. */
static void side(struct html *w, const struct textdiff_piece *p, size_t n, enum textdiff_op op)
{
	H_RAW(w, "<p class=\"govuk-body mh-pre-line\">");
	for (size_t i = 0; i < n; i++) {
		if (p[i].op != TEXTDIFF_SAME && p[i].op != op)
			continue;
		if (p[i].op == TEXTDIFF_SAME) {
			html_textn(w, p[i].text, p[i].len);
		} else if (op == TEXTDIFF_REMOVED) {
			H_RAW(w, "<del class=\"mh-removed\"><span class=\"govuk-visually-hidden\">Removed: </span>");
			html_textn(w, p[i].text, p[i].len);
			H_RAW(w, "<span class=\"govuk-visually-hidden\"> (end of removed)</span></del>");
		} else {
			H_RAW(w, "<ins class=\"mh-added\"><span class=\"govuk-visually-hidden\">Added: </span>");
			html_textn(w, p[i].text, p[i].len);
			H_RAW(w, "<span class=\"govuk-visually-hidden\"> (end of added)</span></ins>");
		}
	}
	if (!n)
		H_RAW(w, "<span class=\"govuk-hint\">(nothing)</span>");
	H_RAW(w, "</p>\n");
}

/* The answer of key in f (n of them), or "". */
static const char *answer_of(const struct happi_field_text *f, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].key, key))
			return f[i].answer;
	return "";
}

static void differences(struct html *w, struct versions *x)
{
	struct arena *a = x->v.rq->arena;
	struct happi_content ca, cb;
	happi_content_parse(a, x->a.content, &ca);
	happi_content_parse(a, x->b.content, &cb);
	struct happi_field_text *fa, *fb;
	size_t na = happi_content_fields(a, &ca, &fa), nb = happi_content_fields(a, &cb, &fb);
	size_t changed = 0, same = 0;
	/* the later version's fields, then any the earlier had alone */
	for (size_t pass = 0; pass < 2; pass++) {
		const struct happi_field_text *f = pass ? fa : fb;
		size_t n = pass ? na : nb;
		for (size_t i = 0; i < n; i++) {
			bool in_later = false; /* the second pass: the earlier version's own fields only */
			for (size_t k = 0; pass && k < nb; k++)
				in_later |= !strcmp(fb[k].key, f[i].key);
			if (in_later)
				continue;
			const char *before = pass ? f[i].answer : answer_of(fa, na, f[i].key);
			const char *after = pass ? "" : f[i].answer;
			if (!strcmp(before, after)) {
				same++;
				continue;
			}
			changed++;
			size_t np;
			struct textdiff_piece *p = textdiff(a, before, after, &np);
			H_RAW(w, "<h3 class=\"govuk-heading-s\">");
			html_text(w, arena_printf(a, "%s: %s", f[i].section, f[i].question));
			H_RAW(w, "</h3>\n<div class=\"govuk-grid-row mh-compare\">\n<div class=\"govuk-grid-column-one-half\">"
				 "<h4 class=\"govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1\">");
			html_text(w, arena_printf(a, "Version %lld", (long long)x->a.version));
			H_RAW(w, "</h4>\n");
			side(w, p, *before ? np : 0, TEXTDIFF_REMOVED);
			H_RAW(w, "</div>\n<div class=\"govuk-grid-column-one-half\">"
				 "<h4 class=\"govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1\">");
			html_text(w, arena_printf(a, "Version %lld", (long long)x->b.version));
			H_RAW(w, "</h4>\n");
			side(w, p, *after ? np : 0, TEXTDIFF_ADDED);
			H_RAW(w, "</div>\n</div>\n");
		}
	}
	H_RAW(w, "<p class=\"govuk-body\">");
	html_text(w, !changed ? "The two versions give the same answers."
			      : arena_printf(a, "%zu %s changed; %zu the same.", changed, changed == 1 ? "answer" : "answers",
					     same));
	H_RAW(w, "</p>\n");
}

enum err happi_compare(struct req *rq, struct resp *rs)
{
	struct versions x = {.v = {.rq = rq, .id = req_param_id(rq, "id")},
			     .from = query_version(rq, "from"), .to = query_version(rq, "to")};
	if (!x.v.id)
		return happi_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "happi_compare_read", compare_read, &x);
	if (e == ERR_NOT_FOUND)
		return happi_not_found(rs);
	if (e)
		return e;
	struct arena *a = rq->arena;
	struct html w = resp_html(rs);
	bool ok = x.a.version && x.b.version;
	if (!ok)
		rs->status = 400;
	const struct govuk_error bad = {"from", "Select two versions of this form to compare"};
	happi_page_begin(&w, &x.v, "Two versions compared", ok ? NULL : &bad, ok ? 0 : 1);
	H_RAW(&w, "<h2 class=\"govuk-heading-l\">");
	html_text(&w, ok ? arena_printf(a, "Version %lld and version %lld", (long long)x.a.version, (long long)x.b.version)
			 : "Compare two versions");
	H_RAW(&w, "</h2>\n");
	if (x.n > 1)
		compare_form(&w, &x);
	if (ok) {
		H_RAW(&w, "<p class=\"govuk-body\">");
		html_text(&w, arena_printf(a, "Version %lld: %s by %s, %s. Version %lld: %s by %s, %s.",
					   (long long)x.a.version, done_words[x.a.action], x.a.saved_by, london_when(a, x.a.saved_at),
					   (long long)x.b.version, done_words[x.b.action], x.b.saved_by,
					   london_when(a, x.b.saved_at)));
		H_RAW(&w, "</p>\n");
		differences(&w, &x);
	}
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	H_ATTR(&w, "href", happi_href(&x.v, "/versions"));
	H_RAW(&w, ">Every version</a></p>\n");
	page_end(&w);
	return ERR_OK;
}

/*
 * audit.c - /admin/audit: the audit log for national administrators,
 * filtered by person (email), action and dates, newest first; the same as
 * CSV (/admin/audit.csv) for their own tools. And /admin/outbox: mail not
 * yet delivered, with why. Each reads in one named transaction into
 * structs (audit_read, outbox_read: queries.c), then writes from them.
 */
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "admin/queries.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/clock.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"

#define AUDIT_PAGE 200
#define AUDIT_CSV_MAX 100000

struct audit_filter {
	const char *email, *action, *from, *to; /* as typed ("" when not) */
	int64_t from_t, to_t;
	struct govuk_error errs[3];
	size_t nerrs;
};

static void read_filter(const struct req *rq, struct audit_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->email = req_query(rq, "person");
	f->action = req_query(rq, "action");
	f->from = req_query(rq, "from");
	f->to = req_query(rq, "to");
	f->email = f->email ? f->email : "";
	f->action = f->action ? f->action : "";
	if (f->action[0] && !audit_label(f->action))
		f->errs[f->nerrs++] = (struct govuk_error){"action", "Choose an action from the list"};
	f->from_t = 0;
	f->to_t = INT64_MAX;
	if (f->from && f->from[0] && !clock_parse_date(f->from, &f->from_t))
		f->errs[f->nerrs++] = (struct govuk_error){"from", "Enter the start date as YYYY-MM-DD, for example 2025-03-14"};
	if (f->to && f->to[0]) {
		if (!clock_parse_date(f->to, &f->to_t))
			f->errs[f->nerrs++] = (struct govuk_error){"to", "Enter the end date as YYYY-MM-DD, for example 2025-03-14"};
		else
			f->to_t += 86400; /* to the end of that day */
	}
	f->from = f->from ? f->from : "";
	f->to = f->to ? f->to : "";
}

/* The query of a filter without errors, for at most limit entries. */
static struct audit_entries entries(const struct req *rq, const struct audit_filter *f, int64_t limit)
{
	return (struct audit_entries){.email = f->email, .action = f->action, .from_t = f->from_t, .to_t = f->to_t,
				      .limit = limit, .a = rq->arena};
}

static void when(int64_t t, char out[32])
{
	clock_format_iso(t, 0, out);
	out[16] = '\0'; /* YYYY-MM-DDTHH:MM */
	out[10] = ' ';
}

/* The filter form; the action is chosen by its label (the key is the value). */
static void filter_form(struct req *rq, struct html *w, const struct audit_filter *f)
{
	size_t n = audit_action_count();
	struct govuk_option *opts = arena_alloc(rq->arena, (n + 1) * sizeof(*opts));
	opts[0] = (struct govuk_option){"", "Any action"};
	for (size_t i = 0; i < n; i++)
		opts[i + 1] = (struct govuk_option){audit_action_key(i), audit_label(audit_action_key(i))};
	H_RAW(w, "<form method=\"get\" action=\"/admin/audit\" novalidate class=\"mh-filter\"><div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-quarter\">");
	govuk_input(w, &(struct govuk_input){.id = "person", .label = "Person (email)", .type = "email", .value = f->email, .spellcheck_off = true});
	H_RAW(w, "</div><div class=\"govuk-grid-column-one-quarter\">");
	govuk_select(w, &(struct govuk_select){.id = "action", .label = "Action", .value = f->action, .options = opts, .n = n + 1,
		.error = govuk_error_for(f->errs, f->nerrs, "action")});
	H_RAW(w, "</div><div class=\"govuk-grid-column-one-quarter\">");
	govuk_input(w, &(struct govuk_input){.id = "from", .label = "From (YYYY-MM-DD)", .type = "text", .value = f->from,
		.error = govuk_error_for(f->errs, f->nerrs, "from")});
	H_RAW(w, "</div><div class=\"govuk-grid-column-one-quarter\">");
	govuk_input(w, &(struct govuk_input){.id = "to", .label = "To (YYYY-MM-DD)", .type = "text", .value = f->to,
		.error = govuk_error_for(f->errs, f->nerrs, "to")});
	H_RAW(w, "</div></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Filter</button>"
		  "<a class=\"govuk-link\" href=\"/admin/audit.csv?");
	H_RAW(w, "person=");
	html_url_part(w, f->email);
	H_RAW(w, "&amp;action=");
	html_url_part(w, f->action);
	H_RAW(w, "&amp;from=");
	html_url_part(w, f->from);
	H_RAW(w, "&amp;to=");
	html_url_part(w, f->to);
	H_RAW(w, "\">Download as CSV</a></div></form>\n");
}

/* The entries as a table, each action by its label. */
static void entries_table(struct html *w, const struct audit_entries *e)
{
	static const char *const heads[] = {"When (UTC)", "Who", "Action", "Record", "Address", "Detail"};
	govuk_table_begin(w, "Audit log entries", true, heads, 6);
	for (size_t i = 0; i < e->n; i++) {
		const struct audit_row *r = &e->rows[i];
		char t[32];
		when(r->at, t);
		const char *label = audit_label(r->action);
		govuk_table_row_begin(w);
		govuk_table_cell(w, t);
		govuk_table_cell(w, r->who[0] ? r->who : "(nobody signed in)");
		govuk_table_cell(w, label ? label : "Other event");
		govuk_table_cell(w, r->subject);
		govuk_table_cell(w, r->ip);
		govuk_table_cell(w, r->detail);
		govuk_table_row_end(w);
	}
	govuk_table_end(w);
}

enum err admin_audit(struct req *rq, struct resp *rs)
{
	struct audit_filter f;
	read_filter(rq, &f);
	struct audit_entries e = entries(rq, &f, AUDIT_PAGE);
	if (!f.nerrs) {
		enum err err = db_transact(rq->db, DB_READ, audit_read, &e);
		if (err)
			return err;
	} else {
		rs->status = 400;
	}
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};
	page_begin(&w, &(struct page){.title = "Audit log", .crumbs = crumbs, .ncrumbs = 2, .full_width = true,
				      .errors = f.errs, .nerrors = f.nerrs});
	H_RAW(&w, "<p class=\"govuk-body\">Every sign-in, change of password or second factor, change of role and change to a person's record, newest first. Passwords, codes and links are never recorded.</p>\n");
	filter_form(rq, &w, &f);
	if (!f.nerrs) {
		entries_table(&w, &e);
		if (e.n == AUDIT_PAGE)
			H_RAW(&w, "<p class=\"govuk-body\">Showing the newest 200 entries. Narrow the filter, or download them all as CSV.</p>\n");
		else if (e.n == 0)
			H_RAW(&w, "<p class=\"govuk-body\">No entries match the filter.</p>\n");
	}
	page_end(&w);
	return ERR_OK;
}

enum err admin_audit_csv(struct req *rq, struct resp *rs)
{
	struct audit_filter f;
	read_filter(rq, &f);
	if (f.nerrs)
		return ERR_INVALID;
	struct audit_entries e = entries(rq, &f, AUDIT_CSV_MAX);
	enum err err = db_transact(rq->db, DB_READ, audit_read, &e);
	if (err)
		return err;
	struct csv_writer w = resp_csv(rs, "attachment; filename=\"mathshubs-audit-log.csv\"");
	static const char *const head[] = {"time_utc", "person", "action", "record", "address", "request_id", "detail"};
	csv_row(&w, head, 7);
	for (size_t i = 0; i < e.n; i++) {
		const struct audit_row *r = &e.rows[i];
		char t[32];
		clock_format_iso(r->at, 0, t);
		const char *row[7] = {t, r->who, r->action, r->subject, r->ip, r->request_id, r->detail};
		csv_row(&w, row, 7);
	}
	return ERR_OK;
}

enum err admin_outbox(struct req *rq, struct resp *rs)
{
	struct outbox_view v = {.a = rq->arena};
	enum err e = db_transact(rq->db, DB_READ, outbox_read, &v);
	if (e)
		return e;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};
	page_begin(&w, &(struct page){.title = "Undelivered mail", .crumbs = crumbs, .ncrumbs = 2, .full_width = true});
	H_RAW(&w, "<p class=\"govuk-body\">Messages the service has not yet been able to deliver. It keeps trying, waiting longer each time (up to an hour).</p>\n");
	static const char *const heads[] = {"Queued (UTC)", "To", "Subject", "Attempts", "Next attempt (UTC)", "Last error"};
	govuk_table_begin(&w, "Undelivered mail", true, heads, 6);
	for (size_t i = 0; i < v.n; i++) {
		const struct outbox_row *r = &v.rows[i];
		char t1[32], t2[32];
		when(r->created_at, t1);
		when(r->next_attempt_at, t2);
		govuk_table_row_begin(&w);
		govuk_table_cell(&w, t1);
		govuk_table_cell(&w, r->to);
		govuk_table_cell(&w, r->subject);
		govuk_table_cell(&w, r->attempts);
		govuk_table_cell(&w, t2);
		govuk_table_cell(&w, r->last_error);
		govuk_table_row_end(&w);
	}
	govuk_table_end(&w);
	if (!v.n)
		H_RAW(&w, "<p class=\"govuk-body\">All mail has been delivered.</p>\n");
	page_end(&w);
	return ERR_OK;
}

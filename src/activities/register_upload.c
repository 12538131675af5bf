/*
 * register_upload.c - /sessions/{id}/register/upload: a paper sign-in
 * sheet typed up as CSV (register_match.h reads it: UTF-8 with or without
 * a byte-order mark, or Windows-1252 from Excel) and matched to the
 * session's register by name and school. The check page ("check your
 * answers", as the events' participant report) lists the marks that would
 * be recorded, and each row that matched nobody, several people or has a
 * mark that cannot be read with a select: one of the participants, or
 * "Do not record this row". Nothing is written until the confirmation,
 * which carries the matches in the form (checked again against the
 * register when it comes back) and writes them in one transaction
 * (source 'upload'), audited. Sending it twice changes nothing more.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/register_match.h"
#include "activities/sessions.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/layout.h"

struct upload {
	struct session_view v;
	struct session_person *people;
	size_t npeople;
	struct session_school_link *links;
	size_t nlinks;
	const char *file_name;
	struct reg_sheet sheet;
	/* the confirmation */
	const char *problem;
	size_t recorded, changed;
	bool closed;
};

static enum err upload_load(struct db *db, struct upload *u)
{
	u->people = NULL;
	u->links = NULL;
	u->npeople = u->nlinks = 0;
	enum err e = session_view_load(db, &u->v);
	if (e || !u->v.acc.run)
		return e;
	struct arena *a = u->v.rq->arena;
	if ((e = session_register_people(db, a, u->v.a.id, u->v.id, u->v.day, &u->people, &u->npeople)))
		return e;
	return activity_school_links(db, a, u->v.a.id, &u->links, &u->nlinks);
}

static enum err session_upload_read(struct db *db, void *ctx)
{
	return upload_load(db, ctx);
}

/* 404, 403, or the register not open: *answered. */
static enum err refuse(struct resp *rs, const struct upload *u, bool *answered)
{
	*answered = true;
	if (!u->v.acc.run)
		return sessions_refused(rs, &u->v, "You cannot record this register",
					"Its activity's leads, its MHLM link and its hubs' leadership take its registers.");
	if (u->closed || !session_register_open(&u->v, clock_now()))
		return resp_error_page(rs, 400, "The register is not open",
				       u->v.s.cancelled_at ? "The session has been cancelled."
							   : "You can record the register from the day of the session.",
				       sessions_href(u->v.rq, u->v.id, NULL), "The session");
	*answered = false;
	return ERR_OK;
}

static void begin(struct html *w, struct upload *u, const char *title, const struct govuk_error *errors, size_t n)
{
	struct req *rq = u->v.rq;
	page_begin(w, &(struct page){.title = title, .nav = "/activities",
				     .caption = arena_printf(rq->arena, "%s: %s", u->v.a.title, session_when(rq->arena, &u->v.s)),
				     .back_href = sessions_href(rq, u->v.id, NULL), .errors = errors, .nerrors = n});
}

static void upload_form(struct html *w, struct upload *u, const char *problem)
{
	struct req *rq = u->v.rq;
	H_RAW(w, "<p class=\"govuk-body\">Type the paper sign-in sheet up as a spreadsheet and save it as CSV. Each row "
		 "is matched to someone taking part by their name and school. You will see what would be recorded, and "
		 "choose who the rows that match nobody are, before anything is saved.</p>\n"
		 "<p class=\"govuk-body\">The columns, in any order:</p>\n<ul class=\"govuk-list govuk-list--bullet\">"
		 "<li>Name (or First name and Last name)</li><li>School (its name or URN; optional)</li>"
		 "<li>Signature: signed is present, empty is absent; or Mark: present, late, absent or apologies</li></ul>\n");
	H_RAW(w, "<form method=\"post\" enctype=\"multipart/form-data\" novalidate");
	H_ATTR(w, "action", sessions_href(rq, u->v.id, "/register/upload"));
	H_RAW(w, ">");
	govuk_csrf(w, rq->session->csrf);
	govuk_file_upload(w, &(struct govuk_file_upload){.id = "file", .label = "Paper register (CSV)", .error = problem,
							 .accept = ".csv,text/csv"});
	govuk_button(w, &(struct govuk_button){.text = "Check the register", .prevent_double_click = true});
	H_RAW(w, "</form>\n");
}

static enum err show_upload(struct resp *rs, struct upload *u, const char *problem)
{
	struct html w = resp_html(rs);
	struct govuk_error err = {"file", problem};
	begin(&w, u, "Upload a paper register", &err, problem ? 1 : 0);
	upload_form(&w, u, problem);
	page_end(&w);
	return ERR_OK;
}

/* The page's and the check's start: the session and its register read,
 * in the one read transaction; *answered (404, 403, the register not
 * open) when the response is made already. */
static enum err upload_begin(struct req *rq, struct resp *rs, struct upload *u, bool *answered)
{
	*u = (struct upload){.v = {.rq = rq, .id = activities_param(rq)}};
	*answered = true;
	if (!u->v.id)
		return sessions_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_READ, "session_upload_read", session_upload_read, u);
	if (e == ERR_NOT_FOUND)
		return sessions_not_found(rs);
	return e ? e : refuse(rs, u, answered);
}

enum err activities_register_upload(struct req *rq, struct resp *rs)
{
	struct upload u;
	bool answered;
	enum err e = upload_begin(rq, rs, &u, &answered);
	if (e || answered)
		return e;
	return show_upload(rs, &u, NULL);
}

/* The file's name as shown and audited: at most 200 characters (cut between
 * two), control characters as spaces. The confirmation carries it back in
 * the form, so it is made so again there. */
static const char *file_label(struct arena *a, const char *raw)
{
	enum { MAX_CHARS = 200 };
	size_t n = 0, chars = 0;
	while (raw[n] && !(chars == MAX_CHARS && ((unsigned char)raw[n] & 0xC0) != 0x80)) {
		chars += ((unsigned char)raw[n] & 0xC0) != 0x80;
		n++;
	}
	char *out = arena_strndup(a, raw, n);
	for (char *c = out; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			*c = ' ';
	return out;
}

/* ---- matching and the check page ---- */

/* The participants as register_match takes them, with their schools' lineage. */
static struct reg_participant *participants_of(struct upload *u)
{
	struct arena *a = u->v.rq->arena;
	struct reg_participant *p = arena_alloc(a, (u->npeople + 1) * sizeof(*p));
	for (size_t i = 0; i < u->npeople; i++) {
		const struct session_person *s = &u->people[i];
		p[i] = (struct reg_participant){.id = s->participant_id, .name = s->name,
						.school = {s->school_urn, s->school_name}};
		for (size_t k = 0; s->school_urn && k < u->nlinks; k++) {
			if (strcmp(u->links[k].urn, s->school_urn))
				continue;
			struct reg_school *l = arena_grow(a, p[i].lineage, p[i].nlineage, p[i].nlineage + 1, sizeof(*l));
			l[p[i].nlineage++] = (struct reg_school){u->links[k].link_urn, u->links[k].link_name};
			p[i].lineage = l;
		}
	}
	return p;
}

static const struct session_person *person_by_id(const struct upload *u, int64_t id)
{
	for (size_t i = 0; i < u->npeople; i++)
		if (u->people[i].participant_id == id)
			return &u->people[i];
	return NULL;
}

static const char *person_words(struct arena *a, const struct session_person *p)
{
	return p->school_name ? arena_printf(a, "%s, %s", p->name, p->school_name) : p->name;
}

/* Whether a row is settled: matched to one person, with a mark read. */
static bool settled(const struct reg_row *r)
{
	return r->status == REG_MATCHED && r->mark != REG_MARK_UNREAD;
}

static bool needs_choice(const struct reg_row *r)
{
	return r->status != REG_DUPLICATE && !settled(r);
}

static const char *row_text(struct arena *a, const struct reg_row *r)
{
	const char *t = r->name[0] ? r->name : "(no name)";
	if (r->school[0])
		t = arena_printf(a, "%s, %s", t, r->school);
	return r->mark_text[0] ? arena_printf(a, "%s, %s", t, r->mark_text) : t;
}

/* A row's select: "Do not record this row", then those it may be, then
 * everyone not matched by another row. */
static void choice_select(struct html *w, struct upload *u, const struct reg_row *r, const bool *taken)
{
	struct arena *a = u->v.rq->arena;
	struct govuk_option *opts = arena_alloc(a, (u->npeople + 2) * sizeof(*opts));
	size_t n = 0;
	opts[n++] = (struct govuk_option){"ignore", "Do not record this row"};
	bool *offered = arena_alloc(a, (u->npeople + 1) * sizeof(*offered));
	memset(offered, 0, (u->npeople + 1) * sizeof(*offered));
	if (r->status == REG_MATCHED && r->participant < u->npeople) {
		offered[r->participant] = true;
		opts[n++] = (struct govuk_option){arena_printf(a, "%lld", (long long)r->participant_id),
						  person_words(a, &u->people[r->participant])};
	}
	for (size_t k = 0; k < r->ncandidates; k++) {
		size_t i = r->candidates[k];
		if (i >= u->npeople || offered[i] || taken[i])
			continue;
		offered[i] = true;
		opts[n++] = (struct govuk_option){arena_printf(a, "%lld", (long long)u->people[i].participant_id),
						  person_words(a, &u->people[i])};
	}
	for (size_t i = 0; i < u->npeople; i++) {
		if (offered[i] || taken[i])
			continue;
		opts[n++] = (struct govuk_option){arena_printf(a, "%lld", (long long)u->people[i].participant_id),
						  person_words(a, &u->people[i])};
	}
	const char *value = r->status == REG_MATCHED ? opts[1].value : "ignore";
	govuk_select(w, &(struct govuk_select){.id = arena_printf(a, "row-%zu", r->line), .label = "Who is this?",
					       .options = opts, .n = n, .value = value});
}

static void mark_select(struct html *w, struct arena *a, const struct reg_row *r)
{
	struct govuk_option opts[ACTIVITIES_NMARKS];
	for (size_t m = 0; m < ACTIVITIES_NMARKS; m++)
		opts[m] = (struct govuk_option){activities_marks[m].key, activities_marks[m].name};
	const char *id = arena_printf(a, "mark-%zu", r->line);
	if (r->mark == REG_MARK_UNREAD) {
		govuk_select(w, &(struct govuk_select){.id = id, .label = "Mark", .hint = r->mark_problem, .options = opts,
						       .n = ACTIVITIES_NMARKS, .value = "present"});
		return;
	}
	H_RAW(w, "<input type=\"hidden\"");
	H_ATTR(w, "name", id);
	H_ATTR(w, "value", reg_mark_key(r->mark));
	H_RAW(w, ">");
}

static void check_page(struct resp *rs, struct upload *u)
{
	struct req *rq = u->v.rq;
	struct arena *a = rq->arena;
	const struct reg_sheet *sh = &u->sheet;
	struct html w = resp_html(rs);
	begin(&w, u, "Check the paper register", NULL, 0);
	size_t nsettled = 0, nchoose = 0, ndup = 0;
	bool *taken = arena_alloc(a, (u->npeople + 1) * sizeof(*taken));
	memset(taken, 0, (u->npeople + 1) * sizeof(*taken));
	for (size_t i = 0; i < sh->n; i++) {
		const struct reg_row *r = &sh->rows[i];
		if (settled(r)) {
			nsettled++;
			if (r->participant < u->npeople)
				taken[r->participant] = true;
		} else if (r->status == REG_DUPLICATE) {
			ndup++;
		} else {
			nchoose++;
		}
	}
	govuk_summary_begin(&w);
	govuk_summary_row(&w, "File", u->file_name);
	govuk_summary_row(&w, "Rows read", arena_printf(a, "%zu", sh->n));
	govuk_summary_row(&w, "Matched", arena_printf(a, "%zu", nsettled));
	govuk_summary_row(&w, "To check", arena_printf(a, "%zu", nchoose));
	if (ndup)
		govuk_summary_row(&w, "Repeated rows (not recorded)", arena_printf(a, "%zu", ndup));
	govuk_summary_end(&w);
	H_RAW(&w, "<form method=\"post\" novalidate");
	H_ATTR(&w, "action", sessions_href(rq, u->v.id, "/register/upload/confirm"));
	H_RAW(&w, ">");
	govuk_csrf(&w, rq->session->csrf);
	H_RAW(&w, "<input type=\"hidden\" name=\"file_name\"");
	H_ATTR(&w, "value", u->file_name);
	H_RAW(&w, ">");
	if (nchoose) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\" id=\"to-check\">");
		html_textf(&w, "%zu %s to check", nchoose, nchoose == 1 ? "row" : "rows");
		H_RAW(&w, "</h2>\n<p class=\"govuk-body\">Choose who each row is, or not to record it.</p>\n");
		for (size_t i = 0; i < sh->n; i++) {
			const struct reg_row *r = &sh->rows[i];
			if (!needs_choice(r))
				continue;
			/* a fieldset a row: its selects, all labelled "Who is this?", are named by the row's line */
			H_RAW(&w, "<div class=\"govuk-inset-text\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend "
				  "govuk-fieldset__legend--s\"><h3 class=\"govuk-fieldset__heading\">");
			html_textf(&w, "Line %zu: ", r->line);
			html_text(&w, row_text(a, r));
			H_RAW(&w, "</h3></legend>\n<p class=\"govuk-body\">");
			html_text(&w, r->reason ? r->reason : r->mark_problem ? r->mark_problem : "");
			H_RAW(&w, "</p>\n");
			choice_select(&w, u, r, taken);
			mark_select(&w, a, r);
			H_RAW(&w, "</fieldset></div>\n");
		}
	}
	if (nsettled) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\" id=\"matched\">Marks to record</h2>\n");
		static const char *const heads[] = {"Participant", "Mark", "Line"};
		govuk_table_begin(&w, "Marks to record", true, heads, 3);
		for (size_t i = 0; i < sh->n; i++) {
			const struct reg_row *r = &sh->rows[i];
			if (!settled(r))
				continue;
			const struct session_person *p = person_by_id(u, r->participant_id);
			govuk_table_row_begin(&w);
			govuk_table_cell(&w, p ? person_words(a, p) : "");
			govuk_table_cell(&w, reg_mark_name(r->mark));
			govuk_table_cell(&w, arena_printf(a, "%zu", r->line));
			govuk_table_row_end(&w);
		}
		govuk_table_end(&w);
		for (size_t i = 0; i < sh->n; i++) {
			const struct reg_row *r = &sh->rows[i];
			if (!settled(r))
				continue;
			H_RAW(&w, "<input type=\"hidden\" name=\"m\"");
			H_ATTR(&w, "value", arena_printf(a, "%lld:%s", (long long)r->participant_id, reg_mark_key(r->mark)));
			H_RAW(&w, ">");
		}
	}
	if (ndup) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Repeated rows</h2>\n<ul class=\"govuk-list\">");
		for (size_t i = 0; i < sh->n; i++) {
			const struct reg_row *r = &sh->rows[i];
			if (r->status != REG_DUPLICATE)
				continue;
			H_RAW(&w, "<li>");
			html_textf(&w, "Line %zu (%s): the same person as line %zu, which is recorded.", r->line,
				   row_text(a, r), r->first_line);
			H_RAW(&w, "</li>");
		}
		H_RAW(&w, "</ul>\n");
	}
	govuk_warning_text(&w, "Nothing is recorded until you confirm. A mark already on the register for these people "
			       "is replaced; everyone else's stays as it is.");
	H_RAW(&w, "<div class=\"govuk-button-group\">");
	govuk_button(&w, &(struct govuk_button){.text = "Record the register", .prevent_double_click = true});
	H_RAW(&w, "<a class=\"govuk-link\"");
	H_ATTR(&w, "href", sessions_href(rq, u->v.id, "/register/upload"));
	H_RAW(&w, ">Upload a different file</a></div></form>\n");
	page_end(&w);
}

enum err activities_register_upload_post(struct req *rq, struct resp *rs)
{
	struct upload u;
	bool answered;
	enum err e = upload_begin(rq, rs, &u, &answered);
	if (e || answered)
		return e;
	const struct req_file *f = req_file(rq, "file");
	if (!f || (!f->filename[0] && !f->len)) {
		rs->status = 400;
		return show_upload(rs, &u, "Select the paper register (a CSV file)");
	}
	u.file_name = file_label(rq->arena, req_file_name(rq->arena, f, 1000));
	register_sheet_read(rq->arena, f->data, f->len, &u.sheet);
	if (u.sheet.problem) {
		rs->status = 400;
		return show_upload(rs, &u, u.sheet.problem);
	}
	register_sheet_match(rq->arena, &u.sheet, participants_of(&u), u.npeople);
	check_page(rs, &u);
	return ERR_OK;
}

/* ---- confirming ---- */

struct entry {
	int64_t pid;
	const char *mark;
	const struct session_person *p;
};

static enum err session_upload_write(struct db *db, void *ctx)
{
	struct upload *u = ctx;
	struct req *rq = u->v.rq;
	struct arena *a = rq->arena;
	u->problem = NULL;
	u->recorded = u->changed = 0;
	u->closed = false;
	enum err e = upload_load(db, u);
	if (e || !u->v.acc.run)
		return e;
	int64_t now = clock_now(), me = rq->session->person_id;
	if (!session_register_open(&u->v, now)) {
		u->closed = true;
		return ERR_OK;
	}
	struct entry *rows = arena_alloc(a, (rq->nform + 1) * sizeof(*rows));
	size_t n = 0;
	const char *stale = "The register has changed since the file was checked: upload it again";
	for (size_t i = 0; i < rq->nform; i++) {
		const char *k = rq->form[i].name, *val = rq->form[i].value;
		struct entry en = {0};
		if (!strcmp(k, "m")) {
			long long pid;
			char mark[16];
			int used = 0;
			if (sscanf(val, "%lld:%15[a-z]%n", &pid, mark, &used) != 2 || val[used]) {
				u->problem = stale;
				return ERR_OK;
			}
			en = (struct entry){pid, arena_strdup(a, mark), NULL};
		} else if (!strncmp(k, "row-", 4)) {
			if (!strcmp(val, "ignore"))
				continue;
			char *end;
			long long pid = strtoll(val, &end, 10);
			const char *mark = req_form(rq, arena_printf(a, "mark-%s", k + 4));
			if (!val[0] || *end || !mark) {
				u->problem = stale;
				return ERR_OK;
			}
			en = (struct entry){pid, mark, NULL};
		} else {
			continue;
		}
		en.p = person_by_id(u, en.pid);
		if (!en.p || !activities_term_known(activities_marks, ACTIVITIES_NMARKS, en.mark)) {
			u->problem = stale;
			return ERR_OK;
		}
		for (size_t j = 0; j < n; j++)
			if (rows[j].pid == en.pid) {
				u->problem = arena_printf(a, "%s is chosen for two rows: choose them for one only, and upload the "
							     "file again", en.p->name);
				return ERR_OK;
			}
		rows[n++] = en;
	}
	if (!n) {
		u->problem = "There is nothing to record: upload the file again, and choose who its rows are";
		return ERR_OK;
	}
	for (size_t i = 0; i < n; i++) {
		const struct session_person *p = rows[i].p;
		if (p->mark && !strcmp(p->mark, rows[i].mark))
			continue;
		if ((e = session_mark_set(db, u->v.id, rows[i].pid, rows[i].mark, "upload", NULL, me, now)))
			return e;
		u->changed++;
	}
	u->recorded = n;
	if (!u->changed && u->v.s.register_taken_at)
		return session_flash_note(rq, "Nothing was changed: the register already says this");
	if ((e = session_register_taken(db, u->v.id, "upload", me, now)) ||
	    (e = audit(db, rq, me, "session_register_uploaded", arena_printf(a, "session:%lld", (long long)u->v.id),
		       arena_printf(a, "activity:%lld: %s: %zu marks, %zu changed", (long long)u->v.a.id, u->file_name,
				    u->recorded, u->changed))))
		return e;
	return session_flash(rq, arena_printf(a, "Paper register recorded: %zu %s", u->recorded, u->recorded == 1 ? "mark" : "marks"));
}

enum err activities_register_upload_confirm(struct req *rq, struct resp *rs)
{
	const char *file = req_form(rq, "file_name");
	struct upload u = {.v = {.rq = rq, .id = activities_param(rq)},
			   .file_name = file && file[0] ? file_label(rq->arena, file) : "the file"};
	if (!u.v.id)
		return sessions_not_found(rs);
	enum err e = db_transact_named(rq->db, DB_WRITE, "session_upload_write", session_upload_write, &u);
	if (e == ERR_NOT_FOUND)
		return sessions_not_found(rs);
	bool answered;
	if (e || (e = refuse(rs, &u, &answered)) || answered)
		return e;
	if (u.problem) {
		rs->status = 400;
		return show_upload(rs, &u, u.problem);
	}
	resp_redirect(rs, 303, sessions_href(rq, u.v.id, "/register"));
	return ERR_OK;
}

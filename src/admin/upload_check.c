/*
 * upload_check.c - every row of a file of people checked, all of them,
 * before anything is written (upload.h): each value, then what only the
 * database knows (the school, whether the address is held and by whom,
 * whether they have the role), and rows with the same email address:
 * one person, given each role once, whose name, school and job title must
 * agree. And the rows as JSON, kept while the file waits for "Add".
 */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "accounts/queries.h"
#include "admin/upload.h"
#include "core/arena.h"
#include "core/util.h"
#include "http/request.h"
#include "registry/registry.h"

#define NAME_MAX_CHARS 200
#define JOB_MAX_CHARS 200

static void problem(struct upload_view *v, size_t *cap, size_t line, enum upload_col col, const char *msg)
{
	struct arena *a = v->rq->arena;
	if (v->nproblems == *cap)
		v->problems = v->problems ? arena_grow(a, v->problems, v->nproblems, *cap *= 2, sizeof(*v->problems))
					  : arena_alloc(a, (*cap = 16) * sizeof(*v->problems));
	v->problems[v->nproblems++] = (struct upload_problem){line, col, msg};
}

static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Control characters, or U+FFFD (a byte Windows-1252 does not have). */
static bool unreadable(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return true;
	return strstr(s, "\xEF\xBF\xBD") != NULL;
}

/* The hub of code (any case) among the offer's, or NULL. */
static const struct grant_opt *hub_by_code(const struct grant_offer *o, const char *code)
{
	for (size_t i = 0; i < o->nhubs; i++)
		if (!strcasecmp(o->hubs[i].code, code))
			return &o->hubs[i];
	return NULL;
}

/* The one hub a hub's leadership gives roles in, or NULL. */
static const struct grant_opt *only_hub(const struct grant_offer *o)
{
	if (!o->hub_ids || o->nhub_ids != 1)
		return NULL;
	for (size_t i = 0; i < o->nhubs; i++)
		if (o->hubs[i].id == o->hub_ids[0])
			return &o->hubs[i];
	return NULL;
}

/* Checks row c's own values (no database but the offer): c->p and c->ok. */
static void check_values(struct upload_view *v, size_t *cap, struct row_check *c)
{
	struct req *rq = v->rq;
	const struct upload_row *r = c->row;
	const struct grant_offer *o = &v->scope.offer;
	size_t before = v->nproblems;
	const char *name = r->v[UC_NAME], *email = r->v[UC_EMAIL], *urn = r->v[UC_URN], *job = r->v[UC_JOB];
	if (r->extra)
		problem(v, cap, r->line, UC_COUNT, "This row has more values than the first row has columns: put any value with a comma in it in double quotes");
	if (!name[0])
		problem(v, cap, r->line, UC_NAME, "Enter their full name");
	else if (chars(name) > NAME_MAX_CHARS)
		problem(v, cap, r->line, UC_NAME, "Name must be 200 characters or less");
	else if (strpbrk(name, "\r\n"))
		problem(v, cap, r->line, UC_NAME, "Name must be on one line: remove the line break in its cell");
	else if (unreadable(name))
		problem(v, cap, r->line, UC_NAME, "Name has characters that cannot be read: save the file as CSV UTF-8 and upload it again");
	const char *norm = email_normalise(rq->arena, email);
	if (!email[0])
		problem(v, cap, r->line, UC_EMAIL, "Enter their email address");
	else if (!email_plausible(norm))
		problem(v, cap, r->line, UC_EMAIL, "Enter an email address in the correct format, like name@school.org.uk");
	if (urn[0] && !urn_valid(urn))
		problem(v, cap, r->line, UC_URN, "School URN must be the school's 6 or 7 digit number in Get Information about Schools, like 100000");
	if (chars(job) > JOB_MAX_CHARS)
		problem(v, cap, r->line, UC_JOB, "Job title must be 200 characters or less");
	else if (unreadable(job))
		problem(v, cap, r->line, UC_JOB, "Job title has characters that cannot be read: save the file as CSV UTF-8 and upload it again");
	c->p = (struct person_new){.name = name, .email = norm, .school_urn = urn, .job_title = job};
	c->p.role.scope = "";
	enum role role;
	const char *cell = r->v[UC_ROLE], *hub = r->v[UC_HUB];
	if (!cell[0]) {
		problem(v, cap, r->line, UC_ROLE, "Enter their role, for example LLME or Participant");
	} else if (!upload_role(cell, &role)) {
		problem(v, cap, r->line, UC_ROLE, arena_printf(rq->arena, "%s is not a role: use one of those the page lists, for example LLME", cell));
	} else if (grant_kind_of(o, role) == GRANT_PROJECT) {
		problem(v, cap, r->line, UC_ROLE, "Give project roles on the person's page: a file of people has no project column");
	} else if (!o->roles[role]) {
		problem(v, cap, r->line, UC_ROLE, o->refused);
	} else {
		c->p.role.g.role = role;
		enum grant_kind kind = grant_kind_of(o, role);
		const struct grant_opt *h = hub[0] ? hub_by_code(o, hub) : kind == GRANT_HUB ? only_hub(o) : NULL;
		if (kind == GRANT_HUB && !hub[0] && !h)
			problem(v, cap, r->line, UC_HUB, arena_printf(rq->arena, "Enter the hub code for a %s, like SW4", role_name(role)));
		else if (kind == GRANT_HUB && !h)
			problem(v, cap, r->line, UC_HUB, arena_printf(rq->arena, "No Maths Hub has the code %s", hub));
		else if (kind == GRANT_HUB && !grant_hub_offered(o, h->id))
			problem(v, cap, r->line, UC_HUB, o->refused);
		else if (kind != GRANT_HUB && hub[0])
			problem(v, cap, r->line, UC_HUB, arena_printf(rq->arena, "Leave the hub code empty: a %s is not given in a hub", role_name(role)));
		else if (kind == GRANT_HUB)
			c->p.role.g.hub_id = h->id, c->p.role.scope = h->code;
		if (kind == GRANT_SCHOOL && !urn[0])
			problem(v, cap, r->line, UC_URN, "Enter the school URN of a headteacher");
		else if (kind == GRANT_SCHOOL)
			c->p.role.g.school_urn = c->p.role.scope = urn;
	}
	c->ok = v->nproblems == before;
}

static bool same_text(const char *a, const char *b)
{
	return !strcasecmp(a ? a : "", b ? b : "");
}

static bool same_role(const struct role_choice *a, const struct role_choice *b)
{
	return a->g.role == b->g.role && a->g.hub_id == b->g.hub_id && same_text(a->g.school_urn, b->g.school_urn);
}

enum err upload_check(struct db *db, struct upload_view *v)
{
	struct req *rq = v->rq;
	v->nproblems = 0;
	v->n_new = v->n_given = v->n_has = v->n_repeat = 0;
	size_t cap = 0;
	v->problems = NULL;
	enum err e = grant_offer_load(db, rq, &v->scope.offer);
	if (e)
		return e;
	v->checks = arena_alloc(rq->arena, (v->file.nrows + 1) * sizeof(*v->checks));
	for (size_t i = 0; i < v->file.nrows; i++) {
		struct row_check *c = &v->checks[i];
		*c = (struct row_check){.row = &v->file.rows[i]};
		check_values(v, &cap, c);
		if (!c->ok)
			continue;
		size_t before = v->nproblems;
		const struct row_check *first = NULL;
		for (size_t k = 0; k < i && !first; k++)
			if (v->checks[k].ok && !strcmp(v->checks[k].p.email, c->p.email))
				first = &v->checks[k];
		if (first && (!same_text(first->p.name, c->p.name) || !same_text(first->p.school_urn, c->p.school_urn) ||
			      !same_text(first->p.job_title, c->p.job_title))) {
			problem(v, &cap, c->row->line, UC_EMAIL,
				arena_printf(rq->arena, "Line %zu has this email address with another name, school URN or job title: "
							"give one person the same details on every line", first->row->line));
		} else if (first) {
			c->same_as = first->row->line;
			for (size_t k = 0; k < i && !c->repeat; k++)
				c->repeat = v->checks[k].ok && !strcmp(v->checks[k].p.email, c->p.email) && same_role(&v->checks[k].p.role, &c->p.role);
			c->new_person = first->new_person;
			if (c->repeat)
				c->outcome = ADD_HAS_ROLE;
			else if (first->new_person)
				c->outcome = ADD_ROLE_GIVEN; /* the new person, with this role too */
		}
		if (first) {
			c->school = first->school;
			c->school_closed = first->school_closed;
		} else if (c->row->v[UC_URN][0]) {
			e = school_named(db, rq->arena, c->row->v[UC_URN], &c->school, &c->school_closed);
			if (e && e != ERR_NOT_FOUND)
				return e;
			if (e == ERR_NOT_FOUND)
				problem(v, &cap, c->row->line, UC_URN,
					arena_printf(rq->arena, "No school has the URN %s in Get Information about Schools", c->row->v[UC_URN]));
		}
		if (v->nproblems == before && (!first || (!c->repeat && !first->new_person))) {
			int64_t id;
			if ((e = person_add_check(db, &v->scope, &c->p, true, &c->outcome, &id)))
				return e;
			if (c->outcome == ADD_NOT_THEIRS)
				problem(v, &cap, c->row->line, UC_EMAIL,
					"You cannot add this email address. If this person already works with another hub, ask the national team "
					"to give them a role in your hub");
		}
		c->ok = v->nproblems == before;
		if (!c->ok)
			continue;
		if (!first)
			c->new_person = c->outcome == ADD_NEW;
		if (c->repeat)
			v->n_repeat++;
		else if (c->outcome == ADD_NEW)
			v->n_new++;
		else if (c->outcome == ADD_ROLE_GIVEN && !c->new_person)
			v->n_given++;
		else if (c->outcome == ADD_HAS_ROLE)
			v->n_has++;
	}
	return ERR_OK;
}

/* ---- the rows, kept as JSON ---- */

const char *upload_rows_json(const struct upload_view *v)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < v->file.nrows; i++) {
		const struct upload_row *r = &v->file.rows[i];
		json_t *row = json_array();
		json_array_append_new(row, json_integer((json_int_t)r->line));
		for (int c = 0; c < UC_COUNT; c++)
			json_array_append_new(row, json_string(r->v[c]));
		json_array_append_new(row, json_boolean(r->extra));
		json_array_append_new(rows, row);
	}
	char *s = json_dumps(rows, JSON_COMPACT);
	json_decref(rows);
	const char *out = s ? arena_strdup(v->rq->arena, s) : NULL;
	free(s);
	return out;
}

bool upload_rows_from_json(struct upload_view *v, const char *text)
{
	struct arena *a = v->rq->arena;
	json_t *rows = json_loads(text, 0, NULL);
	bool ok = json_is_array(rows) && json_array_size(rows) <= UPLOAD_MAX_ROWS;
	size_t n = ok ? json_array_size(rows) : 0;
	v->file = (struct upload_file){.rows = arena_alloc(a, (n + 1) * sizeof(*v->file.rows))};
	for (size_t i = 0; ok && i < n; i++) {
		json_t *row = json_array_get(rows, i);
		struct upload_row *r = &v->file.rows[i];
		ok = json_is_array(row) && json_array_size(row) == UC_COUNT + 2 && json_is_integer(json_array_get(row, 0));
		if (!ok)
			break;
		r->line = (size_t)json_integer_value(json_array_get(row, 0));
		for (int c = 0; ok && c < UC_COUNT; c++) {
			const char *s = json_string_value(json_array_get(row, (size_t)c + 1));
			ok = s != NULL;
			r->v[c] = s ? arena_strdup(a, s) : "";
		}
		r->extra = json_is_true(json_array_get(row, UC_COUNT + 1));
		v->file.nrows++;
	}
	json_decref(rows);
	return ok;
}

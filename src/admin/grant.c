/* grant.c - see grant.h. */
#include "admin/grant.h"

#include <string.h>

#include "accounts/accounts.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "html/govuk.h"
#include "http/request.h"

static const char SQL_HUBS[] = "SELECT id, code, name FROM hubs ORDER BY code";
static const char SQL_PROJECTS[] =
	"SELECT p.id, p.code, p.title FROM projects p JOIN academic_years y ON y.id = p.academic_year_id "
	"ORDER BY y.starts_on DESC, p.code";
static const char SQL_GRANT[] =
	"INSERT INTO role_grants (person_id, role, hub_id, project_id, school_urn, granted_by, granted_at, reason) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id";

enum kind { KIND_NONE, KIND_HUB, KIND_PROJECT, KIND_SCHOOL };

/* The record role r is given in. A hub's leadership adds participants in
 * their own hub too, so that they see them in their hub's list. */
static enum kind kind_of(const struct grant_offer *o, enum role r)
{
	switch (r) {
	case ROLE_PARTICIPANT:
		return o->hub_ids ? KIND_HUB : KIND_NONE;
	case ROLE_MHL:
	case ROLE_AMHL:
	case ROLE_HUB_MANAGER:
	case ROLE_LLME:
		return KIND_HUB;
	case ROLE_PROJECT_LEAD:
	case ROLE_HUB_LEAD_LINK:
	case ROLE_NATIONAL_LINK:
		return KIND_PROJECT;
	case ROLE_HEADTEACHER:
		return KIND_SCHOOL;
	default:
		return KIND_NONE;
	}
}

/* The form field of role r's scope ("hub-mhl"), or NULL for none. */
static const char *field_of(const struct req *rq, const struct grant_offer *o, enum role r)
{
	static const char *const prefix[] = {[KIND_HUB] = "hub-", [KIND_PROJECT] = "project-", [KIND_SCHOOL] = "urn-"};
	enum kind k = kind_of(o, r);
	return k == KIND_NONE ? NULL : arena_printf(rq->arena, "%s%s", prefix[k], role_key(r));
}

static enum err load(struct db *db, const struct req *rq, const char *sql, struct grant_opt **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return ERR_DB;
	size_t cap = 64;
	*out = arena_alloc(rq->arena, cap * sizeof(**out));
	*n = 0;
	int rc;
	while ((rc = db_step(st)) == 1) {
		if (*n == cap) {
			*out = arena_grow(rq->arena, *out, *n, cap * 2, sizeof(**out));
			cap *= 2;
		}
		(*out)[(*n)++] = (struct grant_opt){db_col_int(st, 0), arena_strdup(rq->arena, db_col_text(st, 1)),
						    arena_strdup(rq->arena, db_col_text(st, 2))};
	}
	return rc < 0 ? (enum err)rc : ERR_OK;
}

enum err grant_offer_load(struct db *db, const struct req *rq, struct grant_offer *o)
{
	enum err e = load(db, rq, SQL_HUBS, &o->hubs, &o->nhubs);
	return e ? e : load(db, rq, SQL_PROJECTS, &o->projects, &o->nprojects);
}

static bool hub_offered(const struct grant_offer *o, int64_t id)
{
	if (!o->hub_ids)
		return true;
	for (size_t i = 0; i < o->nhub_ids; i++)
		if (o->hub_ids[i] == id)
			return true;
	return false;
}

static const struct grant_opt *find(const struct grant_opt *opts, size_t n, const char *code)
{
	for (size_t i = 0; code && code[0] && i < n; i++)
		if (!strcmp(opts[i].code, code))
			return &opts[i];
	return NULL;
}

/* ---- the form ---- */

/* What one role reveals: a select (hub, project) or an input (URN). */
struct reveal {
	struct govuk_select select;
	struct govuk_input input;
};

static void write_select(struct html *w, const void *ctx)
{
	govuk_select(w, &((const struct reveal *)ctx)->select);
}

static void write_input(struct html *w, const void *ctx)
{
	govuk_input(w, &((const struct reveal *)ctx)->input);
}

/* "Select a ..." and then each option offered: "GLOW (SW4)", "NCP24-09: Primary ...". */
static struct govuk_option *options(const struct req *rq, const struct grant_offer *o, bool hubs, size_t *n)
{
	const struct grant_opt *opts = hubs ? o->hubs : o->projects;
	size_t nopts = hubs ? o->nhubs : o->nprojects;
	struct govuk_option *out = arena_alloc(rq->arena, (nopts + 1) * sizeof(*out));
	out[0] = (struct govuk_option){"", hubs ? "Select a hub" : "Select a project"};
	*n = 1;
	for (size_t i = 0; i < nopts; i++)
		if (!hubs)
			out[(*n)++] = (struct govuk_option){opts[i].code, arena_printf(rq->arena, "%s: %s", opts[i].code, opts[i].name)};
		else if (hub_offered(o, opts[i].id))
			out[(*n)++] = (struct govuk_option){opts[i].code, arena_printf(rq->arena, "%s (%s)", opts[i].name, opts[i].code)};
	return out;
}

void grant_fields(struct html *w, const struct req *rq, const struct grant_offer *o,
		  const struct govuk_error *errs, size_t nerrs, bool sent)
{
	size_t nhubs, nprojects;
	const struct govuk_option *hubs = options(rq, o, true, &nhubs), *projects = options(rq, o, false, &nprojects);
	/* one hub to choose from: chosen already */
	const char *only_hub = nhubs == 2 ? hubs[1].value : NULL;
	const char *role_sent = sent ? req_form(rq, "role") : NULL;
	struct govuk_choice choices[ROLE_COUNT];
	struct govuk_reveal reveals[ROLE_COUNT];
	struct reveal *r = arena_alloc(rq->arena, ROLE_COUNT * sizeof(*r));
	size_t n = 0;
	for (int i = 0; i < ROLE_COUNT; i++) {
		enum role role = (enum role)i;
		if (!o->roles[role])
			continue;
		choices[n] = (struct govuk_choice){role_key(role), role_name(role), role_sent && !strcmp(role_sent, role_key(role))};
		reveals[n] = (struct govuk_reveal){NULL, NULL};
		const char *id = field_of(rq, o, role);
		const char *value = id && sent ? req_form(rq, id) : NULL;
		const char *error = id ? govuk_error_for(errs, nerrs, id) : NULL;
		switch (kind_of(o, role)) {
		case KIND_HUB:
			r[n].select = (struct govuk_select){.id = id, .label = "Hub", .error = error, .value = value ? value : only_hub,
							    .options = hubs, .n = nhubs};
			reveals[n] = (struct govuk_reveal){write_select, &r[n]};
			break;
		case KIND_PROJECT:
			r[n].select = (struct govuk_select){.id = id, .label = "Project", .error = error, .value = value,
							    .options = projects, .n = nprojects};
			reveals[n] = (struct govuk_reveal){write_select, &r[n]};
			break;
		case KIND_SCHOOL:
			r[n].input = (struct govuk_input){.id = id, .label = "School URN", .type = "text", .value = value, .error = error,
							  .hint = "The school's unique reference number in Get Information about Schools: 6 or 7 digits",
							  .autocomplete = "off", .input_class = "govuk-input--width-10", .inputmode = "numeric",
							  .spellcheck_off = true};
			reveals[n] = (struct govuk_reveal){write_input, &r[n]};
			break;
		case KIND_NONE:
			break;
		}
		n++;
	}
	govuk_choices_revealing(w, false, "role", "Role", choices, reveals, n, govuk_error_for(errs, nerrs, "role"), true);
}

/* ---- what was sent ---- */

static bool fail(struct govuk_error *errs, size_t *nerrs, const char *field, const char *message)
{
	errs[(*nerrs)++] = (struct govuk_error){field, message};
	return false;
}

bool grant_read(const struct req *rq, const struct grant_offer *o, struct role_choice *c,
		struct govuk_error *errs, size_t *nerrs)
{
	memset(c, 0, sizeof(*c));
	c->scope = "";
	const char *rk = req_form(rq, "role");
	if (!rk || !role_from_key(rk, &c->g.role))
		return fail(errs, nerrs, "role", "Select a role");
	if (!o->roles[c->g.role])
		return fail(errs, nerrs, "role", o->refused);
	const char *field = field_of(rq, o, c->g.role);
	const char *value = field ? req_form(rq, field) : NULL;
	value = value ? value : "";
	const struct grant_opt *opt;
	switch (kind_of(o, c->g.role)) {
	case KIND_HUB:
		if (!(opt = find(o->hubs, o->nhubs, value)))
			return fail(errs, nerrs, field, "Select the hub for this role");
		if (!hub_offered(o, opt->id))
			return fail(errs, nerrs, field, o->refused);
		c->g.hub_id = opt->id;
		c->scope = opt->code;
		return true;
	case KIND_PROJECT:
		if (!(opt = find(o->projects, o->nprojects, value)))
			return fail(errs, nerrs, field, "Select the project for this role");
		c->g.project_id = opt->id;
		c->scope = opt->code;
		return true;
	case KIND_SCHOOL: {
		/* as typed or pasted: spaces around it do not matter */
		size_t lead = strspn(value, " \t"), len = strlen(value + lead);
		while (len && (value[lead + len - 1] == ' ' || value[lead + len - 1] == '\t'))
			len--;
		if (!len)
			return fail(errs, nerrs, field, "Enter the school's URN");
		if (len < 6 || len > 7 || strspn(value + lead, "0123456789") != len)
			return fail(errs, nerrs, field, "The school's URN must be 6 or 7 digits, like 100000");
		c->g.school_urn = c->scope = arena_strndup(rq->arena, value + lead, len);
		return true;
	}
	case KIND_NONE:
		return true;
	}
	return true;
}

enum err grant_insert(struct db *db, const struct req *rq, int64_t person_id, const struct role_choice *c,
		      const char *reason)
{
	struct db_stmt *st = db_prepare(db, SQL_GRANT);
	if (!st || db_bind_int(st, 1, person_id) || db_bind_text(st, 2, role_key(c->g.role)) ||
	    (c->g.hub_id ? db_bind_int(st, 3, c->g.hub_id) : db_bind_null(st, 3)) ||
	    (c->g.project_id ? db_bind_int(st, 4, c->g.project_id) : db_bind_null(st, 4)) ||
	    (c->g.school_urn ? db_bind_text(st, 5, c->g.school_urn) : db_bind_null(st, 5)) ||
	    db_bind_int(st, 6, rq->session->person_id) || db_bind_int(st, 7, clock_now()) || db_bind_text(st, 8, reason))
		return ERR_DB;
	int rc = db_step(st);
	if (rc < 0)
		return (enum err)rc;
	if (rc == 0)
		return ERR_CONFLICT; /* they have it already (role_grants_once) */
	if ((rc = db_step(st)) < 0)
		return (enum err)rc;
	return audit(db, rq, rq->session->person_id, "role_granted", arena_printf(rq->arena, "person:%lld", (long long)person_id),
		     arena_printf(rq->arena, "%s%s%s: %s", role_key(c->g.role), c->scope[0] ? " " : "", c->scope, reason));
}

const char *grant_scope_text(const struct req *rq, const char *hub_code, const char *project_code, const char *urn)
{
	if (hub_code && hub_code[0])
		return hub_code;
	if (project_code && project_code[0])
		return project_code;
	if (urn && urn[0])
		return arena_printf(rq->arena, "School %s", urn);
	return NULL;
}

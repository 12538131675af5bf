/* grant.c - see grant.h. Its SQL (grant_offer_load, grant_insert) is in queries.c. */
#include "admin/grant.h"

#include <string.h>

#include "core/arena.h"
#include "html/govuk.h"
#include "http/request.h"
#include "registry/registry.h"

enum grant_kind grant_kind_of(const struct grant_offer *o, enum role r)
{
	switch (r) {
	case ROLE_PARTICIPANT:
		return o->hub_ids ? GRANT_HUB : GRANT_NONE;
	case ROLE_MHL:
	case ROLE_AMHL:
	case ROLE_HUB_MANAGER:
	case ROLE_LLME:
		return GRANT_HUB;
	case ROLE_PROJECT_LEAD:
	case ROLE_HUB_LEAD_LINK:
	case ROLE_NATIONAL_LINK:
		return GRANT_PROJECT;
	case ROLE_HEADTEACHER:
		return GRANT_SCHOOL;
	default:
		return GRANT_NONE;
	}
}

bool grant_hub_offered(const struct grant_offer *o, int64_t id)
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

/* The options of a hub or project select: "GLOW (SW4)" (the hubs offered
 * only), "NCP24-09: Primary ...". */
static struct govuk_option *options(const struct req *rq, const struct grant_offer *o, bool hubs, size_t *n)
{
	const struct grant_opt *opts = hubs ? o->hubs : o->projects;
	size_t nopts = hubs ? o->nhubs : o->nprojects;
	struct govuk_option *out = arena_alloc(rq->arena, (nopts + 1) * sizeof(*out));
	*n = 0;
	for (size_t i = 0; i < nopts; i++)
		if (!hubs)
			out[(*n)++] = (struct govuk_option){opts[i].code, arena_printf(rq->arena, "%s: %s", opts[i].code, opts[i].name)};
		else if (grant_hub_offered(o, opts[i].id))
			out[(*n)++] = (struct govuk_option){opts[i].code, arena_printf(rq->arena, "%s (%s)", opts[i].name, opts[i].code)};
	return out;
}

struct form grant_form(const struct req *rq, const struct grant_offer *o, const struct form_field *fields, size_t n,
		       size_t at)
{
	struct form_field *f = arena_alloc(rq->arena, n * sizeof(*f));
	memcpy(f, fields, n * sizeof(*f));
	struct govuk_option *roles = arena_alloc(rq->arena, ROLE_COUNT * sizeof(*roles));
	size_t nroles = 0, nhubs, nprojects;
	for (int r = 0; r < ROLE_COUNT; r++)
		if (o->roles[r])
			roles[nroles++] = (struct govuk_option){role_key((enum role)r), role_name((enum role)r)};
	const struct govuk_option *hubs = options(rq, o, true, &nhubs), *projects = options(rq, o, false, &nprojects);
	f[at].options = roles;
	f[at].noptions = nroles;
	if (o->hub_ids)
		f[at].invalid = o->refused;
	for (size_t i = at + 1; i < at + GRANT_NFIELDS; i++) {
		enum role r;
		enum grant_kind k = role_from_key(f[i].revealed_for, &r) && o->roles[r] ? grant_kind_of(o, r) : GRANT_NONE;
		f[i].off = k == GRANT_NONE;
		if (k == GRANT_HUB) {
			f[i].options = hubs;
			f[i].noptions = nhubs;
			if (o->hub_ids)
				f[i].invalid = o->refused;
		} else if (k == GRANT_PROJECT) {
			f[i].options = projects;
			f[i].noptions = nprojects;
		}
	}
	return (struct form){f, n};
}

void grant_form_prefill(struct form_data *d, size_t at)
{
	for (size_t i = at + 1; i < at + GRANT_NFIELDS; i++) {
		const struct form_field *f = &d->form->fields[i];
		if (f->select && f->noptions == 1 && !d->values[i].text && !d->values[i].error && !strncmp(f->name, "hub-", 4))
			form_set(d, i, f->options[0].value); /* one hub to choose from: chosen already */
	}
}

void grant_choice(const struct form_data *d, size_t at, const struct grant_offer *o, struct role_choice *c)
{
	memset(c, 0, sizeof(*c));
	c->scope = "";
	if (!role_from_key(d->values[at].text, &c->g.role))
		return; /* form_read took only an option */
	const char *value = NULL;
	for (size_t i = at + 1; i < at + GRANT_NFIELDS; i++)
		if (!d->form->fields[i].off && form_chosen(d, at, d->form->fields[i].revealed_for))
			value = d->values[i].text;
	const struct grant_opt *opt;
	switch (grant_kind_of(o, c->g.role)) {
	case GRANT_HUB:
		if ((opt = find(o->hubs, o->nhubs, value))) {
			c->g.hub_id = opt->id;
			c->scope = opt->code;
		}
		break;
	case GRANT_PROJECT:
		if ((opt = find(o->projects, o->nprojects, value))) {
			c->g.project_id = opt->id;
			c->scope = opt->code;
		}
		break;
	case GRANT_SCHOOL:
		c->g.school_urn = c->scope = value;
		break;
	case GRANT_NONE:
		break;
	}
}

enum err grant_choice_read(struct db *db, struct form_data *d, size_t at, const struct grant_offer *o, struct role_choice *c)
{
	grant_choice(d, at, o, c);
	if (!c->g.school_urn)
		return ERR_OK;
	enum err e = school_exists(db, c->g.school_urn);
	if (e != ERR_NOT_FOUND)
		return e;
	for (size_t i = at + 1; i < at + GRANT_NFIELDS; i++)
		if (d->form->fields[i].kind == FORM_URN)
			form_fail(d, i, "There is no school with this URN. Check it in Get Information about Schools");
	return ERR_OK;
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

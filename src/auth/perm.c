/* perm.c - see perm.h. The table below is the whole of who may do what. */
#include "auth/perm.h"

#include <string.h>

#include "core/util.h"

static const struct {
	const char *key, *name;
	enum scope natural; /* the scope a grant of this role covers */
} roles[ROLE_COUNT] = {
	[ROLE_NATIONAL_ADMIN] = {"national_admin", "National administrator", SCOPE_NATIONAL},
	[ROLE_NATIONAL_ANALYST] = {"national_analyst", "National analyst", SCOPE_NATIONAL},
	[ROLE_PROJECT_LEAD] = {"project_lead", "Project Lead", SCOPE_PROJECT},
	[ROLE_HUB_LEAD_LINK] = {"hub_lead_link", "Hub Lead Link", SCOPE_PROJECT},
	[ROLE_NATIONAL_LINK] = {"national_link", "National Link", SCOPE_PROJECT},
	[ROLE_MHL] = {"mhl", "Maths Hub Lead", SCOPE_HUB},
	[ROLE_AMHL] = {"amhl", "Assistant Maths Hub Lead", SCOPE_HUB},
	[ROLE_HUB_MANAGER] = {"hub_manager", "Hub manager", SCOPE_HUB},
	[ROLE_LLME] = {"llme", "Local leader of mathematics education (LLME)", SCOPE_HUB},
	[ROLE_PARTICIPANT] = {"participant", "Participant", SCOPE_OWN},
	[ROLE_HEADTEACHER] = {"headteacher", "Headteacher", SCOPE_SCHOOL},
};

static const char *const capabilities[CAP_COUNT] = {
	[CAP_PUBLIC] = "public",
	[CAP_ACCOUNT] = "own account",
	[CAP_PEOPLE_READ] = "see people",
	[CAP_PEOPLE_ADD] = "add people",
	[CAP_ROLES_MANAGE] = "grant and revoke roles",
	[CAP_AUDIT_READ] = "read the audit log",
	[CAP_MAIL_READ] = "see undelivered mail",
	[CAP_SIGN_IN_RESET] = "reset someone's sign-in",
};

/* Capability -> role, at that role's natural scope. Deny by default. */
static const struct {
	enum capability cap;
	enum role role;
} permissions[] = {
	{CAP_PEOPLE_READ, ROLE_NATIONAL_ADMIN},
	{CAP_PEOPLE_READ, ROLE_NATIONAL_ANALYST},
	{CAP_PEOPLE_READ, ROLE_MHL},
	{CAP_PEOPLE_READ, ROLE_AMHL},
	{CAP_PEOPLE_READ, ROLE_HUB_MANAGER},
	{CAP_PEOPLE_ADD, ROLE_NATIONAL_ADMIN},
	{CAP_PEOPLE_ADD, ROLE_MHL},
	{CAP_PEOPLE_ADD, ROLE_AMHL},
	{CAP_PEOPLE_ADD, ROLE_HUB_MANAGER},
	{CAP_ROLES_MANAGE, ROLE_NATIONAL_ADMIN},
	{CAP_AUDIT_READ, ROLE_NATIONAL_ADMIN},
	{CAP_MAIL_READ, ROLE_NATIONAL_ADMIN},
	{CAP_SIGN_IN_RESET, ROLE_NATIONAL_ADMIN},
};

const char *role_key(enum role r)
{
	return r < ROLE_COUNT ? roles[r].key : "";
}

const char *role_name(enum role r)
{
	return r < ROLE_COUNT ? roles[r].name : "";
}

bool role_from_key(const char *key, enum role *out)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (!strcmp(roles[r].key, key)) {
			*out = (enum role)r;
			return true;
		}
	return false;
}

const char *capability_name(enum capability c)
{
	return c < CAP_COUNT ? capabilities[c] : "";
}

enum scope perm_scope(const struct grant *grants, size_t n, enum capability cap)
{
	if (cap == CAP_PUBLIC)
		return SCOPE_NATIONAL;
	enum scope best = SCOPE_NONE;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < ARRAY_LEN(permissions); k++)
			if (permissions[k].cap == cap && permissions[k].role == grants[i].role &&
			    roles[grants[i].role].natural > best)
				best = roles[grants[i].role].natural;
	return best;
}

size_t perm_hubs(const struct grant *grants, size_t n, enum capability cap, int64_t *out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (roles[grants[i].role].natural != SCOPE_HUB || !grants[i].hub_id)
			continue;
		bool allowed = false;
		for (size_t p = 0; p < ARRAY_LEN(permissions); p++)
			allowed |= permissions[p].cap == cap && permissions[p].role == grants[i].role;
		if (allowed && k < max)
			out[k++] = grants[i].hub_id;
	}
	return k;
}

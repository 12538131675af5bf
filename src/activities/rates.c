/* rates.c - see rates.h. */
#include "activities/rates.h"

#include <string.h>

#include "core/arena.h"
#include "core/percent.h"

bool rates_mark_counts(bool register_taken, bool cancelled, const char *session_day, const char *left_on)
{
	if (!register_taken || cancelled)
		return false;
	return !left_on || !left_on[0] || (session_day && strcmp(session_day, left_on) < 0);
}

void rates_add(struct mark_counts *sum, const struct mark_counts *c)
{
	sum->present += c->present;
	sum->late += c->late;
	sum->absent += c->absent;
	sum->apologies += c->apologies;
}

struct rates rates_of(const struct mark_counts *c)
{
	struct rates r = {.none = true};
	if (c->present < 0 || c->late < 0 || c->absent < 0 || c->apologies < 0)
		return r;
	r.counted = c->present + c->late + c->absent + c->apologies;
	if (r.counted <= 0)
		return r;
	r.none = false;
	r.attendance = percent_rounded(c->present + c->late, r.counted);
	r.commitment = percent_rounded(c->present + c->late + c->apologies, r.counted);
	return r;
}

const char *rates_text(struct arena *a, const struct rates *r, bool commitment)
{
	if (r->none)
		return "No sessions yet";
	return arena_printf(a, "%d%%", commitment ? r->commitment : r->attendance);
}

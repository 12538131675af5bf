/* rates.c - see rates.h. */
#include "activities/rates.h"

#include <string.h>

#include "core/arena.h"

bool rates_mark_counts(bool register_taken, bool cancelled, const char *session_day, const char *left_on)
{
	if (!register_taken || cancelled)
		return false;
	return !left_on || !left_on[0] || (session_day && strcmp(session_day, left_on) < 0);
}

int rates_percent(long part, long whole)
{
	if (whole <= 0 || part < 0 || part > whole)
		return -1;
	/* floor(100 * part / whole + 1/2), exactly: (200 part + whole) / (2 whole), in 128 bits (no overflow) */
	__extension__ typedef __int128 wide;
	return (int)((200 * (wide)part + whole) / (2 * (wide)whole));
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
	r.attendance = rates_percent(c->present + c->late, r.counted);
	r.commitment = rates_percent(c->present + c->late + c->apologies, r.counted);
	return r;
}

const char *rates_text(struct arena *a, const struct rates *r, bool commitment)
{
	if (r->none)
		return "No sessions yet";
	return arena_printf(a, "%d%%", commitment ? r->commitment : r->attendance);
}

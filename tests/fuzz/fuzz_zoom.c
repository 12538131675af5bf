/* fuzz_zoom.c - any bytes as a Zoom participant report uploaded on
 * /events/{id}/report (zoom_read: encoding detection, CSV records, the
 * meeting's part, the participants' header in any order, ragged rows, US
 * and ISO times): no crash; either a message for the whole file, or rows
 * whose lines increase, each with a valid day and a duration in range or a
 * problem of its own, lower-case email addresses. zoom_time too. */
#include "fuzz.h"

#include <ctype.h>
#include <string.h>

#include "core/arena.h"
#include "events/zoom.h"

static bool valid_day(const char *d)
{
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)d[i]))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct zoom_report r;
	zoom_read(a, (const char *)data, size, &r);
	FUZZ_ASSERT(!r.problem || !r.n);
	FUZZ_ASSERT(r.problem || r.n);
	FUZZ_ASSERT(r.n <= ZOOM_MAX_ROWS);
	size_t last = 0;
	for (size_t i = 0; i < r.n; i++) {
		const struct zoom_row *z = &r.rows[i];
		FUZZ_ASSERT(z->line > last);
		last = z->line;
		FUZZ_ASSERT(z->name && z->email);
		for (const char *p = z->email; *p; p++)
			FUZZ_ASSERT(!isupper((unsigned char)*p));
		if (!z->problem) {
			FUZZ_ASSERT(valid_day(z->day));
			FUZZ_ASSERT(z->minutes >= 0 && z->minutes <= ZOOM_MAX_MINUTES);
		}
	}
	char *s = arena_strndup(a, (const char *)data, size < 64 ? size : 64), day[11];
	long secs;
	if (zoom_time(s, day, &secs))
		FUZZ_ASSERT(valid_day(day) && secs >= 0 && secs < 86400);
	arena_free(a);
	return 0;
}

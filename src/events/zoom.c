/* zoom.c - see zoom.h. */
#include "events/zoom.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/csv_upload.h"

/* The participants' columns. */
enum { Z_NAME, Z_EMAIL, Z_JOIN, Z_LEAVE, Z_DURATION, Z_GUEST, Z_COUNT };
static const char *const z_names[Z_COUNT][3] = {
	[Z_NAME] = {"Name (Original Name)", "Name", "Participant"},
	[Z_EMAIL] = {"User Email", "Email", "Email Address"},
	[Z_JOIN] = {"Join Time", "Join time", NULL},
	[Z_LEAVE] = {"Leave Time", NULL, NULL},
	[Z_DURATION] = {"Duration (Minutes)", "Duration (minutes)", "Duration"},
	[Z_GUEST] = {"Guest", NULL, NULL},
};

static int column_of(void *ctx, const char *field)
{
	(void)ctx;
	for (int c = 0; c < Z_COUNT; c++)
		for (int k = 0; k < 3 && z_names[c][k]; k++)
			if (!strcasecmp(field, z_names[c][k]))
				return c;
	return -1;
}

static bool participants_header(void *ctx, const int *col)
{
	(void)ctx;
	return col[Z_NAME] >= 0 && col[Z_JOIN] >= 0 && col[Z_DURATION] >= 0;
}

static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return n > 0;
}

static bool valid_date(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 2000 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	int max = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	return d <= max;
}

/* "HH:MM[:SS][ AM|PM]" from s: seconds since midnight. */
static bool clock_of(const char *s, long *seconds)
{
	int h, m, sec = 0;
	size_t n = strspn(s, "0123456789");
	if (n < 1 || n > 2 || !digits(s, n, &h) || s[n] != ':')
		return false;
	s += n + 1;
	if (!digits(s, 2, &m) || isdigit((unsigned char)s[2]))
		return false;
	s += 2;
	if (*s == ':') {
		if (!digits(s + 1, 2, &sec) || isdigit((unsigned char)s[3]))
			return false;
		s += 3;
	}
	while (*s == ' ')
		s++;
	if (*s) {
		bool pm = !strcasecmp(s, "PM"), am = !strcasecmp(s, "AM");
		if (!pm && !am)
			return false;
		if (h < 1 || h > 12)
			return false;
		h = h % 12 + (pm ? 12 : 0);
	}
	if (h > 23 || m > 59 || sec > 59)
		return false;
	*seconds = h * 3600L + m * 60L + sec;
	return true;
}

bool zoom_time(const char *s, char day[11], long *seconds)
{
	int y, mo, d;
	while (*s == ' ')
		s++;
	size_t a = strspn(s, "0123456789");
	const char *rest;
	if (a == 4 && s[4] == '-') { /* 2026-12-02 09:58:12 */
		if (!digits(s, 4, &y) || !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d) ||
		    (s[10] != ' ' && s[10] != 'T'))
			return false;
		rest = s + 11;
	} else { /* 12/02/2026 09:58:12 AM: month first */
		if (a < 1 || a > 2 || !digits(s, a, &mo) || s[a] != '/')
			return false;
		const char *p = s + a + 1;
		size_t b = strspn(p, "0123456789");
		if (b < 1 || b > 2 || !digits(p, b, &d) || p[b] != '/')
			return false;
		p += b + 1;
		if (!digits(p, 4, &y) || p[4] != ' ')
			return false;
		rest = p + 5;
	}
	if (!valid_date(y, mo, d) || !clock_of(rest, seconds))
		return false;
	snprintf(day, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u, (unsigned)d % 100u); /* in range: valid_date */
	return true;
}

static const char *lower(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

/* "Ann (Ann Archer)": the name shown and the original one. */
static void split_name(struct arena *a, const char *v, const char **name, const char **original)
{
	size_t n = strlen(v);
	const char *open = strstr(v, " (");
	const char *last = open;
	while (open && (open = strstr(open + 1, " (")))
		last = open;
	*original = NULL;
	*name = v;
	if (last && n > 0 && v[n - 1] == ')' && last > v) {
		size_t k = (size_t)(last - v), inner = n - k - 3;
		if (inner > 0) {
			*name = arena_strndup(a, v, k);
			*original = arena_strndup(a, last + 2, inner);
		}
	}
}

void zoom_read(struct arena *a, const char *data, size_t len, struct zoom_report *out)
{
	*out = (struct zoom_report){0};
	struct csv_record *recs;
	size_t nrecs, line;
	switch (csv_upload_read(a, data, len, ZOOM_MAX_ROWS + 8, &recs, &nrecs, &line)) {
	case CSV_UPLOAD_OK:
		break;
	case CSV_UPLOAD_EMPTY:
		out->problem = "The selected file is empty: export the participants from Zoom as CSV";
		return;
	case CSV_UPLOAD_UNICODE:
		out->problem = "The file is saved as Unicode text: save it as CSV (UTF-8) and try again";
		return;
	case CSV_UPLOAD_NOT_TEXT:
		out->problem = "The selected file must be a CSV file: export the participants from Zoom as CSV";
		return;
	case CSV_UPLOAD_TOO_LARGE:
		out->problem = arena_printf(a, "The file has more than %d rows: upload the report of one meeting", ZOOM_MAX_ROWS);
		return;
	case CSV_UPLOAD_QUOTE:
		out->problem = arena_printf(a, "Line %zu of the file has a value in quotes that is not closed: check the quotes on that line", line);
		return;
	}
	/* the participants' header: the first record naming a name, a join time and a duration */
	int col[Z_COUNT];
	size_t head = csv_find_header(recs, nrecs, nrecs, Z_COUNT, column_of, participants_header, NULL, col);
	if (head == nrecs) {
		out->problem = "The file is not a Zoom participant report: it needs the columns Name (Original Name), "
			       "User Email, Join Time, Leave Time and Duration (Minutes)";
		return;
	}
	/* the meeting's information before it: its topic */
	for (size_t f = 0; head >= 2 && f < recs[0].n; f++)
		if (!strcasecmp(recs[0].fields[f], "Topic") && f < recs[1].n && recs[1].fields[f][0])
			out->topic = recs[1].fields[f];
	size_t max = nrecs - head - 1;
	if (max > ZOOM_MAX_ROWS) {
		out->problem = arena_printf(a, "The file has more than %d rows: upload the report of one meeting", ZOOM_MAX_ROWS);
		return;
	}
	out->rows = arena_alloc(a, (max + 1) * sizeof(*out->rows));
	for (size_t r = head + 1; r < nrecs; r++) {
		const struct csv_record *rec = &recs[r];
		const char *v[Z_COUNT];
		for (int c = 0; c < Z_COUNT; c++)
			v[c] = col[c] >= 0 && (size_t)col[c] < rec->n ? rec->fields[col[c]] : "";
		struct zoom_row *z = &out->rows[out->n];
		*z = (struct zoom_row){.line = rec->line, .email = lower(a, v[Z_EMAIL]),
				       .guest = !strcasecmp(v[Z_GUEST], "Yes")};
		split_name(a, v[Z_NAME], &z->name, &z->original);
		long secs;
		int minutes;
		size_t dn = strlen(v[Z_DURATION]);
		if (!zoom_time(v[Z_JOIN], z->day, &secs))
			z->problem = "Join Time is not a time like 12/02/2026 09:58:12 AM";
		else if (dn > 6 || !digits(v[Z_DURATION], dn, &minutes) || minutes > ZOOM_MAX_MINUTES)
			z->problem = "Duration (Minutes) is not a number of minutes";
		else
			z->minutes = minutes;
		if (!z->name[0] && !z->email[0])
			z->problem = "The row has neither a name nor an email address";
		out->n++;
	}
	if (!out->n)
		out->problem = "The report has no participants";
}

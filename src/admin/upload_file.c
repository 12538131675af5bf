/* upload_file.c - see upload_file.h. */
#include "admin/upload_file.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/csv_upload.h"

const char *const upload_col_names[UC_COUNT] = {
	[UC_NAME] = "Name", [UC_EMAIL] = "Email", [UC_URN] = "School URN",
	[UC_JOB] = "Job title", [UC_ROLE] = "Role", [UC_HUB] = "Hub code",
};
_Static_assert(UPLOAD_MAX_ROWS == 1000, "the messages say 1,000");

const bool upload_col_required[UC_COUNT] = {[UC_NAME] = true, [UC_EMAIL] = true, [UC_ROLE] = true};

/* Headings each column is known by, squeezed (lower case, letters and digits only). */
static const char *const aliases[UC_COUNT][4] = {
	[UC_NAME] = {"name", "fullname"},
	[UC_EMAIL] = {"email", "emailaddress"},
	[UC_URN] = {"schoolurn", "urn"},
	[UC_JOB] = {"jobtitle"},
	[UC_ROLE] = {"role"},
	[UC_HUB] = {"hubcode", "hub"},
};

static int column_of(struct arena *a, const char *heading)
{
	const char *h = csv_heading_key(a, heading);
	for (int c = 0; c < UC_COUNT; c++)
		for (size_t k = 0; k < 4 && aliases[c][k]; k++)
			if (!strcmp(h, aliases[c][k]))
				return c;
	return -1;
}

/* "Name, Email and Role" */
static const char *list_of(struct arena *a, const char **names, size_t n)
{
	const char *s = "";
	for (size_t i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%s", s, i == 0 ? "" : i + 1 == n ? " and " : ", ", names[i]);
	return s;
}

/* s without the spaces, tabs and line breaks around it (a quoted cell
 * keeps them; a person typing " 100000 " means 100000). */
static const char *cell(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return s[n] ? arena_strndup(a, s, n) : s;
}

void upload_file_read(struct arena *a, const char *data, size_t len, struct upload_file *f)
{
	*f = (struct upload_file){0};
	struct csv_record *recs;
	size_t n, line;
	enum csv_upload read = csv_upload_read(a, data, len, UPLOAD_MAX_ROWS + 1, &recs, &n, &line);
	if ((f->problem = csv_upload_problem(a, read, line, "The selected file must have at most 1,000 people: split it into smaller files")))
		return;
	/* the header: which column of the file each of ours is */
	long at[UC_COUNT];
	for (int c = 0; c < UC_COUNT; c++)
		at[c] = -1;
	for (size_t k = 0; k < recs[0].n; k++) {
		int c = column_of(a, recs[0].fields[k]);
		if (c < 0)
			continue; /* a column of their own: not read */
		if (at[c] >= 0) {
			f->problem = arena_printf(a, "The first row of the selected file has two %s columns: remove one", upload_col_names[c]);
			return;
		}
		at[c] = (long)k;
	}
	const char *missing[UC_COUNT];
	size_t nmissing = 0;
	for (int c = 0; c < UC_COUNT; c++)
		if (upload_col_required[c] && at[c] < 0)
			missing[nmissing++] = upload_col_names[c];
	if (nmissing) {
		f->problem = arena_printf(a, "The first row of the selected file must name the columns, as the template does: %s %s missing",
					  list_of(a, missing, nmissing), nmissing == 1 ? "is" : "are");
		return;
	}
	if (n == 1) {
		f->problem = "The selected file has no people in it: add a row for each person below the first row";
		return;
	}
	f->rows = arena_alloc(a, (n - 1) * sizeof(*f->rows));
	for (size_t i = 1; i < n; i++) {
		const struct csv_record *r = &recs[i];
		struct upload_row *row = &f->rows[f->nrows++];
		row->line = r->line;
		for (int c = 0; c < UC_COUNT; c++)
			row->v[c] = at[c] >= 0 && (size_t)at[c] < r->n ? cell(a, r->fields[at[c]]) : "";
		for (size_t k = recs[0].n; k < r->n && !row->extra; k++)
			row->extra = r->fields[k][0] != '\0';
	}
}

bool upload_role(const char *cell, enum role *r)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%s", cell);
	struct arena *a = arena_new();
	const char *want = csv_heading_key(a, buf);
	bool found = false;
	static const struct {
		const char *said;
		enum role role;
	} usual[] = {{"mhl", ROLE_MHL}, {"amhl", ROLE_AMHL}, {"llme", ROLE_LLME}};
	for (size_t i = 0; !found && i < sizeof(usual) / sizeof(usual[0]); i++)
		if (!strcmp(want, usual[i].said))
			*r = usual[i].role, found = true;
	for (int k = 0; !found && k < ROLE_COUNT; k++) {
		/* "Local leader of mathematics education (LLME)": the name, with or without its bracket */
		char name[128];
		snprintf(name, sizeof(name), "%s", role_name((enum role)k));
		char *bracket = strchr(name, '(');
		const char *whole = csv_heading_key(a, name);
		if (bracket)
			*bracket = '\0';
		if (want[0] && (!strcmp(want, csv_heading_key(a, role_key((enum role)k))) || !strcmp(want, whole) || !strcmp(want, csv_heading_key(a, name))))
			*r = (enum role)k, found = true;
	}
	arena_free(a);
	return found;
}

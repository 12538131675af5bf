/* fuzz_people.c - any bytes as a file of people uploaded on
 * /admin/people/upload (upload_file_read: encoding detection, CSV records,
 * the header's columns in any spelling, ragged rows): no crash; either a
 * message for the whole file, or rows whose lines increase, each with
 * every column's value NUL-terminated and trimmed. */
#include "fuzz.h"

#include "admin/upload_file.h"
#include "core/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct upload_file f;
	upload_file_read(a, (const char *)data, size, &f);
	FUZZ_ASSERT(!f.problem || !f.nrows);
	FUZZ_ASSERT(f.nrows <= UPLOAD_MAX_ROWS);
	size_t last = 0;
	for (size_t i = 0; i < f.nrows; i++) {
		FUZZ_ASSERT(f.rows[i].line > last);
		last = f.rows[i].line;
		for (int c = 0; c < UC_COUNT; c++) {
			const char *v = f.rows[i].v[c];
			size_t n = strlen(v);
			FUZZ_ASSERT(!n || (v[0] != ' ' && v[n - 1] != ' '));
		}
	}
	enum role r;
	if (f.nrows)
		(void)upload_role(f.rows[0].v[UC_ROLE], &r);
	arena_free(a);
	return 0;
}

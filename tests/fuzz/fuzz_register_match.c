/* fuzz_register_match.c - any bytes as a paper sign-in sheet uploaded for
 * a session's register (register_sheet_read and register_sheet_match:
 * encoding detection, CSV records, the headings found among the first
 * rows, ragged rows, names and schools folded): no crash; either a message
 * for the whole file, or rows whose lines increase, each with a status and
 * what goes with it (a participant matched at most once, a duplicate after
 * the row it repeats, a reason for every row not matched, a problem for
 * every mark not read). */
#include "fuzz.h"

#include <stdint.h>
#include <string.h>

#include "activities/register_match.h"
#include "core/arena.h"

static const struct reg_school lineage[] = {{"100002", "Oakfield Primary School"}};
static const struct reg_participant people[] = {
	{101, "Ann Archer", {"100001", "St Mary's Church of England Primary School"}, NULL, 0},
	{102, "Zo\xC3\xAB Kowalski", {"140002", "Oakfield Academy"}, lineage, 1},
	{103, "Jo Smith", {"100001", "St Mary's CE Primary"}, NULL, 0},
	{104, "Jo Smith", {"100004", "Elm Tree Infant School"}, NULL, 0},
	{105, "Chris Lee", {NULL, NULL}, NULL, 0},
};
#define NP (sizeof(people) / sizeof(people[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct reg_sheet s;
	register_sheet_read(a, (const char *)data, size, &s);
	FUZZ_ASSERT(!s.problem || !s.n);
	FUZZ_ASSERT(s.problem || s.n);
	FUZZ_ASSERT(s.n <= REGISTER_MAX_ROWS);
	if (!s.problem) {
		register_sheet_match(a, &s, people, NP);
		size_t last = 0, sum = 0, unread = 0, matched[NP] = {0};
		for (size_t k = 0; k < REG_STATUS_COUNT; k++)
			sum += s.count[k];
		FUZZ_ASSERT(sum == s.n);
		for (size_t i = 0; i < s.n; i++) {
			const struct reg_row *r = &s.rows[i];
			FUZZ_ASSERT(r->line > last);
			last = r->line;
			FUZZ_ASSERT(r->name && r->school && r->urn && r->mark_text && r->name_key && r->school_key);
			FUZZ_ASSERT((r->mark == REG_MARK_UNREAD) == (r->mark_problem != NULL));
			unread += r->mark == REG_MARK_UNREAD;
			FUZZ_ASSERT((r->status == REG_MATCHED) == (r->reason == NULL));
			switch (r->status) {
			case REG_MATCHED:
				FUZZ_ASSERT(r->participant < NP && people[r->participant].id == r->participant_id);
				FUZZ_ASSERT(++matched[r->participant] == 1);
				break;
			case REG_DUPLICATE:
				FUZZ_ASSERT(r->participant < NP && people[r->participant].id == r->participant_id);
				FUZZ_ASSERT(r->first_line && r->first_line < r->line && matched[r->participant] == 1);
				break;
			case REG_AMBIGUOUS:
				FUZZ_ASSERT(r->ncandidates >= 2 && r->participant == SIZE_MAX && !r->participant_id);
				break;
			case REG_UNMATCHED:
				FUZZ_ASSERT(r->participant == SIZE_MAX && !r->participant_id);
				break;
			default:
				FUZZ_ASSERT(false);
			}
			for (size_t c = 0; c < r->ncandidates; c++)
				FUZZ_ASSERT(r->candidates[c] < NP);
		}
		FUZZ_ASSERT(unread == s.unread_marks);
	}
	arena_free(a);
	return 0;
}

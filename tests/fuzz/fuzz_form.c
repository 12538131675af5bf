/* fuzz_form.c - a form body (application/x-www-form-urlencoded) through
 * url_parse_query, then a declared form of every kind through form_read:
 * no crash, and what it accepts meets the field's own rules. */
#include "fuzz.h"

#include "core/arena.h"
#include "core/url.h"
#include "core/utf8.h"
#include "html/form.h"

static const struct govuk_option options[] = {{"a", "A"}, {"b", "B"}, {"c", "C"}};

enum { F_TEXT, F_EMAIL, F_PASSWORD, F_AREA, F_NUMBER, F_URN, F_DATE, F_CHOICE, F_CHOICES, F_COUNT };
static const struct form_field fields[F_COUNT] = {
	[F_TEXT] = {"name", FORM_TEXT, "Name", .required = true, .max_chars = 40},
	[F_EMAIL] = {"email", FORM_EMAIL, "Email"},
	[F_PASSWORD] = {"password", FORM_PASSWORD, "Password"},
	[F_AREA] = {"notes", FORM_TEXTAREA, "Notes", .max_chars = 100},
	[F_NUMBER] = {"days", FORM_NUMBER, "Days", .min = 1, .max = 30},
	[F_URN] = {"urn", FORM_URN, "URN"},
	[F_DATE] = {"on", FORM_DATE, "Date"},
	[F_CHOICE] = {"phase", FORM_CHOICE, "Phase", .options = options, .noptions = 3},
	[F_CHOICES] = {"kinds", FORM_CHOICES, "Kinds", .options = options, .noptions = 3},
};
static const struct form form = FORM(fields);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct url_param *params;
	size_t n;
	if (url_parse_query(a, (const char *)data, size, 64, &params, &n) == ERR_OK) {
		struct form_data d;
		if (form_read(&form, params, n, a, NULL, &d)) {
			const char *t = d.values[F_TEXT].text;
			FUZZ_ASSERT(t && utf8_valid(t, strlen(t)) && !strpbrk(t, "\t\r\n"));
			size_t chars = 0;
			for (const char *c = t; *c; c++)
				chars += ((unsigned char)*c & 0xC0) != 0x80;
			FUZZ_ASSERT(chars <= 40);
			const char *urn = d.values[F_URN].text;
			FUZZ_ASSERT(!urn || !urn[0] || strlen(urn) == 6);
			const char *on = d.values[F_DATE].text;
			FUZZ_ASSERT(!on || !on[0] || (strlen(on) == 10 && on[4] == '-' && on[7] == '-'));
		}
	}
	arena_free(a);
	return 0;
}

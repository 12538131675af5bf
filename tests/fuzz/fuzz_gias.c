/* fuzz_gias.c - any bytes as a GIAS file (registry/gias.h, the reader under
 * `mathshubs import-gias` and the upload page), in either encoding, in two
 * pieces cut where the first byte says: no crash; every row that reaches
 * the import is checked (a URN of 6 or 7 digits, a name, a known status and
 * phase, dates of 10 characters, a digest of 32 hex digits, a local
 * authority code of 3 digits or "0", values of one line and no longer than
 * allowed), and every rejection names a line and a reason, with a name cut
 * short. */
#include "fuzz.h"

#include "registry/gias.h"

/* A value as the reader gives it: no control character, at most max bytes
 * a character (4), trimmed. */
static bool one_line(const char *v, size_t max)
{
	size_t n = strlen(v);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < ' ' || v[i] == 0x7F)
			return false;
	return n <= 4 * max && (!n || (v[0] != ' ' && v[n - 1] != ' '));
}

static enum err school(void *ctx, const struct gias_school *s)
{
	(void)ctx;
	FUZZ_ASSERT(gias_urn_valid(s->urn));
	FUZZ_ASSERT(s->name[0] != '\0');
	FUZZ_ASSERT(!strcmp(s->status, "open") || !strcmp(s->status, "closed") ||
		    !strcmp(s->status, "open_proposed_to_close") || !strcmp(s->status, "proposed_to_open"));
	FUZZ_ASSERT(gias_phase(s->phase) == s->phase);
	FUZZ_ASSERT(!s->open_date || strlen(s->open_date) == 10);
	FUZZ_ASSERT(!s->close_date || strlen(s->close_date) == 10);
	FUZZ_ASSERT(strlen(s->digest) == 32 && strspn(s->digest, "0123456789abcdef") == 32);
	FUZZ_ASSERT(s->nlinks <= GIAS_MAX_LINKS);
	FUZZ_ASSERT(!strcmp(s->la_code, "0") || (strlen(s->la_code) == 3 && strspn(s->la_code, "0123456789") == 3));
	FUZZ_ASSERT(one_line(s->name, GIAS_MAX_NAME) && one_line(s->trust_name, GIAS_MAX_NAME) &&
		    one_line(s->la_name, GIAS_MAX_NAME));
	const char *other[] = {s->street, s->locality, s->address3, s->town, s->county, s->postcode, s->website,
			       s->telephone, s->type, s->type_group, s->open_reason, s->close_reason, s->region};
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		FUZZ_ASSERT(one_line(other[i], GIAS_MAX_FIELD));
	for (size_t i = 0; i < s->nlinks; i++)
		FUZZ_ASSERT(gias_urn_valid(s->links[i].link_urn) && s->links[i].type[0]);
	return ERR_OK;
}

static enum err link(void *ctx, const struct gias_link *l)
{
	(void)ctx;
	FUZZ_ASSERT(gias_urn_valid(l->urn) && gias_urn_valid(l->link_urn) && l->type[0]);
	FUZZ_ASSERT(one_line(l->name, GIAS_MAX_NAME) && one_line(l->type, GIAS_MAX_FIELD));
	FUZZ_ASSERT(!l->date || strlen(l->date) == 10);
	return ERR_OK;
}

static enum err reject(void *ctx, size_t line, const char *urn, const char *name, const char *reason)
{
	(void)ctx;
	FUZZ_ASSERT(line >= 2 && reason[0]);
	FUZZ_ASSERT(strlen(urn) < 24 && strlen(name) < 256);
	return ERR_OK;
}

static const struct gias_handlers handlers = {school, link, reject};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	size_t cut = data[0] % (size + 1);
	for (int cp = 0; cp < 2; cp++) {
		struct gias_reader *r = gias_reader_new(GIAS_ANY, cp ? ENC_CP1252 : ENC_UTF8, &handlers, NULL);
		enum err e = gias_reader_feed(r, (const char *)data, cut);
		if (!e)
			e = gias_reader_feed(r, (const char *)data + cut, size - cut);
		if (!e)
			e = gias_reader_end(r);
		FUZZ_ASSERT(strlen(gias_reader_message(r)) < 1024);
		FUZZ_ASSERT(!e || gias_reader_message(r)[0]);
		gias_reader_free(r);
	}
	return 0;
}

/* fuzz_gias.c - any bytes as a GIAS file (registry/gias.h, the reader under
 * `mathshubs import-gias` and the upload page), in either encoding, in two
 * pieces cut where the first byte says: no crash; every row that reaches
 * the import is checked (a URN of 6 or 7 digits, a name, a known status and
 * phase, dates of 10 characters, a digest of 32 hex digits), and every
 * rejection names a line and a reason. */
#include "fuzz.h"

#include "registry/gias.h"

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
	for (size_t i = 0; i < s->nlinks; i++)
		FUZZ_ASSERT(gias_urn_valid(s->links[i].link_urn) && s->links[i].type[0]);
	return ERR_OK;
}

static enum err link(void *ctx, const struct gias_link *l)
{
	(void)ctx;
	FUZZ_ASSERT(gias_urn_valid(l->urn) && gias_urn_valid(l->link_urn) && l->type[0]);
	FUZZ_ASSERT(!l->date || strlen(l->date) == 10);
	return ERR_OK;
}

static enum err reject(void *ctx, size_t line, const char *urn, const char *name, const char *reason)
{
	(void)ctx, (void)urn, (void)name;
	FUZZ_ASSERT(line >= 2 && reason[0]);
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

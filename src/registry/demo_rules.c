/* demo_rules.c - see demo_rules.h. */
#include "registry/demo_rules.h"

#include <ctype.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/embedded.h"
#include "core/log.h"
#include "core/util.h"

/* ---- names put right ---- */

/* Each Cyrillic letter of Windows-1251's upper half and the Latin
 * character of the same byte in Windows-1252 (bytes Windows-1252 leaves
 * unassigned are not here: those letters stay as they are). */
static const unsigned cp1251_to_1252[][2] = {
	{0x0401, 0x00A8}, {0x0402, 0x20AC}, {0x0404, 0x00AA}, {0x0405, 0x00BD}, {0x0406, 0x00B2}, {0x0407, 0x00AF},
	{0x0408, 0x00A3}, {0x0409, 0x0160}, {0x040A, 0x0152}, {0x040B, 0x017D}, {0x040E, 0x00A1}, {0x0410, 0x00C0},
	{0x0411, 0x00C1}, {0x0412, 0x00C2}, {0x0413, 0x00C3}, {0x0414, 0x00C4}, {0x0415, 0x00C5}, {0x0416, 0x00C6},
	{0x0417, 0x00C7}, {0x0418, 0x00C8}, {0x0419, 0x00C9}, {0x041A, 0x00CA}, {0x041B, 0x00CB}, {0x041C, 0x00CC},
	{0x041D, 0x00CD}, {0x041E, 0x00CE}, {0x041F, 0x00CF}, {0x0420, 0x00D0}, {0x0421, 0x00D1}, {0x0422, 0x00D2},
	{0x0423, 0x00D3}, {0x0424, 0x00D4}, {0x0425, 0x00D5}, {0x0426, 0x00D6}, {0x0427, 0x00D7}, {0x0428, 0x00D8},
	{0x0429, 0x00D9}, {0x042A, 0x00DA}, {0x042B, 0x00DB}, {0x042C, 0x00DC}, {0x042D, 0x00DD}, {0x042E, 0x00DE},
	{0x042F, 0x00DF}, {0x0430, 0x00E0}, {0x0431, 0x00E1}, {0x0432, 0x00E2}, {0x0433, 0x00E3}, {0x0434, 0x00E4},
	{0x0435, 0x00E5}, {0x0436, 0x00E6}, {0x0437, 0x00E7}, {0x0438, 0x00E8}, {0x0439, 0x00E9}, {0x043A, 0x00EA},
	{0x043B, 0x00EB}, {0x043C, 0x00EC}, {0x043D, 0x00ED}, {0x043E, 0x00EE}, {0x043F, 0x00EF}, {0x0440, 0x00F0},
	{0x0441, 0x00F1}, {0x0442, 0x00F2}, {0x0443, 0x00F3}, {0x0444, 0x00F4}, {0x0445, 0x00F5}, {0x0446, 0x00F6},
	{0x0447, 0x00F7}, {0x0448, 0x00F8}, {0x0449, 0x00F9}, {0x044A, 0x00FA}, {0x044B, 0x00FB}, {0x044C, 0x00FC},
	{0x044D, 0x00FD}, {0x044E, 0x00FE}, {0x044F, 0x00FF}, {0x0451, 0x00B8}, {0x0453, 0x0192}, {0x0454, 0x00BA},
	{0x0455, 0x00BE}, {0x0456, 0x00B3}, {0x0457, 0x00BF}, {0x0458, 0x00BC}, {0x0459, 0x0161}, {0x045A, 0x0153},
	{0x045B, 0x017E}, {0x045E, 0x00A2}, {0x045F, 0x0178}, {0x0490, 0x00A5}, {0x0491, 0x00B4},
};

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	o[0] = (char)(0xE0 | (cp >> 12));
	o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

char *demo_repair_name(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(a, n * 2 + 1), *o = out; /* a 2-byte letter may become 3 (€) */
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		/* Cyrillic letters are the 2-byte sequences D0 xx and D1 xx (and D2 90/91) */
		if ((p[0] == 0xD0 || p[0] == 0xD1 || p[0] == 0xD2) && (p[1] & 0xC0) == 0x80) {
			unsigned cp = ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F), to = 0;
			for (size_t i = 0; i < ARRAY_LEN(cp1251_to_1252) && !to; i++)
				if (cp1251_to_1252[i][0] == cp)
					to = cp1251_to_1252[i][1];
			if (to) {
				o += put_utf8(o, to);
				p += 2;
				continue;
			}
		}
		*o++ = (char)*p++;
	}
	*o = '\0';
	return out;
}

/* ---- what a name suggests ---- */

/* Whether the lower-cased name holds word (lower case; may hold spaces)
 * with no letter or digit either side. */
static bool has(const char *name, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(name, word); p; p = strstr(p + 1, word)) {
		bool before = p == name || !isalnum((unsigned char)p[-1]);
		bool after = !isalnum((unsigned char)p[n]);
		if (before && after)
			return true;
	}
	return false;
}

static bool any(const char *name, const char *const *words)
{
	for (; *words; words++)
		if (has(name, *words))
			return true;
	return false;
}

static const char MAINTAINED[] = "Local authority maintained schools";

void demo_kind_of(const char *raw, struct demo_kind *k)
{
	static const char *const special[] = {"special", "sen", "special school", NULL};
	static const char *const pru[] = {"pupil referral unit", "pru", "short stay", "alternative provision",
					  "hospital school", "tuition centre", NULL};
	static const char *const independent[] = {"preparatory", "prep", "pre-prep", "independent", "international",
						  "steiner", "montessori", "house school", NULL};
	static const char *const state_college[] = {"community college", "technology college", "sports college",
						    "arts college", "science college", "language college",
						    "business and enterprise college", "catholic college",
						    "specialist college", NULL};
	static const char *const primary[] = {"primary", "infant", "infants", "junior", "juniors", "first school",
					      "first", "c of e school", "cofe school", "ce school",
					      "church of england school", "church school", "parochial", NULL};
	static const char *const secondary[] = {"high school", "high", "secondary", "grammar", "upper school",
						"academy", "comprehensive", "school and sixth form", "sixth form",
						"girls' school", "boys' school", "girls school", "boys school",
						"catholic school", "college", NULL};
	static const char *const catholic[] = {"catholic", "rc", "roman catholic", NULL};
	static const char *const church[] = {"cofe", "c of e", "ce", "c.e.", "church of england", "methodist",
					     "anglican", "parochial", "church", NULL};
	static const char *const other_faith[] = {"jewish", "islamic", "muslim", "sikh", "hindu", NULL};
	char name[512]; /* lower case: what the words are looked for in */
	snprintf(name, sizeof(name), "%s", raw);
	for (char *c = name; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	*k = (struct demo_kind){.phase = "Primary", .type = "Community school", .type_group = MAINTAINED,
				.low_age = 4, .high_age = 11, .may_convert = true};
	if (has(name, "nursery") && !any(name, primary)) {
		*k = (struct demo_kind){"Nursery", "Local authority nursery school", MAINTAINED, 2, 5, false, false, false};
	} else if (any(name, pru)) {
		*k = (struct demo_kind){"Not applicable", "Pupil referral unit", MAINTAINED, 11, 16, false, false, false};
	} else if (any(name, special)) {
		*k = (struct demo_kind){"Not applicable", "Community special school", "Special schools", 3, 19, false,
					false, false};
	} else if (has(name, "university technical college") || has(name, "utc")) {
		*k = (struct demo_kind){"Secondary", "University technical college", "Free Schools", 14, 19, false, true,
					false};
	} else if (has(name, "studio school")) {
		*k = (struct demo_kind){"Secondary", "Studio schools", "Free Schools", 14, 19, false, true, false};
	} else if (has(name, "sixth form college") || has(name, "further education") ||
		   has(name, "college of further education")) {
		*k = (struct demo_kind){"16 plus", "Further education", "Colleges", 16, 19, false, false, false};
	} else if (any(name, independent) || (has(name, "college") && !any(name, state_college) &&
					      !has(name, "academy") && !any(name, primary))) {
		bool prep = has(name, "preparatory") || has(name, "prep") || has(name, "pre-prep");
		*k = (struct demo_kind){"Not applicable", "Other independent school", "Independent schools", prep ? 3 : 11,
					prep ? 13 : 18, false, false, true};
	} else if (has(name, "all through") || has(name, "all-through") || has(name, "through school")) {
		k->phase = "All-through";
		k->low_age = 4;
		k->high_age = 18;
	} else if (has(name, "middle school") || has(name, "middle")) {
		k->phase = "Middle deemed secondary";
		k->low_age = 9;
		k->high_age = 13;
	} else if (any(name, primary)) {
		bool infant = has(name, "infant") || has(name, "infants");
		bool junior = has(name, "junior") || has(name, "juniors");
		k->low_age = junior && !infant ? 7 : 4;
		k->high_age = infant && !junior ? 7 : has(name, "first") ? 9 : 11;
	} else if (any(name, secondary)) {
		k->phase = "Secondary";
		k->low_age = 11;
		k->high_age = has(name, "sixth form") || has(name, "grammar") ? 18 : 16;
	}
	if (k->may_convert) {
		if (has(name, "free school")) {
			k->type = "Free schools";
			k->type_group = "Free Schools";
			k->may_convert = false;
			k->academy = true;
		} else if (has(name, "academy")) {
			k->type = "Academy sponsor led";
			k->type_group = "Academies";
			k->may_convert = false;
			k->academy = true;
		} else if (any(name, catholic) || any(name, other_faith)) {
			k->type = "Voluntary aided school";
		} else if (any(name, church)) {
			k->type = "Voluntary controlled school";
		} else if (has(name, "foundation")) {
			k->type = "Foundation school";
		}
	}
}

void demo_kind_converter(struct demo_kind *k)
{
	k->type = "Academy converter";
	k->type_group = "Academies";
	k->may_convert = false;
	k->academy = true;
}

const char *demo_programme_phase(const char *p)
{
	if (!strcmp(p, "Nursery") || !strcmp(p, "Primary") || !strcmp(p, "Middle deemed primary"))
		return "Primary";
	if (!strcmp(p, "Secondary") || !strcmp(p, "Middle deemed secondary") || !strcmp(p, "All-through"))
		return "Secondary";
	if (!strcmp(p, "16 plus"))
		return "Post-16";
	return NULL;
}

/* ---- postcodes ---- */

#define POSTCODES_FILE "data/postcode-districts.csv"

struct outcode {
	char code[8];
	char la[8];
};

static struct outcode *outcodes;
static size_t noutcodes;
static pthread_once_t outcodes_once = PTHREAD_ONCE_INIT;

static enum err load_row(void *ctx, const char *const *f, size_t line)
{
	size_t *cap = ctx;
	if (strlen(f[0]) >= sizeof(outcodes->code) || strlen(f[1]) >= sizeof(outcodes->la)) {
		log_msg("error", POSTCODES_FILE " line %zu: not an outcode and a local authority code", line);
		return ERR_INVALID;
	}
	if (noutcodes == *cap)
		outcodes = xrealloc(outcodes, (*cap = *cap ? *cap * 2 : 2048) * sizeof(*outcodes));
	struct outcode *o = &outcodes[noutcodes++];
	strcpy(o->code, f[0]);
	strcpy(o->la, f[1]);
	return ERR_OK;
}

static int outcode_cmp(const void *a, const void *b)
{
	return strcmp(((const struct outcode *)a)->code, ((const struct outcode *)b)->code);
}

/* The compiled-in table, sorted by outcode (process lifetime). */
static void load_outcodes(void)
{
	static const char *const cols[] = {"outcode", "la_code"};
	const struct embedded_file *f = embedded_find(POSTCODES_FILE);
	if (!f)
		fatal(POSTCODES_FILE " is not in the binary");
	size_t cap = 0;
	char msg[256];
	if (csv_read((const char *)f->data, f->len, cols, 2, load_row, &cap, msg, sizeof(msg)))
		fatal(POSTCODES_FILE ": %s", msg);
	qsort(outcodes, noutcodes, sizeof(*outcodes), outcode_cmp);
}

static const char *lookup(const char *code)
{
	struct outcode key;
	snprintf(key.code, sizeof(key.code), "%s", code);
	const struct outcode *o = bsearch(&key, outcodes, noutcodes, sizeof(*outcodes), outcode_cmp);
	return o ? o->la : NULL;
}

const char *demo_postcode_la(const char *postcode)
{
	pthread_once(&outcodes_once, load_outcodes);
	char pc[12];
	size_t n = 0;
	for (const char *p = postcode; *p; p++) {
		if (*p == ' ')
			continue;
		if (n + 1 >= sizeof(pc) || !isalnum((unsigned char)*p))
			return NULL;
		pc[n++] = (char)toupper((unsigned char)*p);
	}
	pc[n] = '\0';
	/* outward code (area letters, a digit, perhaps a letter or digit) and an inward code: digit letter letter */
	if (n < 5 || n > 7 || !isdigit((unsigned char)pc[n - 3]) || !isalpha((unsigned char)pc[n - 2]) ||
	    !isalpha((unsigned char)pc[n - 1]))
		return NULL;
	char out[8], area[3];
	size_t k = n - 3, letters = 0;
	while (letters < k && isalpha((unsigned char)pc[letters]))
		letters++;
	if (letters < 1 || letters > 2 || letters == k || !isdigit((unsigned char)pc[letters]))
		return NULL;
	memcpy(out, pc, k);
	out[k] = '\0';
	memcpy(area, pc, letters);
	area[letters] = '\0';
	const char *la = lookup(out);
	return la ? la : lookup(area);
}

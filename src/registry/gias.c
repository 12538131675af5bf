/*
 * gias.c - see gias.h. The bytes go through the encoding (a byte-order
 * mark dropped, Windows-1252 converted piece by piece) into the streaming
 * CSV reader (core/csv.h), whose header callback finds the columns by
 * name and whose record callback checks each row.
 */
#include "registry/gias.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "core/util.h"

const char *const gias_phases[8] = {
	"Not applicable", "Nursery", "Primary", "Middle deemed primary", "Secondary", "Middle deemed secondary",
	"16 plus", "All-through",
};

/* ---- the columns ---- */

enum school_col {
	S_URN, S_LA_CODE, S_LA_NAME, S_NUMBER, S_NAME, S_TYPE, S_TYPE_GROUP, S_STATUS, S_OPEN_REASON, S_OPEN_DATE,
	S_CLOSE_REASON, S_CLOSE_DATE, S_PHASE, S_LOW_AGE, S_HIGH_AGE, S_PUPILS, S_TRUST_CODE, S_TRUST_NAME,
	S_UKPRN, S_CHANGED, S_STREET, S_LOCALITY, S_ADDRESS3, S_TOWN, S_COUNTY, S_POSTCODE, S_WEBSITE,
	S_TELEPHONE, S_REGION, S_LINKED, S_COUNT
};

static const struct column {
	const char *name;
	bool required;
	bool is_name; /* a name: at most GIAS_MAX_NAME characters, else GIAS_MAX_FIELD */
} school_cols[S_COUNT] = {
	[S_URN] = {.name = "URN", .required = true},
	[S_LA_CODE] = {.name = "LA (code)", .required = true},
	[S_LA_NAME] = {.name = "LA (name)", .required = true, .is_name = true},
	[S_NUMBER] = {.name = "EstablishmentNumber"},
	[S_NAME] = {.name = "EstablishmentName", .required = true, .is_name = true},
	[S_TYPE] = {.name = "TypeOfEstablishment (name)", .required = true},
	[S_TYPE_GROUP] = {.name = "EstablishmentTypeGroup (name)"},
	[S_STATUS] = {.name = "EstablishmentStatus (name)", .required = true},
	[S_OPEN_REASON] = {.name = "ReasonEstablishmentOpened (name)"},
	[S_OPEN_DATE] = {.name = "OpenDate"},
	[S_CLOSE_REASON] = {.name = "ReasonEstablishmentClosed (name)"},
	[S_CLOSE_DATE] = {.name = "CloseDate"},
	[S_PHASE] = {.name = "PhaseOfEducation (name)", .required = true},
	[S_LOW_AGE] = {.name = "StatutoryLowAge"},
	[S_HIGH_AGE] = {.name = "StatutoryHighAge"},
	[S_PUPILS] = {.name = "NumberOfPupils"},
	[S_TRUST_CODE] = {.name = "Trusts (code)"},
	[S_TRUST_NAME] = {.name = "Trusts (name)", .is_name = true},
	[S_UKPRN] = {.name = "UKPRN"},
	[S_CHANGED] = {.name = "LastChangedDate"},
	[S_STREET] = {.name = "Street"},
	[S_LOCALITY] = {.name = "Locality"},
	[S_ADDRESS3] = {.name = "Address3"},
	[S_TOWN] = {.name = "Town"},
	[S_COUNTY] = {.name = "County (name)"},
	[S_POSTCODE] = {.name = "Postcode"},
	[S_WEBSITE] = {.name = "SchoolWebsite"},
	[S_TELEPHONE] = {.name = "TelephoneNum"},
	[S_REGION] = {.name = "GOR (name)"},
	[S_LINKED] = {.name = "Linked establishments"},
};

enum link_col { L_URN, L_LINK_URN, L_NAME, L_TYPE, L_DATE, L_COUNT };

static const struct column link_cols[L_COUNT] = {
	[L_URN] = {.name = "URN", .required = true},
	[L_LINK_URN] = {.name = "LinkURN", .required = true},
	[L_NAME] = {.name = "LinkName", .is_name = true},
	[L_TYPE] = {.name = "LinkType", .required = true},
	[L_DATE] = {.name = "LinkEstablishedDate"},
};

#define NSLOTS S_COUNT /* the larger of the two */
#define MAX_URN 10000000 /* URNs have at most 7 digits */

struct gias_reader {
	enum gias_kind want, kind;
	const struct gias_handlers *h;
	void *ctx;
	struct csv_stream *csv;
	bool by_line;          /* not UTF-8 throughout: each line in its own encoding (lines) */
	struct line_decoder lines;
	struct buf conv;       /* a converted piece */
	bool utf16;            /* refused whole: UTF-16, or a workbook */
	char head[4];          /* the file's first bytes, until there are 4 (a byte-order mark? a ZIP?) */
	size_t nhead;
	bool started;          /* the first bytes have been looked at */
	bool has_col[NSLOTS];  /* which columns the header has */
	bool linked_last;      /* "Linked establishments" is the last column: extra fields are links */
	size_t rows, skipped;
	unsigned char *seen;   /* URNs met so far, a bit each (establishments) */
	char *row;             /* the current row's trimmed values, each NUL-terminated */
	size_t rowcap;
	size_t len[NSLOTS + CSV_MAX_EXTRA]; /* their lengths */
	char msg[512];
};

/* ---- single values ---- */

const char *gias_status(const char *name)
{
	static const struct {
		const char *gias, *ours;
	} map[] = {
		{"Open", "open"},
		{"Closed", "closed"},
		{"Open, but proposed to close", "open_proposed_to_close"},
		{"Proposed to open", "proposed_to_open"},
	};
	for (size_t i = 0; i < ARRAY_LEN(map); i++)
		if (!strcasecmp(name, map[i].gias))
			return map[i].ours;
	return NULL;
}

/* GIAS's name for a stored status ("open_proposed_to_close" -> "Open, but
 * proposed to close"). */
static const char *status_name(const char *ours)
{
	static const char *const names[][2] = {
		{"open", "Open"},
		{"closed", "Closed"},
		{"open_proposed_to_close", "Open, but proposed to close"},
		{"proposed_to_open", "Proposed to open"},
	};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (!strcmp(ours, names[i][0]))
			return names[i][1];
	return ours;
}

const char *gias_phase(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(gias_phases); i++)
		if (!strcasecmp(name, gias_phases[i]))
			return gias_phases[i];
	return NULL;
}

static bool all_digits(const char *s, size_t min, size_t max)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (s[n] < '0' || s[n] > '9')
			return false;
	return n >= min && n <= max;
}

bool gias_urn_valid(const char *s)
{
	return urn_valid(s);
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool digits_at(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool gias_date(const char *s, char out[11])
{
	out[0] = '\0';
	if (!s[0])
		return true;
	int d, m, y;
	size_t n = strlen(s);
	if (n == 10 && (s[2] == '-' || s[2] == '/') && s[5] == s[2] && digits_at(s, 2) && digits_at(s + 3, 2) &&
	    digits_at(s + 6, 4)) {
		d = num(s, 2), m = num(s + 3, 2), y = num(s + 6, 4);
	} else if (n == 10 && s[4] == '-' && s[7] == '-' && digits_at(s, 4) && digits_at(s + 5, 2) &&
		   digits_at(s + 8, 2)) {
		y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	} else {
		return false;
	}
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1800 || m < 1 || m > 12 || d < 1 || d > days[m - 1] || (m == 2 && d == 29 && !leap))
		return false;
	/* y is 4 digits, m and d 2: exactly 10 characters */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100);
	return true;
}

/* A whole number 0..999999999 or "" (-1). */
static bool whole(const char *s, int64_t *out)
{
	*out = -1;
	if (!s[0])
		return true;
	if (!all_digits(s, 1, 9))
		return false;
	*out = strtoll(s, NULL, 10);
	return true;
}

/* ---- the header ---- */

static int find_col(const char *const *names, size_t n, const char *want)
{
	for (size_t k = 0; k < n; k++)
		if (!strcasecmp(names[k], want))
			return (int)k;
	return -1;
}

static bool header_has(const char *const *names, size_t n, const char *want)
{
	return find_col(names, n, want) >= 0;
}

/* Maps the wanted columns to their slots; a missing required one fails. */
static enum err map_cols(struct gias_reader *r, const struct column *cols, size_t ncols, const char *const *names,
			 size_t n, int *slot, char *msg, size_t msglen)
{
	for (size_t i = 0; i < ncols; i++) {
		int k = find_col(names, n, cols[i].name);
		r->has_col[i] = k >= 0;
		if (k >= 0) {
			slot[k] = (int)i;
		} else if (cols[i].required) {
			snprintf(msg, msglen, "line 1: there is no column called \"%s\": this is not a GIAS %s file",
				 cols[i].name, r->kind == GIAS_LINKS ? "links" : "establishments");
			return ERR_INVALID;
		}
	}
	return ERR_OK;
}

static enum err on_header(void *ctx, const char *const *names, size_t n, int *slot, char *msg, size_t msglen)
{
	struct gias_reader *r = ctx;
	bool links = header_has(names, n, "LinkURN");
	if (!header_has(names, n, "URN") || (!links && !header_has(names, n, "EstablishmentName"))) {
		snprintf(msg, msglen, "line 1: there is no column called \"%s\": this is not a GIAS file "
				      "(an establishments file such as edubasealldata.csv, or the links file)",
			 header_has(names, n, "URN") ? "EstablishmentName" : "URN");
		return ERR_INVALID;
	}
	if (!links && header_has(names, n, "EstablishmentName") && !header_has(names, n, "PhaseOfEducation (name)") &&
	    header_has(names, n, "TypeOfEstablishment (name)")) {
		snprintf(msg, msglen,
			 "this is GIAS's children's centres file (it has no PhaseOfEducation column): children's "
			 "centres are not schools and are not imported. The schools are in GIAS's establishments "
			 "file, edubasealldata.csv");
		return ERR_INVALID;
	}
	r->kind = links ? GIAS_LINKS : GIAS_ESTABLISHMENTS;
	if (r->want != GIAS_ANY && r->want != r->kind) {
		snprintf(msg, msglen, r->kind == GIAS_LINKS
			 ? "this is GIAS's links file (it has a LinkURN column), not an establishments file: give it "
			   "as the links file"
			 : "this is an establishments file, not GIAS's links file (URN, LinkURN, LinkName, LinkType, "
			   "LinkEstablishedDate)");
		return ERR_INVALID;
	}
	if (links)
		return map_cols(r, link_cols, L_COUNT, names, n, slot, msg, msglen);
	enum err e = map_cols(r, school_cols, S_COUNT, names, n, slot, msg, msglen);
	r->linked_last = !e && n && !strcasecmp(names[n - 1], school_cols[S_LINKED].name);
	if (!e)
		r->seen = calloc(MAX_URN / 8, 1);
	if (!e && !r->seen)
		fatal("out of memory");
	return e;
}

/* ---- rows ---- */

/* A space, or a control character (a line break, a tab ...). */
static bool blank_char(unsigned char c)
{
	return c <= ' ' || c == 0x7F;
}

/* Whether the n bytes at s hold a control character (below a space, or
 * DEL), eight at a time (a byte below 0x20, or one equal to 0x7F, sets
 * its high bit in these sums; a byte past ASCII is masked out by ~w). */
static bool has_control(const char *s, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
	for (size_t i = 0; i < n; i += 8) {
		uint64_t w = 0x20 * ones; /* spaces past the end */
		memcpy(&w, s + i, n - i < 8 ? n - i : 8);
		uint64_t del = w ^ (0x7F * ones);
		if (((w - 0x20 * ones) & ~w & high) | ((del - ones) & ~del & high))
			return true;
	}
	return false;
}

/* The trimmed copies of n fields, in r->row; vals[i] points there, r->len[i]
 * is its length. Every value is one line: a run of spaces holding a line
 * break, a tab or another control character is one space ("St Mary's\r\n
 * School" is "St Mary's School"); other spaces are kept as GIAS has them. */
static void trimmed(struct gias_reader *r, const char *const *fields, size_t n, char **vals)
{
	const char *start[NSLOTS + CSV_MAX_EXTRA];
	size_t len[NSLOTS + CSV_MAX_EXTRA], total = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = fields[i];
		while (*s && blank_char((unsigned char)*s))
			s++;
		size_t k = strlen(s);
		while (k && blank_char((unsigned char)s[k - 1]))
			k--;
		start[i] = s, len[i] = k, total += k + 1;
	}
	if (total > r->rowcap) {
		r->rowcap = total * 2;
		r->row = xrealloc(r->row, r->rowcap);
	}
	char *at = r->row;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *s = (const unsigned char *)start[i];
		size_t o = 0;
		if (!has_control(start[i], len[i])) { /* nearly always */
			memcpy(at, s, len[i]);
			o = len[i];
		}
		for (size_t k = o; k < len[i]; k++) {
			if (s[k] >= ' ' && s[k] != 0x7F) {
				at[o++] = (char)s[k];
				continue;
			}
			while (o && at[o - 1] == ' ') /* the spaces before it */
				o--;
			while (k + 1 < len[i] && blank_char(s[k + 1])) /* and after it */
				k++;
			at[o++] = ' ';
		}
		at[o] = '\0';
		vals[i] = at;
		r->len[i] = o;
		at += o + 1;
	}
}

/* An empty line (libcsv gives a line of spaces as one empty field). */
static bool blank(const struct csv_stream_record *rec)
{
	if (rec->nfields > 1)
		return false;
	for (size_t i = 0; i < NSLOTS; i++)
		if (rec->fields[i][0])
			return false;
	return true;
}

static enum err reject(struct gias_reader *r, size_t line, const char *urn, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* s in out, cut to fit (between characters) with "..." when longer. */
static const char *cut(const char *s, char *out, size_t outlen)
{
	size_t n = utf8_cut(s, outlen - 1);
	if (!s[n])
		return s;
	n = utf8_cut(s, outlen - 4);
	snprintf(out, outlen, "%.*s...", (int)n, s);
	return out;
}

static enum err reject(struct gias_reader *r, size_t line, const char *urn, const char *name, const char *fmt, ...)
{
	char why[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	char u[24], nm[256]; /* a value too long for a page or the report is cut */
	urn = cut(urn, u, sizeof(u));
	name = cut(name, nm, sizeof(nm));
	enum err e = r->h->reject ? r->h->reject(r->ctx, line, urn, name, why) : ERR_INVALID;
	if (e && !r->msg[0])
		snprintf(r->msg, sizeof(r->msg), "line %zu: %s", line, why);
	return e;
}

/* A value quoted for a message, cut short (between characters) if long. */
#define Q(s) (int)utf8_cut((s), 60), (s)

static bool childrens_centre(const char *type)
{
	return !strncasecmp(type, "Children's centre", 17) || !strncasecmp(type, "Children\xE2\x80\x99s centre", 19);
}

static void digest(struct gias_school *s)
{
	const char *text[] = {
		"gias-1", s->urn, s->name, s->la_code, s->number, s->type, s->type_group, s->phase, s->status,
		s->open_date ? s->open_date : "-", s->open_reason, s->close_date ? s->close_date : "-",
		s->close_reason, s->trust_code, s->trust_name, s->street, s->locality, s->address3, s->town,
		s->county, s->postcode, s->website, s->telephone, s->region, s->ukprn,
		s->changed_on ? s->changed_on : "-",
	};
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 16);
	for (size_t i = 0; i < ARRAY_LEN(text); i++)
		crypto_generichash_update(&st, (const unsigned char *)text[i], strlen(text[i]) + 1);
	char nums[64];
	snprintf(nums, sizeof(nums), "%lld/%lld/%lld", (long long)s->low_age, (long long)s->high_age,
		 (long long)s->pupils);
	crypto_generichash_update(&st, (const unsigned char *)nums, strlen(nums));
	unsigned char h[16];
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(s->digest, sizeof(s->digest), h, sizeof(h));
}

/* "148213 Successor" into a link of s; false if it is not that. */
static bool linked(struct gias_school *s, char *text)
{
	size_t n = urn_len(text);
	if (!n || text[n] != ' ')
		return false;
	text[n] = '\0';
	const char *type = text + n + 1;
	while (*type == ' ')
		type++;
	if (!*type)
		return false;
	if (s->nlinks < GIAS_MAX_LINKS)
		s->links[s->nlinks++] = (struct gias_link){
			.line = s->line, .urn = s->urn, .link_urn = text, .name = "", .type = type};
	return true;
}

/* Reads the "Linked establishments" column and its spill-over (texts,
 * n of them, ours to cut) into s. false when one is not a link: the row
 * has been rejected (*e: what the handler said). */
static bool school_links(struct gias_reader *r, size_t line, struct gias_school *s, char **texts, size_t n,
			 enum err *e)
{
	for (size_t i = 0; i < n; i++) {
		char *t = texts[i];
		if (!*t || !strcasecmp(t, "Does not have links"))
			continue;
		if (!linked(s, t)) {
			*e = reject(r, line, s->urn, s->name,
				    "Linked establishments \"%.*s\" is not a URN and a link type (\"148213 Successor\")",
				    Q(t));
			return false;
		}
	}
	return true;
}

/* Fields past the header's last column that hold something, where they
 * are not a "Linked establishments" spill-over: the row is in another
 * layout than the header (a file pieced together from two years'), so its
 * columns cannot be found by the header's names. Empty ones (a trailing
 * comma) do no harm. */
static bool misaligned(const struct gias_reader *r, const struct csv_stream_record *rec)
{
	if (rec->nfields <= rec->ncolumns || r->linked_last)
		return false;
	if (rec->nfields - rec->ncolumns > rec->nextra)
		return true;
	for (size_t i = 0; i < rec->nextra; i++)
		if (rec->extra[i][strspn(rec->extra[i], " \t")])
			return true;
	return false;
}

#define MISALIGNED "the row has %zu fields where the header has %zu: its columns cannot be matched to the header's"

/* "12,345,678" */
static const char *grouped(size_t n, char out[32])
{
	char digits[24];
	int len = snprintf(digits, sizeof(digits), "%zu", n);
	size_t k = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return out;
}

/* The first of the n values (v, r->len) longer than its column allows: its
 * column's name, *chars its length; NULL when none is. */
static const char *too_long(const struct gias_reader *r, const struct column *cols, size_t ncols, char *const *v,
			    size_t n, size_t *chars, size_t *max)
{
	for (size_t i = 0; i < n; i++) {
		const struct column *c = i < ncols ? &cols[i] : &school_cols[S_LINKED]; /* a download's spill-over */
		*max = c->is_name ? GIAS_MAX_NAME : GIAS_MAX_FIELD;
		if (r->len[i] > *max && (*chars = utf8_chars(v[i], r->len[i])) > *max) /* bytes >= characters */
			return c->name;
	}
	return NULL;
}

/* A local authority's code as GIAS gives it: 3 digits ("201" City of
 * London), or "0" ("Does not apply", as the DfE's list of codes has it). */
static bool la_code_valid(const char *s)
{
	return all_digits(s, 3, 3) || !strcmp(s, "0");
}

static enum err too_long_reject(struct gias_reader *r, size_t line, const char *urn, const char *name,
				const char *col, size_t chars, size_t max)
{
	char a[32], b[32];
	return reject(r, line, urn, name, "%s is %s characters long: GIAS's are never longer than %s", col,
		      grouped(chars, a), grouped(max, b));
}

static enum err on_school(struct gias_reader *r, const struct csv_stream_record *rec)
{
	const char *in[NSLOTS + CSV_MAX_EXTRA];
	size_t n = 0, nextra = r->linked_last ? rec->nextra : 0;
	for (size_t i = 0; i < S_COUNT; i++)
		in[n++] = rec->fields[i];
	for (size_t i = 0; i < nextra; i++)
		in[n++] = rec->extra[i];
	char *v[NSLOTS + CSV_MAX_EXTRA];
	trimmed(r, in, n, v);
	const char *urn = v[S_URN], *name = v[S_NAME];
	size_t line = rec->line, chars, max;
	const char *col = too_long(r, school_cols, S_COUNT, v, n, &chars, &max);
	if (col)
		return too_long_reject(r, line, urn, name, col, chars, max);
	if (childrens_centre(v[S_TYPE])) {
		r->skipped++;
		return ERR_OK;
	}
	if (rec->nfields < rec->ncolumns)
		return reject(r, line, urn, name, "the row has %zu fields where the header has %zu: it is cut short",
			      rec->nfields, rec->ncolumns);
	if (misaligned(r, rec))
		return reject(r, line, urn, name, MISALIGNED, rec->nfields, rec->ncolumns);
	if (!*urn)
		return reject(r, line, urn, name, "there is no URN");
	if (!gias_urn_valid(urn))
		return reject(r, line, urn, name, "the URN \"%.*s\" is not 6 or 7 digits", Q(urn));
	if (!*name)
		return reject(r, line, urn, name, "there is no name (EstablishmentName)");
	if (!la_code_valid(v[S_LA_CODE]))
		return *v[S_LA_CODE] ? reject(r, line, urn, name,
					      "the local authority code (LA (code)) \"%.*s\" is not 3 digits", Q(v[S_LA_CODE]))
				     : reject(r, line, urn, name, "there is no local authority code (LA (code))");
	const char *status = gias_status(v[S_STATUS]);
	if (!status)
		return *v[S_STATUS] ? reject(r, line, urn, name,
					     "the status \"%.*s\" is not one of GIAS's (Open; Closed; Open, but "
					     "proposed to close; Proposed to open)", Q(v[S_STATUS]))
				    : reject(r, line, urn, name, "there is no status (EstablishmentStatus)");
	const char *phase = gias_phase(v[S_PHASE]);
	if (!phase)
		return *v[S_PHASE] ? reject(r, line, urn, name, "the phase of education \"%.*s\" is not one of GIAS's",
					    Q(v[S_PHASE]))
				   : reject(r, line, urn, name, "there is no phase of education (PhaseOfEducation)");
	static const struct {
		enum school_col col;
		const char *what;
	} dates[] = {{S_OPEN_DATE, "OpenDate"}, {S_CLOSE_DATE, "CloseDate"}, {S_CHANGED, "LastChangedDate"}};
	char day[3][11];
	for (size_t i = 0; i < ARRAY_LEN(dates); i++)
		if (!gias_date(v[dates[i].col], day[i]))
			return reject(r, line, urn, name, "%s \"%.*s\" is not a date (dd-mm-yyyy)", dates[i].what,
				      Q(v[dates[i].col]));
	static const struct {
		enum school_col col;
		const char *what;
	} nums[] = {{S_LOW_AGE, "StatutoryLowAge"}, {S_HIGH_AGE, "StatutoryHighAge"}, {S_PUPILS, "NumberOfPupils"}};
	int64_t number[3];
	for (size_t i = 0; i < ARRAY_LEN(nums); i++)
		if (!whole(v[nums[i].col], &number[i]))
			return reject(r, line, urn, name, "%s \"%.*s\" is not a whole number", nums[i].what,
				      Q(v[nums[i].col]));
	long u = strtol(urn, NULL, 10);
	if (r->seen[u / 8] & (1u << (u % 8)))
		return reject(r, line, urn, name, "the URN %s is in the file more than once", urn);
	struct gias_school s = {
		.line = line, .urn = urn, .name = name, .la_code = v[S_LA_CODE], .la_name = v[S_LA_NAME],
		.number = v[S_NUMBER], .type = v[S_TYPE], .type_group = v[S_TYPE_GROUP], .phase = phase,
		.status = status, .open_date = day[0][0] ? day[0] : NULL, .open_reason = v[S_OPEN_REASON],
		.close_date = day[1][0] ? day[1] : NULL, .close_reason = v[S_CLOSE_REASON],
		.low_age = number[0], .high_age = number[1], .pupils = number[2],
		.trust_code = v[S_TRUST_CODE], .trust_name = v[S_TRUST_NAME], .street = v[S_STREET],
		.locality = v[S_LOCALITY], .address3 = v[S_ADDRESS3], .town = v[S_TOWN], .county = v[S_COUNTY],
		.postcode = v[S_POSTCODE], .website = v[S_WEBSITE], .telephone = v[S_TELEPHONE],
		.region = v[S_REGION], .ukprn = v[S_UKPRN], .changed_on = day[2][0] ? day[2] : NULL,
	};
	enum err e;
	if (!school_links(r, line, &s, v + S_LINKED, 1 + nextra, &e))
		return e;
	r->seen[u / 8] |= (unsigned char)(1u << (u % 8));
	digest(&s);
	return r->h->school ? r->h->school(r->ctx, &s) : ERR_OK;
}

static enum err on_link(struct gias_reader *r, const struct csv_stream_record *rec)
{
	char *v[NSLOTS + CSV_MAX_EXTRA];
	trimmed(r, rec->fields, L_COUNT, v);
	const char *urn = v[L_URN], *name = v[L_NAME];
	size_t line = rec->line, chars, max;
	const char *col = too_long(r, link_cols, L_COUNT, v, L_COUNT, &chars, &max);
	if (col)
		return too_long_reject(r, line, urn, name, col, chars, max);
	if (rec->nfields < rec->ncolumns)
		return reject(r, line, urn, name, "the row has %zu fields where the header has %zu: it is cut short",
			      rec->nfields, rec->ncolumns);
	if (misaligned(r, rec))
		return reject(r, line, urn, name, MISALIGNED, rec->nfields, rec->ncolumns);
	if (!gias_urn_valid(urn))
		return reject(r, line, urn, name, "the URN \"%.*s\" is not 6 or 7 digits", Q(urn));
	if (!gias_urn_valid(v[L_LINK_URN]))
		return reject(r, line, urn, name, "the LinkURN \"%.*s\" is not 6 or 7 digits", Q(v[L_LINK_URN]));
	if (!*v[L_TYPE])
		return reject(r, line, urn, name, "there is no LinkType");
	char day[11];
	if (!gias_date(v[L_DATE], day))
		return reject(r, line, urn, name, "LinkEstablishedDate \"%.*s\" is not a date (dd-mm-yyyy)",
			      Q(v[L_DATE]));
	struct gias_link l = {
		.line = line, .urn = urn, .link_urn = v[L_LINK_URN], .name = name, .type = v[L_TYPE],
		.date = day[0] ? day : NULL,
	};
	return r->h->link ? r->h->link(r->ctx, &l) : ERR_OK;
}

static enum err on_record(void *ctx, const struct csv_stream_record *rec)
{
	struct gias_reader *r = ctx;
	if (blank(rec))
		return ERR_OK;
	r->rows++;
	return r->kind == GIAS_LINKS ? on_link(r, rec) : on_school(r, rec);
}

/* ---- the reader ---- */

struct gias_reader *gias_reader_new(enum gias_kind kind, enum text_encoding enc, const struct gias_handlers *h,
				    void *ctx)
{
	struct gias_reader *r = xmalloc(sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->want = kind;
	r->kind = GIAS_ANY;
	r->h = h;
	r->ctx = ctx;
	r->utf16 = enc == ENC_UTF16;
	r->by_line = enc == ENC_CP1252;
	if (r->by_line)
		line_decoder_init(&r->lines);
	r->csv = csv_stream_new(NSLOTS, on_header, on_record, r);
	return r;
}

void gias_reader_free(struct gias_reader *r)
{
	if (!r)
		return;
	csv_stream_free(r->csv);
	if (r->by_line)
		line_decoder_free(&r->lines);
	buf_free(&r->conv);
	free(r->row);
	free(r->seen);
	free(r);
}

static enum err fail_utf16(struct gias_reader *r)
{
	if (r->msg[0])
		return ERR_INVALID; /* said already (a workbook) */
	gias_reader_fail(r, "the file is UTF-16 (a spreadsheet's \"Unicode text\"): save it as \"CSV UTF-8\", "
			    "or use the file as GIAS gives it");
	return ERR_INVALID;
}

/* The bytes after the start of the file, in its encoding, to the CSV reader. */
static enum err parse(struct gias_reader *r, const char *data, size_t n)
{
	if (!r->by_line)
		return csv_stream_feed(r->csv, data, n);
	r->conv.len = 0;
	line_decoder_feed(&r->lines, data, n, &r->conv);
	return r->conv.len ? csv_stream_feed(r->csv, r->conv.data, r->conv.len) : ERR_OK;
}

/* Looks at the file's first bytes (r->head): a byte-order mark is dropped,
 * whatever the rest is; UTF-16 is refused. */
static enum err start(struct gias_reader *r)
{
	r->started = true;
	if (encoding_utf16_bom(r->head, r->nhead)) {
		r->utf16 = true;
		return fail_utf16(r);
	}
	if (r->nhead == 4 && !memcmp(r->head, "PK\x03\x04", 4)) {
		gias_reader_fail(r, "the file is a spreadsheet workbook (.xlsx or .ods), not CSV: save it as \"CSV UTF-8\", "
				    "or use the file as GIAS gives it");
		r->utf16 = true; /* refuses whatever follows, as for UTF-16 */
		return ERR_INVALID;
	}
	size_t bom = encoding_bom_len(r->head, r->nhead);
	return r->nhead > bom ? parse(r, r->head + bom, r->nhead - bom) : ERR_OK;
}

enum err gias_reader_feed(struct gias_reader *r, const char *data, size_t n)
{
	if (r->utf16)
		return fail_utf16(r);
	if (!r->started) {
		while (r->nhead < sizeof(r->head) && n) {
			r->head[r->nhead++] = *data++;
			n--;
		}
		if (r->nhead < sizeof(r->head))
			return ERR_OK; /* wait for the third byte */
		enum err e = start(r);
		if (e)
			return e;
	}
	return n ? parse(r, data, n) : ERR_OK;
}

enum err gias_reader_end(struct gias_reader *r)
{
	if (r->utf16)
		return fail_utf16(r);
	enum err e = r->started ? ERR_OK : start(r);
	if (!e && r->by_line) { /* the last line, if it had no line break */
		r->conv.len = 0;
		line_decoder_end(&r->lines, &r->conv);
		if (r->conv.len)
			e = csv_stream_feed(r->csv, r->conv.data, r->conv.len);
	}
	return e ? e : csv_stream_end(r->csv);
}

const char *gias_reader_message(const struct gias_reader *r)
{
	return r->msg[0] ? r->msg : csv_stream_message(r->csv);
}

void gias_reader_fail(struct gias_reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
}

enum gias_kind gias_reader_kind(const struct gias_reader *r)
{
	return r->kind;
}

size_t gias_reader_rows(const struct gias_reader *r)
{
	return r->rows;
}

size_t gias_reader_skipped(const struct gias_reader *r)
{
	return r->skipped;
}

/* "line 7", "lines 2 and 3", "lines 2, 3, 5, 8, 13 and 12 more" */
static void lines_text(const size_t *first, size_t count, char *out, size_t outlen)
{
	size_t shown = count < LINES_FIRST ? count : LINES_FIRST, k = 0;
	k += (size_t)snprintf(out, outlen, "line%s ", count == 1 ? "" : "s");
	for (size_t i = 0; i < shown && k < outlen; i++)
		k += (size_t)snprintf(out + k, outlen - k, "%s%zu",
				      !i ? "" : i + 1 == shown && count == shown ? " and " : ", ", first[i]);
	if (count > shown && k < outlen)
		snprintf(out + k, outlen - k, " and %zu more", count - shown);
}

void gias_reader_encoding(const struct gias_reader *r, enum text_encoding enc, char *name, size_t namelen, char *note,
			  size_t notelen)
{
	note[0] = '\0';
	const struct line_decoder *d = &r->lines;
	if (!r->by_line || !d->utf8 || !d->cp1252) { /* one encoding throughout */
		snprintf(name, namelen, "%s", encoding_name(r->by_line && !d->cp1252 && d->utf8 ? ENC_UTF8 : enc));
		return;
	}
	/* the lines of the encoding fewer lines have are named */
	bool fewer_utf8 = d->utf8 <= d->cp1252;
	const char *few = encoding_name(fewer_utf8 ? ENC_UTF8 : ENC_CP1252);
	const char *many = encoding_name(fewer_utf8 ? ENC_CP1252 : ENC_UTF8);
	snprintf(name, namelen, "%s and %s", many, few);
	char lines[160];
	lines_text(fewer_utf8 ? d->first_utf8 : d->first_cp1252, fewer_utf8 ? d->utf8 : d->cp1252, lines, sizeof(lines));
	lines[0] = (char)(lines[0] - 'a' + 'A');
	size_t nfew = fewer_utf8 ? d->utf8 : d->cp1252;
	snprintf(note, notelen, "%s %s in %s, the others in %s: each line has been read in its own encoding", lines,
		 nfew == 1 ? "is" : "are", few, many);
}

/* ---- writing rows back ---- */

static void number(struct csv_writer *w, int64_t v)
{
	char n[24] = "";
	if (v >= 0)
		snprintf(n, sizeof(n), "%lld", (long long)v);
	csv_cell(w, n);
}

void gias_write_schools_header(struct csv_writer *w)
{
	for (size_t i = 0; i < S_LINKED; i++)
		csv_cell(w, school_cols[i].name);
	csv_row_end(w);
}

void gias_write_school(struct csv_writer *w, const struct gias_school *s)
{
	/* in the order of school_cols */
	const char *before[] = {s->urn, s->la_code, s->la_name, s->number, s->name, s->type, s->type_group,
				status_name(s->status), s->open_reason, s->open_date, s->close_reason, s->close_date,
				s->phase};
	for (size_t i = 0; i < ARRAY_LEN(before); i++)
		csv_cell(w, before[i]);
	number(w, s->low_age);
	number(w, s->high_age);
	number(w, s->pupils);
	const char *after[] = {s->trust_code, s->trust_name, s->ukprn, s->changed_on, s->street, s->locality,
			       s->address3, s->town, s->county, s->postcode, s->website, s->telephone, s->region};
	for (size_t i = 0; i < ARRAY_LEN(after); i++)
		csv_cell(w, after[i]);
	csv_row_end(w);
}

void gias_write_links_header(struct csv_writer *w)
{
	for (size_t i = 0; i < L_COUNT; i++)
		csv_cell(w, link_cols[i].name);
	csv_row_end(w);
}

void gias_write_link(struct csv_writer *w, const struct gias_link *l)
{
	csv_row(w, (const char *const[]){l->urn, l->link_urn, l->name, l->type, l->date}, 5);
}

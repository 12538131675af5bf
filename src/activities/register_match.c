/* register_match.c - see register_match.h. */
#include "activities/register_match.h"

#include <stdint.h>
#include <string.h>

#include "activities/activities.h"
#include "core/arena.h"
#include "core/csv.h"
#include "core/csv_upload.h"
#include "core/util.h"
#include "html/form.h"
#include "registry/search_text.h"

/* ---- marks ---- */

/* The words are activities_marks' (rules.c), in reg_mark's order after REG_MARK_UNREAD. */
_Static_assert(REG_APOLOGIES == ACTIVITIES_NMARKS, "reg_mark follows activities_marks");

const char *reg_mark_key(enum reg_mark m)
{
	return m >= REG_PRESENT && m <= REG_APOLOGIES ? activities_marks[m - REG_PRESENT].key : "";
}

const char *reg_mark_name(enum reg_mark m)
{
	return m >= REG_PRESENT && m <= REG_APOLOGIES ? activities_marks[m - REG_PRESENT].name : "Not read";
}

bool reg_mark_from_key(const char *key, enum reg_mark *m)
{
	for (int k = REG_PRESENT; key && k <= REG_APOLOGIES; k++)
		if (!strcmp(key, reg_mark_key((enum reg_mark)k))) {
			*m = (enum reg_mark)k;
			return true;
		}
	return false;
}

/* Marks that are not words (compared as written, spaces around them dropped). */
static const struct {
	const char *sign;
	enum reg_mark mark;
} signs[] = {
	{"\u2713", REG_PRESENT}, {"\u2714", REG_PRESENT}, {"\u2611", REG_PRESENT}, {"\u2705", REG_PRESENT},
	{"\u00FC", REG_PRESENT}, /* ü: the tick of Excel's Wingdings font, as its CSV keeps it */
	{"/", REG_PRESENT},      {"\\", REG_PRESENT},
	{"\u2717", REG_ABSENT},  {"\u2718", REG_ABSENT},  {"\u2612", REG_ABSENT},  {"\u274C", REG_ABSENT},
	{"\u00FB", REG_ABSENT},  /* û: Wingdings' cross */
};

/* Words, folded (search_fold). */
static const struct {
	const char *word;
	enum reg_mark mark;
} words[] = {
	{"present", REG_PRESENT}, {"p", REG_PRESENT}, {"y", REG_PRESENT}, {"yes", REG_PRESENT},
	{"attended", REG_PRESENT}, {"here", REG_PRESENT}, {"1", REG_PRESENT}, {"x", REG_PRESENT},
	{"late", REG_LATE}, {"l", REG_LATE}, {"arrived late", REG_LATE}, {"late arrival", REG_LATE},
	{"absent", REG_ABSENT}, {"a", REG_ABSENT}, {"n", REG_ABSENT}, {"no", REG_ABSENT}, {"0", REG_ABSENT},
	{"did not attend", REG_ABSENT}, {"dna", REG_ABSENT}, {"not present", REG_ABSENT}, {"no show", REG_ABSENT},
	{"apologies", REG_APOLOGIES}, {"apols", REG_APOLOGIES}, {"apol", REG_APOLOGIES}, {"apology", REG_APOLOGIES},
	{"apologies given", REG_APOLOGIES}, {"sent apologies", REG_APOLOGIES}, {"ap", REG_APOLOGIES},
	{"e", REG_APOLOGIES}, {"excused", REG_APOLOGIES},
};

/* s without the spaces, tabs, line breaks and no-break spaces around it. */
static const char *trim(struct arena *a, const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
			s += 2;
		else
			break;
	}
	size_t n = strlen(s);
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
			n--;
		else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)
			n -= 2;
		else
			break;
	}
	return s[n] ? arena_strndup(a, s, n) : s;
}

/* reg_mark_read, and the length of the cell's folded words (0 for a sign). */
static bool mark_read(struct arena *a, const char *cell, enum reg_mark *m, size_t *folded_len)
{
	const char *t = trim(a, cell);
	*folded_len = 0;
	for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++)
		if (!strcmp(t, signs[i].sign)) {
			*m = signs[i].mark;
			return true;
		}
	const char *f = search_fold(a, t);
	*folded_len = strlen(f);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(f, words[i].word)) {
			*m = words[i].mark;
			return true;
		}
	return false;
}

bool reg_mark_read(const char *cell, enum reg_mark *m)
{
	if (!cell)
		return false;
	struct arena *a = arena_new();
	size_t n;
	bool ok = mark_read(a, cell, m, &n);
	arena_free(a);
	return ok;
}

/* ---- names and schools as compared ---- */

/* A person's name as compared: "Archer, Ann" as "Ann Archer" (comma),
 * folded, without a title before it ("Mrs Ann Archer"). */
static const char *person_key(struct arena *a, const char *name, bool comma)
{
	const char *c = comma ? strchr(name, ',') : NULL;
	if (c && !strchr(c + 1, ','))
		name = arena_printf(a, "%s %.*s", c + 1, (int)(c - name), name);
	const char *f = search_fold(a, name);
	static const char *const titles[] = {"mr ", "mrs ", "ms ", "miss ", "mx ", "dr ", "prof "};
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (!strncmp(f, titles[i], strlen(titles[i])))
			return f + strlen(titles[i]);
	return f;
}

/* A school's name as compared (see register_match.h). */
static const char *school_key(struct arena *a, const char *name)
{
	if (!name || !name[0])
		return "";
	const char *cut = strstr(name, "(URN ");
	const char *f = search_fold(a, cut ? arena_strndup(a, name, (size_t)(cut - name)) : name);
	if (!f[0])
		return f;
	/* word by word: phrases said more than one way said one way, a leading "the" dropped */
	static const struct {
		const char *said, *as;
	} same[] = {
		{"saint ", "st "}, {"church of england ", "ce "}, {"c of e ", "ce "}, {"cofe ", "ce "}, {"c e ", "ce "},
	};
	char *padded = arena_printf(a, "%s ", f), *out = arena_alloc(a, strlen(padded) + 1), *o = out;
	const char *w = padded;
	if (!strncmp(w, "the ", 4) && w[4])
		w += 4;
	while (*w) {
		size_t k = 0;
		while (k < sizeof(same) / sizeof(same[0]) && strncmp(w, same[k].said, strlen(same[k].said)))
			k++;
		const char *word = k < sizeof(same) / sizeof(same[0]) ? same[k].as : w;
		size_t len = (size_t)(strchr(word, ' ') - word) + 1;
		memcpy(o, word, len);
		o += len;
		w += k < sizeof(same) / sizeof(same[0]) ? strlen(same[k].said) : len;
	}
	*o = '\0';
	if (o > out)
		o[-1] = '\0'; /* the last word's space */
	return out;
}

/* Whether the words of x begin y or the words of y begin x. */
static bool words_begin(const char *x, const char *y)
{
	size_t nx = strlen(x), ny = strlen(y);
	if (!nx || !ny)
		return false;
	const char *shorter = nx <= ny ? x : y, *longer = nx <= ny ? y : x;
	size_t n = nx <= ny ? nx : ny;
	return !strncmp(shorter, longer, n) && (longer[n] == '\0' || longer[n] == ' ');
}

/* ---- reading ---- */

enum { RC_NAME, RC_FIRST, RC_LAST, RC_SCHOOL, RC_URN, RC_MARK, RC_SIGNATURE, RC_COUNT };

/* Headings, as csv_heading_key makes them. */
static const char *const headings[RC_COUNT][16] = {
	[RC_NAME] = {"name", "fullname", "participant", "participantname", "participantsname", "nameofparticipant",
		     "delegate", "delegatename", "attendee", "attendeename", "teacher", "teachername", "yourname",
		     "printname", "printedname", "person"},
	[RC_FIRST] = {"firstname", "forename", "forenames", "givenname", "first"},
	[RC_LAST] = {"lastname", "surname", "familyname", "last"},
	[RC_SCHOOL] = {"school", "schoolname", "setting", "settingname", "schoolorsetting", "schoolsetting",
		       "organisation", "organization", "schoolororganisation", "establishment", "nameofschool"},
	[RC_URN] = {"urn", "schoolurn", "establishmenturn"},
	[RC_MARK] = {"mark", "attendance", "attended", "present", "status", "register", "attendancemark"},
	[RC_SIGNATURE] = {"signature", "signed", "sign", "signhere", "signin", "initials"},
};

struct reader {
	struct arena *a;
};

static int heading_of(void *ctx, const char *heading)
{
	struct reader *r = ctx;
	const char *k = csv_heading_key(r->a, heading);
	for (int c = 0; c < RC_COUNT; c++)
		for (size_t i = 0; i < 16 && headings[c][i]; i++)
			if (!strcmp(k, headings[c][i]))
				return c;
	return -1;
}

static bool header_ok(void *ctx, const int *col)
{
	(void)ctx;
	return col[RC_NAME] >= 0 || (col[RC_FIRST] >= 0 && col[RC_LAST] >= 0);
}

static const char *file_problem(struct arena *a, enum csv_upload e, size_t line)
{
	return csv_upload_problem(a, e, line,
				  arena_printf(a, "The selected file must have at most %s rows: upload the sheet of one session",
					       arena_thousands(a, REGISTER_MAX_ROWS)));
}

/* The mark of row w (see register_match.h). */
static void read_mark(struct arena *a, struct reg_row *w, const char *sig, bool has_mark, bool has_sig)
{
	size_t flen;
	if (w->mark_text[0]) {
		w->mark_from = REG_FROM_MARK;
		if (!mark_read(a, w->mark_text, &w->mark, &flen)) {
			w->mark = REG_MARK_UNREAD;
			w->mark_problem = arena_printf(a, "The mark %s is not one of present, late, absent or apologies",
						       w->mark_text);
		}
	} else if (has_sig && w->signed_) {
		enum reg_mark m;
		/* a word written in the box ("Apols"); never initials ("AP", "A") */
		if (mark_read(a, sig, &m, &flen) && (flen == 0 || flen >= 3))
			w->mark = m, w->mark_from = REG_FROM_SIGNATURE;
		else
			w->mark = REG_PRESENT, w->mark_from = REG_FROM_SIGNED;
	} else if (has_sig) {
		w->mark = REG_ABSENT, w->mark_from = REG_FROM_NOT_SIGNED;
	} else if (has_mark) {
		w->mark = REG_ABSENT, w->mark_from = REG_FROM_BLANK;
	} else {
		w->mark = REG_PRESENT, w->mark_from = REG_FROM_LISTED;
	}
}

void register_sheet_read(struct arena *a, const char *data, size_t len, struct reg_sheet *out)
{
	*out = (struct reg_sheet){0};
	if (len > REGISTER_MAX_BYTES) {
		out->problem = "The selected file must be smaller than 1 MB";
		return;
	}
	if (len >= 5 && !memcmp(data, "%PDF-", 5)) {
		out->problem = file_problem(a, CSV_UPLOAD_NOT_TEXT, 0);
		return;
	}
	struct csv_record *recs;
	size_t n, line;
	enum csv_upload e = csv_upload_read(a, data, len, REGISTER_MAX_ROWS + REGISTER_HEADER_WITHIN, &recs, &n, &line);
	if (e) {
		out->problem = file_problem(a, e, line);
		return;
	}
	struct reader rd = {a};
	int col[RC_COUNT];
	size_t head = csv_find_header(recs, n, REGISTER_HEADER_WITHIN, RC_COUNT, heading_of, header_ok, &rd, col);
	if (head == n) {
		out->problem = "The selected file must have a row naming its columns, with a Name column (or First name "
			       "and Last name): for example Name, School, Signature";
		return;
	}
	if (n - head - 1 > REGISTER_MAX_ROWS) {
		out->problem = file_problem(a, CSV_UPLOAD_TOO_LARGE, 0);
		return;
	}
	out->has_school = col[RC_SCHOOL] >= 0 || col[RC_URN] >= 0;
	out->has_mark = col[RC_MARK] >= 0;
	out->has_signature = col[RC_SIGNATURE] >= 0;
	out->rows = arena_alloc(a, (n - head) * sizeof(*out->rows));
	for (size_t r = head + 1; r < n; r++) {
		const struct csv_record *rec = &recs[r];
		const char *v[RC_COUNT];
		for (int c = 0; c < RC_COUNT; c++)
			v[c] = col[c] >= 0 && (size_t)col[c] < rec->n ? trim(a, rec->fields[col[c]]) : "";
		/* the headings again (a printed sheet's second page typed up as it is) */
		if (v[RC_NAME][0] ? heading_of(&rd, v[RC_NAME]) == RC_NAME
				  : v[RC_FIRST][0] && heading_of(&rd, v[RC_FIRST]) == RC_FIRST)
			continue;
		struct reg_row *w = &out->rows[out->n++];
		*w = (struct reg_row){.line = rec->line, .school = v[RC_SCHOOL], .mark_text = v[RC_MARK],
				      .signed_ = v[RC_SIGNATURE][0] != '\0', .status = REG_UNMATCHED,
				      .participant = SIZE_MAX};
		if (v[RC_NAME][0]) {
			w->name = v[RC_NAME];
			w->name_key = person_key(a, w->name, true);
		} else {
			w->name = v[RC_FIRST][0] && v[RC_LAST][0] ? arena_printf(a, "%s %s", v[RC_FIRST], v[RC_LAST])
				  : v[RC_FIRST][0]		   ? v[RC_FIRST]
								   : v[RC_LAST];
			w->name_key = person_key(a, w->name, false);
		}
		char urn[URN_MAX + 1];
		w->urn = form_school_urn(v[RC_URN], urn) || form_school_urn(v[RC_SCHOOL], urn) ? arena_strdup(a, urn) : "";
		w->school_key = form_school_urn(v[RC_SCHOOL], urn) && !strstr(v[RC_SCHOOL], "(URN ") ? "" : school_key(a, v[RC_SCHOOL]);
		read_mark(a, w, v[RC_SIGNATURE], out->has_mark, out->has_signature);
		out->unread_marks += w->mark == REG_MARK_UNREAD;
	}
	if (!out->n)
		out->problem = "The selected file has no rows below the row naming its columns: add a row for each person";
}

/* ---- matching ---- */

struct who {
	const char *key, *surname;
	const char **urns, **schools; /* the school's and its lineage's */
	size_t nschools;
	size_t taken; /* the line of the row that matched them, or 0 */
};

static const char *surname_of(const char *key)
{
	const char *sp = strrchr(key, ' ');
	return sp ? sp + 1 : key;
}

static bool at_school(const struct who *p, const struct reg_row *w)
{
	for (size_t i = 0; i < p->nschools; i++) {
		if (w->urn[0] && p->urns[i][0] && !strcmp(w->urn, p->urns[i]))
			return true;
		if (words_begin(w->school_key, p->schools[i]))
			return true;
	}
	return false;
}

/* The school a participant takes part for, for a message. */
static const char *school_words(const struct reg_participant *p)
{
	if (p->school.name && p->school.name[0])
		return p->school.name;
	return p->school.urn && p->school.urn[0] ? p->school.urn : "no school";
}

static void match_row(struct arena *a, struct reg_row *w, const struct reg_participant *p, struct who *who, size_t n,
		      size_t *name_hits, size_t *school_hits)
{
	if (!w->name_key[0]) {
		w->reason = "The row has no name";
		return;
	}
	size_t nn = 0, ns = 0;
	for (size_t i = 0; i < n; i++)
		if (who[i].key[0] && !strcmp(who[i].key, w->name_key)) {
			name_hits[nn++] = i;
			if (at_school(&who[i], w))
				school_hits[ns++] = i;
		}
	const char *school = w->school[0] ? w->school : w->urn;
	bool given = w->urn[0] || w->school_key[0];
	size_t pick = SIZE_MAX;
	if (!nn) {
		/* those it might be: the same surname (Sam and Samantha) */
		const char *sur = surname_of(w->name_key);
		size_t nc = 0;
		for (size_t i = 0; i < n; i++)
			nc += who[i].key[0] && !strcmp(who[i].surname, sur);
		size_t *c = nc ? arena_alloc(a, nc * sizeof(*c)) : NULL;
		for (size_t i = 0, k = 0; k < nc; i++)
			if (who[i].key[0] && !strcmp(who[i].surname, sur))
				c[k++] = i;
		w->candidates = c, w->ncandidates = nc;
		w->reason = arena_printf(a, "No participant is called %s", w->name);
		return;
	}
	if (!given || ns == 0) {
		if (nn == 1 && (!given || !who[name_hits[0]].nschools))
			pick = name_hits[0];
	} else if (ns == 1) {
		pick = school_hits[0];
	}
	if (pick == SIZE_MAX) {
		bool several = given && ns > 1;
		size_t nc = several ? ns : nn;
		size_t *c = arena_alloc(a, nc * sizeof(*c));
		memcpy(c, several ? school_hits : name_hits, nc * sizeof(*c));
		w->candidates = c, w->ncandidates = nc;
		if (!given) {
			w->status = REG_AMBIGUOUS;
			w->reason = arena_printf(a, "%zu participants are called %s, and the row gives no school", nn, w->name);
		} else if (several) {
			w->status = REG_AMBIGUOUS;
			w->reason = arena_printf(a, "%zu participants called %s are at %s", ns, w->name, school);
		} else if (nn > 1) {
			w->status = REG_AMBIGUOUS;
			w->reason = arena_printf(a, "%zu participants are called %s, none of them at %s", nn, w->name, school);
		} else {
			w->reason = arena_printf(a, "The participant called %s takes part for %s, not %s", w->name,
						 school_words(&p[name_hits[0]]), school);
		}
		return;
	}
	w->participant = pick;
	w->participant_id = p[pick].id;
	if (who[pick].taken) {
		w->status = REG_DUPLICATE;
		w->first_line = who[pick].taken;
		w->reason = arena_printf(a, "%s is also on line %zu, the row that is recorded", p[pick].name, w->first_line);
		return;
	}
	who[pick].taken = w->line;
	w->status = REG_MATCHED;
}

void register_sheet_match(struct arena *a, struct reg_sheet *sheet, const struct reg_participant *p, size_t n)
{
	struct who *who = arena_alloc(a, (n + 1) * sizeof(*who));
	for (size_t i = 0; i < n; i++) {
		struct who *h = &who[i];
		*h = (struct who){.key = person_key(a, p[i].name ? p[i].name : "", false)};
		h->surname = surname_of(h->key);
		h->urns = arena_alloc(a, (p[i].nlineage + 1) * sizeof(*h->urns));
		h->schools = arena_alloc(a, (p[i].nlineage + 1) * sizeof(*h->schools));
		for (size_t k = 0; k <= p[i].nlineage; k++) {
			const struct reg_school *s = k ? &p[i].lineage[k - 1] : &p[i].school;
			if ((!s->urn || !s->urn[0]) && (!s->name || !s->name[0]))
				continue;
			h->urns[h->nschools] = s->urn ? s->urn : "";
			h->schools[h->nschools++] = school_key(a, s->name);
		}
	}
	size_t *name_hits = arena_alloc(a, (n + 1) * sizeof(size_t)), *school_hits = arena_alloc(a, (n + 1) * sizeof(size_t));
	memset(sheet->count, 0, sizeof(sheet->count));
	for (size_t r = 0; r < sheet->n; r++) {
		struct reg_row *w = &sheet->rows[r];
		w->status = REG_UNMATCHED;
		w->participant = SIZE_MAX;
		w->participant_id = 0;
		w->candidates = NULL, w->ncandidates = 0;
		w->reason = NULL;
		w->first_line = 0;
		match_row(a, w, p, who, n, name_hits, school_hits);
		sheet->count[w->status]++;
	}
}

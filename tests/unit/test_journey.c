/*
 * test_journey.c - the teaching for mastery journey rule (activities/
 * journey.c; docs/plans/hub-activities.md section 2), table-driven: each
 * case is a school, its lineage, the activity rows and manual entries of
 * that lineage, and the journey written out as one line, compared whole.
 * The NCPs, their phases and the current catalogue are read from
 * data/ncps-2024-25.csv (through core/csv.h); every NCP of it is also run
 * on its own with the seeded setting (plan section 1).
 *
 * The line: each year with a record, "YYYY", then per path "p:" (primary)
 * or "s:" (secondary) and the stage (R, D, E, S, EYS, ES; "~" still to
 * begin), with its evidence in brackets: "#id" an activity ("^" a
 * predecessor's, "~" joining this year), "m" a manual entry ("^" a
 * predecessor's, "+" also recorded under a derived stage); "other(#id)"
 * for counted activities without a stage (Mastering Number); then the
 * year's engagement, "e" (engaged) or "c" (contributes). After " | ", the
 * next steps: "p>E(NCP24-10) H:85", "p>D(NCP24-09)|R(NCP24-08) H:87" with
 * an alternative, "*>D(NCP24-09s)" for the special schools' community,
 * "(-)" when the catalogue has no such NCP, or "closed>URN".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "activities/journey.h"
#include "core/arena.h"
#include "core/csv.h"
#include "unit_util.h"

/* ---- the 2024/25 catalogue, read from the shipped file ---- */

#define MAX_NCPS 64
static struct {
	char code[16];
	unsigned phases;
} ncps[MAX_NCPS];
static size_t nncps;
static struct journey_ncp catalogue[MAX_NCPS];

static enum err ncp_row(void *ctx, const char *const *f, size_t line)
{
	(void)ctx, (void)line;
	if (nncps == MAX_NCPS)
		return ERR_INVALID;
	snprintf(ncps[nncps].code, sizeof(ncps[nncps].code), "%s", f[0]);
	for (const char *p = f[1]; *p;) { /* "Primary;Secondary" */
		size_t n = strcspn(p, ";");
		char phase[16];
		snprintf(phase, sizeof(phase), "%.*s", (int)n, p);
		ncps[nncps].phases |= journey_phase_bit(phase);
		p += n + (p[n] == ';');
	}
	catalogue[nncps] = (struct journey_ncp){ncps[nncps].code, journey_default_setting(ncps[nncps].code)};
	nncps++;
	return ERR_OK;
}

static int read_catalogue(void **state)
{
	(void)state;
	char path[1024], msg[200];
	unit_source_path("data/ncps-2024-25.csv", path, sizeof(path));
	size_t len = 0;
	char *data = unit_read_file(path, &len);
	if (!data)
		return -1;
	static const char *const want[] = {"code", "phases"};
	enum err e = csv_read(data, len, want, 2, ncp_row, NULL, msg, sizeof(msg));
	free(data);
	return e == ERR_OK && nncps == 34 ? 0 : -1; /* 34 NCPs in 2024/25 (test_refdata) */
}

static unsigned phases_of(const char *code)
{
	for (size_t i = 0; code && i < nncps; i++)
		if (!strcmp(ncps[i].code, code))
			return ncps[i].phases;
	return 0;
}

static bool in_catalogue(const char *code)
{
	return code && phases_of(code) != 0;
}

/* ---- writing a journey out as one line ---- */

static const char *short_stage(enum tfm_stage s)
{
	static const char *const names[] = {"-", "R", "D", "E", "S", "EYS", "ES"};
	return (size_t)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

static void put(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void put(char *out, size_t n, const char *fmt, ...)
{
	size_t used = strlen(out);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out + used, n - used, fmt, ap);
	va_end(ap);
}

static void put_evidence(char *out, size_t n, const struct journey_evidence *ev, size_t nev)
{
	put(out, n, "(");
	for (size_t i = 0; i < nev; i++) {
		const struct journey_evidence *e = &ev[i];
		if (e->activity)
			put(out, n, "%s#%lld%s%s", i ? " " : "", e->activity->activity_id, e->predecessor ? "^" : "",
			    e->joining ? "~" : "");
		else
			put(out, n, "%sm%s%s", i ? " " : "", e->predecessor ? "^" : "", e->also_recorded ? "+" : "");
	}
	put(out, n, ")");
}

static void render(char *out, size_t n, const struct journey *j)
{
	out[0] = '\0';
	for (size_t i = 0; i < j->nyears; i++) {
		const struct journey_year *y = &j->years[i];
		put(out, n, "%s%d", i ? "; " : "", y->year);
		for (int p = TFM_PRIMARY; p <= TFM_SECONDARY; p++) {
			const struct journey_step *st = &y->path[p];
			if (st->stage == TFM_STAGE_NONE)
				continue;
			put(out, n, " %s:%s%s", p == TFM_PRIMARY ? "p" : "s", short_stage(st->stage), st->joining ? "~" : "");
			put_evidence(out, n, st->ev, st->nev);
		}
		if (y->nother) {
			put(out, n, " other");
			put_evidence(out, n, y->other, y->nother);
		}
		if (y->engagement != TFM_ENGAGEMENT_NONE)
			put(out, n, " %s", y->engagement == TFM_ENGAGED ? "e" : "c");
	}
	put(out, n, " |");
	if (j->closed)
		put(out, n, " closed>%s", j->successor_urn ? j->successor_urn : "-");
	for (size_t i = 0; i < j->nnext; i++) {
		const struct journey_next *x = &j->next[i];
		const char *path = x->path == TFM_PRIMARY ? "p" : x->path == TFM_SECONDARY ? "s" : "*";
		put(out, n, "%s %s>%s(%s)", i ? ";" : "", path, short_stage(x->stage), x->ncp_code ? x->ncp_code : "-");
		if (x->alt_stage != TFM_STAGE_NONE)
			put(out, n, "|%s(%s)", short_stage(x->alt_stage), x->alt_ncp_code ? x->alt_ncp_code : "-");
		put(out, n, " %s", x->source);
	}
}

/* ---- the cases ---- */

struct row {
	const char *urn;
	long long id;
	const char *ncp;       /* NULL: local */
	int y1, y2;
	const char *status;
	const char *joined, *left;
	unsigned phases;       /* 0: the NCP's phases from the CSV */
	bool own;              /* the national team's setting below, not the seed */
	struct tfm_setting tfm;
};

struct jcase {
	const char *name;
	struct journey_school school;
	struct journey_link lineage[6]; /* beyond the school itself */
	struct row rows[8];
	struct journey_entry entries[4];
	int current;                    /* 0: 2026 (2026/27) */
	bool no_catalogue;
	const char *want;
	int engaged_from;               /* first year engaged or contributing; 0: never */
};

#define A "100001"
#define B "100002"
#define C "100003"
#define PRIMARY(u) {.urn = u, .phase = "Primary"}
#define SECONDARY(u) {.urn = u, .phase = "Secondary"}
#define SPECIAL(u) {.urn = u, .phase = "Not applicable", .special = true}
#define CLOSED(u, succ) {.urn = u, .phase = "Primary", .closed = true, .successor_urn = succ}
#define PRED(u) {.urn = u, .predecessor = true}
/* a school in one year's activity, joined in October */
#define IN(u, id, code, y) {u, id, code, y, y, "completed", #y "-10-01", NULL, 0, false, {0}}
#define SET(p, s, e) {TFM_##p, TFM_##s, TFM_##e}
#define MHPOD "MHPod export, July 2022"

static const struct jcase cases[] = {
	/* every path step (H:85, H:93, H:187-189) */
	{"primary R, D, E, S", PRIMARY(A), {{0}},
	 {IN(A, 1, "NCP24-08", 2021), IN(A, 2, "NCP24-09", 2022), IN(A, 3, "NCP24-10", 2023), IN(A, 4, "NCP24-11", 2024)},
	 {{0}}, 0, false, "2021 p:R(#1) e; 2022 p:D(#2) e; 2023 p:E(#3) e; 2024 p:S(#4) e | p>S(NCP24-11) H:93", 2021},
	{"after Readiness: Development", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-08", 2024)}, {{0}}, 0, false,
	 "2024 p:R(#1) e | p>D(NCP24-09) H:85", 2024},
	{"after Development: Embedding", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-09", 2024)}, {{0}}, 0, false,
	 "2024 p:D(#1) e | p>E(NCP24-10) H:85", 2024},
	{"after Embedding: Sustaining", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-10", 2024)}, {{0}}, 0, false,
	 "2024 p:E(#1) e | p>S(NCP24-11) H:85", 2024},
	{"Sustaining year on year", PRIMARY(A), {{0}},
	 {IN(A, 1, "NCP24-11", 2022), IN(A, 2, "NCP24-11", 2023), IN(A, 3, "NCP24-11", 2024)}, {{0}}, 0, false,
	 "2022 p:S(#1) e; 2023 p:S(#2) e; 2024 p:S(#3) e | p>S(NCP24-11) H:93", 2022},
	{"secondary D, EYS, E&S, E&S", SECONDARY(A), {{0}},
	 {IN(A, 1, "NCP24-12", 2021), IN(A, 2, "NCP24-13", 2022), IN(A, 3, "NCP24-14", 2023), IN(A, 4, "NCP24-14", 2024)},
	 {{0}}, 0, false, "2021 s:D(#1) e; 2022 s:EYS(#2) e; 2023 s:ES(#3) e; 2024 s:ES(#4) e | s>ES(NCP24-14) H:167", 2021},
	{"secondary after Development", SECONDARY(A), {{0}}, {IN(A, 1, "NCP24-12", 2024)}, {{0}}, 0, false,
	 "2024 s:D(#1) e | s>EYS(NCP24-13) H:188", 2024},
	{"secondary after Embedding Year Support", SECONDARY(A), {{0}}, {IN(A, 1, "NCP24-13", 2024)}, {{0}}, 0, false,
	 "2024 s:EYS(#1) e | s>ES(NCP24-14) H:189", 2024},
	{"primary, not started", PRIMARY(A), {{0}}, {{0}}, {{0}}, 0, false, " | p>D(NCP24-09)|R(NCP24-08) H:85", 0},
	{"secondary, not started", SECONDARY(A), {{0}}, {{0}}, {{0}}, 0, false, " | s>D(NCP24-12) H:187", 0},
	{"no phase, not special, not started: no step", {.urn = A, .phase = "Not applicable"}, {{0}}, {{0}}, {{0}}, 0,
	 false, " |", 0},
	{"skips Readiness", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-09", 2022), IN(A, 2, "NCP24-10", 2023)}, {{0}}, 0, false,
	 "2022 p:D(#1) e; 2023 p:E(#2) e | p>S(NCP24-11) H:85", 2022},
	{"a repeat: D, D, next E", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-09", 2022), IN(A, 2, "NCP24-09", 2023)}, {{0}}, 0,
	 false, "2022 p:D(#1) e; 2023 p:D(#2) e | p>E(NCP24-10) H:85", 2022},
	{"a regression: E then D, next E", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-10", 2022), IN(A, 2, "NCP24-09", 2024)},
	 {{0}}, 0, false, "2022 p:E(#1) e; 2024 p:D(#2) e | p>E(NCP24-10) H:85", 2022},
	{"two stages in one year: the higher", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-10", 2023), IN(A, 2, "NCP24-09", 2023)},
	 {{0}}, 0, false, "2023 p:E(#1 #2) e | p>S(NCP24-11) H:85", 2023},
	{"all-through: both paths", {.urn = A, .phase = "All-through"}, {{0}},
	 {IN(A, 1, "NCP24-09", 2023), IN(A, 2, "NCP24-12", 2023)}, {{0}}, 0, false,
	 "2023 p:D(#1) s:D(#2) e | p>E(NCP24-10) H:85; s>EYS(NCP24-13) H:188", 2023},
	{"all-through, not started: both paths", {.urn = A, .phase = "All-through"}, {{0}}, {{0}}, {{0}}, 0, false,
	 " | p>D(NCP24-09)|R(NCP24-08) H:85; s>D(NCP24-12) H:187", 0},
	/* NCP24-09s: path from the school's phase, else the activity's phases (plan 2.3) */
	{"special school in 09s: both phases", SPECIAL(A), {{0}}, {IN(A, 1, "NCP24-09s", 2023)}, {{0}}, 0, false,
	 "2023 p:D(#1) s:D(#1) e | p>E(NCP24-10) H:85; s>EYS(NCP24-13) H:188", 2023},
	{"special school in a primary-only 09s", SPECIAL(A), {{0}},
	 {{A, 1, "NCP24-09s", 2023, 2023, "completed", "2023-10-01", NULL, JOURNEY_PHASE_PRIMARY, false, {0}}}, {{0}}, 0,
	 false, "2023 p:D(#1) e | p>E(NCP24-10) H:85", 2023},
	{"secondary school in 09s: its own path", SECONDARY(A), {{0}}, {IN(A, 1, "NCP24-09s", 2023)}, {{0}}, 0, false,
	 "2023 s:D(#1) e | s>EYS(NCP24-13) H:188", 2023},
	{"middle deemed primary in 09s", {.urn = A, .phase = "Middle deemed primary"}, {{0}},
	 {IN(A, 1, "NCP24-09s", 2023)}, {{0}}, 0, false, "2023 p:D(#1) e | p>E(NCP24-10) H:85", 2023},
	{"special school, not started: 09s", SPECIAL(A), {{0}}, {{0}}, {{0}}, 0, false, " | *>D(NCP24-09s) H:132", 0},
	/* Mastering Number contributes (H:87) */
	{"Mastering Number only", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-06", 2023), IN(A, 2, "NCP24-07b", 2024)}, {{0}}, 0,
	 false, "2023 other(#1) c; 2024 other(#2) c | p>D(NCP24-09)|R(NCP24-08) H:87", 2023},
	{"Mastering Number, then Development", PRIMARY(A), {{0}},
	 {IN(A, 1, "NCP24-07a", 2022), IN(A, 2, "NCP24-09", 2023)}, {{0}}, 0, false,
	 "2022 other(#1) c; 2023 p:D(#2) e | p>E(NCP24-10) H:85", 2022},
	{"cancelled: not counted", PRIMARY(A), {{0}},
	 {IN(A, 1, "NCP24-09", 2022), {A, 2, "NCP24-10", 2023, 2023, "cancelled", "2023-10-01", NULL, 0, false, {0}}},
	 {{0}}, 0, false, "2022 p:D(#1) e | p>E(NCP24-10) H:85", 2022},
	{"only cancelled: not started", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-09", 2023, 2023, "cancelled", "2023-10-01", NULL, 0, false, {0}}}, {{0}}, 0, false,
	 " | p>D(NCP24-09)|R(NCP24-08) H:85", 0},
	/* joined and withdrew (plan 2.2c) */
	{"withdrawal mid-year: earlier years count", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-11", 2022, 2024, "completed", "2022-09-20", "2025-02-01", 0, false, {0}}}, {{0}}, 0, false,
	 "2022 p:S(#1) e; 2023 p:S(#1) e | p>S(NCP24-11) H:93", 2022},
	{"withdrew on the year's last day: not counted", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-09", 2022, 2023, "completed", "2022-09-20", "2024-08-31", 0, false, {0}}}, {{0}}, 0, false,
	 "2022 p:D(#1) e | p>E(NCP24-10) H:85", 2022},
	{"withdrew the day after the year: counted", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-09", 2022, 2023, "completed", "2022-09-20", "2024-09-01", 0, false, {0}}}, {{0}}, 0, false,
	 "2022 p:D(#1) e; 2023 p:D(#1) e | p>E(NCP24-10) H:85", 2022},
	{"joined in the second year", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-09s", 2023, 2024, "completed", "2025-01-15", NULL, 0, false, {0}}}, {{0}}, 0, false,
	 "2024 p:D(#1) e | p>E(NCP24-10) H:85", 2024},
	{"a two-year community: both years", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-09s", 2023, 2024, "completed", "2023-11-01", NULL, 0, false, {0}}}, {{0}}, 0, false,
	 "2023 p:D(#1) e; 2024 p:D(#1) e | p>E(NCP24-10) H:85", 2023},
	{"a continuation", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-11", 2023), IN(A, 2, "NCP24-11", 2024)}, {{0}}, 0, false,
	 "2023 p:S(#1) e; 2024 p:S(#2) e | p>S(NCP24-11) H:93", 2023},
	/* this year (plan 2.2: counts, marked not yet begun; not yet engaged) */
	{"recruiting this year: joining", PRIMARY(A), {{0}},
	 {IN(A, 1, "NCP24-09", 2025), {A, 2, "NCP24-10", 2026, 2026, "recruiting", "2026-09-10", NULL, 0, false, {0}}},
	 {{0}}, 2026, false, "2025 p:D(#1) e; 2026 p:E~(#2~) | p>S(NCP24-11) H:85", 2025},
	{"planned this year, first activity: not yet engaged", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-08", 2026, 2026, "planned", "2026-09-10", NULL, 0, false, {0}}}, {{0}}, 2026, false,
	 "2026 p:R~(#1~) | p>D(NCP24-09) H:85", 0},
	{"running this year: begun", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-08", 2026, 2026, "running", "2026-09-10", NULL, 0, false, {0}}}, {{0}}, 2026, false,
	 "2026 p:R(#1) e | p>D(NCP24-09) H:85", 2026},
	{"joining beside a running one", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-09", 2026, 2026, "running", "2026-09-10", NULL, 0, false, {0}},
	  {A, 2, "NCP24-10", 2026, 2026, "recruiting", "2026-09-10", NULL, 0, false, {0}}},
	 {{0}}, 2026, false, "2026 p:E(#1 #2~) e | p>S(NCP24-11) H:85", 2026},
	{"left planned in a past year: counted as held", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-09", 2024, 2024, "planned", "2024-09-10", NULL, 0, false, {0}}}, {{0}}, 2026, false,
	 "2024 p:D(#1) e | p>E(NCP24-10) H:85", 2024},
	/* lineage (plan 2.1) */
	{"academised mid-journey", PRIMARY(B), {PRED(A)},
	 {{A, 1, "NCP24-09", 2022, 2022, "completed", "2022-10-01", NULL, 0, false, {0}}, IN(B, 2, "NCP24-10", 2023)},
	 {{0}}, 0, false, "2022 p:D(#1^) e; 2023 p:E(#2) e | p>S(NCP24-11) H:85", 2022},
	{"the closed predecessor keeps only its own years", CLOSED(A, B), {{0}},
	 {IN(A, 1, "NCP24-09", 2022), IN(B, 2, "NCP24-10", 2023)}, {{0}}, 0, false, "2022 p:D(#1) e | closed>" B, 2022},
	{"a closed school with no successor known", CLOSED(A, NULL), {{0}}, {IN(A, 1, "NCP24-09", 2022)}, {{0}}, 0,
	 false, "2022 p:D(#1) e | closed>-", 2022},
	{"conversion year, both took part: the higher", PRIMARY(B), {PRED(A)},
	 {IN(A, 1, "NCP24-10", 2022), {B, 2, "NCP24-09", 2022, 2022, "completed", "2023-04-01", NULL, 0, false, {0}}},
	 {{0}}, 0, false, "2022 p:E(#1^ #2) e | p>S(NCP24-11) H:85", 2022},
	{"amalgamation: the higher of two", PRIMARY(C), {PRED(A), PRED(B)},
	 {IN(A, 1, "NCP24-09", 2022), IN(B, 2, "NCP24-10", 2022), IN(A, 3, "NCP24-10", 2021)}, {{0}}, 0, false,
	 "2021 p:E(#3^) e; 2022 p:E(#1^ #2^) e | p>S(NCP24-11) H:85", 2021},
	{"split: the first successor inherits", PRIMARY(B), {PRED(A)}, {IN(A, 1, "NCP24-10", 2022), IN(C, 2, "NCP24-11", 2023)},
	 {{0}}, 0, false, "2022 p:E(#1^) e | p>S(NCP24-11) H:85", 2022},
	{"split: the second successor inherits", PRIMARY(C), {PRED(A)}, {IN(A, 1, "NCP24-10", 2022), IN(C, 2, "NCP24-11", 2023)},
	 {{0}}, 0, false, "2022 p:E(#1^) e; 2023 p:S(#2) e | p>S(NCP24-11) H:93", 2022},
	{"a link cycle", PRIMARY(B), {PRED(A), PRED(B), PRED(A)}, {IN(A, 1, "NCP24-09", 2022), IN(B, 2, "NCP24-10", 2023)},
	 {{0}}, 0, false, "2022 p:D(#1^) e; 2023 p:E(#2) e | p>S(NCP24-11) H:85", 2022},
	{"a predecessor outside the import: its manual entry", PRIMARY(B), {PRED("1234567")}, {IN(B, 1, "NCP24-10", 2023)},
	 {{"1234567", 2019, TFM_PRIMARY, TFM_DEVELOPMENT, MHPOD}}, 0, false,
	 "2019 p:D(m^) e; 2023 p:E(#1) e | p>S(NCP24-11) H:85", 2019},
	{"rows of a school outside the lineage are not counted", PRIMARY(B), {{0}}, {IN(A, 1, "NCP24-09", 2022)},
	 {{A, 2020, TFM_PRIMARY, TFM_READINESS, MHPOD}}, 0, false, " | p>D(NCP24-09)|R(NCP24-08) H:85", 0},
	/* manual entries (plan 2.4) */
	{"a manual entry alone", PRIMARY(A), {{0}}, {{0}}, {{A, 2020, TFM_PRIMARY, TFM_EMBEDDING, MHPOD}}, 0, false,
	 "2020 p:E(m) e | p>S(NCP24-11) H:85", 2020},
	{"a manual entry under a derived stage: also recorded", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-09", 2022)},
	 {{A, 2022, TFM_PRIMARY, TFM_EMBEDDING, MHPOD}}, 0, false, "2022 p:D(#1 m+) e | p>E(NCP24-10) H:85", 2022},
	{"a manual entry on a predecessor, on the other path", {.urn = B, .phase = "All-through"}, {PRED(A)},
	 {IN(B, 1, "NCP24-09", 2022)}, {{A, 2021, TFM_SECONDARY, TFM_EMBEDDING_YEAR_SUPPORT, MHPOD}}, 0, false,
	 "2021 s:EYS(m^) e; 2022 p:D(#1) e | p>E(NCP24-10) H:85; s>ES(NCP24-14) H:189", 2021},
	{"a manual entry whose stage is not on its path: ignored", PRIMARY(A), {{0}}, {{0}},
	 {{A, 2020, TFM_PRIMARY, TFM_EMBEDDING_YEAR_SUPPORT, MHPOD}}, 0, false, " | p>D(NCP24-09)|R(NCP24-08) H:85", 0},
	/* settings (plan 1: project_tfm, kept by the national team) */
	{"an NCP given a stage by the national team", SECONDARY(A), {{0}},
	 {{A, 1, "NCP24-18", 2023, 2023, "completed", "2023-10-01", NULL, 0, true, SET(SECONDARY, DEVELOPMENT, ENGAGED)}},
	 {{0}}, 0, false, "2023 s:D(#1) e | s>EYS(NCP24-13) H:188", 2023},
	{"an NCP whose stage is taken away", PRIMARY(A), {{0}},
	 {{A, 1, "NCP24-09", 2023, 2023, "completed", "2023-10-01", NULL, 0, true, SET(PATH_NONE, STAGE_NONE, ENGAGED)}},
	 {{0}}, 0, false, "2023 other(#1) e | p>D(NCP24-09)|R(NCP24-08) H:85", 2023},
	{"an NCP that does not count: no record", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-26", 2023)}, {{0}}, 0, false,
	 " | p>D(NCP24-09)|R(NCP24-08) H:85", 0},
	{"a local activity: no stage", PRIMARY(A), {{0}},
	 {{A, 1, NULL, 2023, 2023, "completed", "2023-10-01", NULL, JOURNEY_PHASE_PRIMARY, false, {0}}}, {{0}}, 0, false,
	 " | p>D(NCP24-09)|R(NCP24-08) H:85", 0},
	{"NCP23-14 with its own setting", SECONDARY(A), {{0}},
	 {{A, 1, "NCP23-14", 2023, 2023, "completed", "2023-10-01", NULL, JOURNEY_PHASE_SECONDARY, true,
	   SET(SECONDARY, EMBEDDING_AND_SUSTAINING, ENGAGED)}},
	 {{0}}, 0, false, "2023 s:ES(#1) e | s>ES(NCP24-14) H:167", 2023},
	{"no catalogue loaded for this year", PRIMARY(A), {{0}}, {IN(A, 1, "NCP24-09", 2024)}, {{0}}, 0, true,
	 "2024 p:D(#1) e | p>E(-) H:85", 2024},
};

/* Whether the case gives what it wants; prints what differs. */
static bool run_case(const struct jcase *c)
{
	bool ok = true;
	struct arena *a = arena_new();
	struct journey_link lineage[6];
	struct journey_activity acts[8];
	struct journey_entry entries[4];
	size_t nl = 0, na = 0, ne = 0;
	for (; nl < 6 && c->lineage[nl].urn; nl++)
		lineage[nl] = c->lineage[nl];
	for (; na < 8 && c->rows[na].urn; na++) {
		const struct row *r = &c->rows[na];
		acts[na] = (struct journey_activity){
			.urn = r->urn, .activity_id = r->id, .title = r->ncp ? r->ncp : "Research and Innovation Work Group",
			.hub_name = "Jurassic Maths Hub", .ncp_code = r->ncp, .first_year = r->y1, .last_year = r->y2,
			.status = r->status, .tfm = r->own ? r->tfm : journey_default_setting(r->ncp),
			.phases = r->phases ? r->phases : phases_of(r->ncp), .joined_on = r->joined, .left_on = r->left};
		if (r->ncp && !r->own && !in_catalogue(r->ncp))
			print_error("%s: %s is not in data/ncps-2024-25.csv\n", c->name, r->ncp), ok = false;
	}
	for (; ne < 4 && c->entries[ne].urn; ne++)
		entries[ne] = c->entries[ne];
	struct journey_input in = {
		.school = c->school, .lineage = lineage, .nlineage = nl, .activities = acts, .nactivities = na,
		.entries = entries, .nentries = ne, .current_year = c->current ? c->current : 2026,
		.catalogue = catalogue, .ncatalogue = c->no_catalogue ? 0 : nncps};
	const struct journey *j = journey_compute(a, &in);
	char got[1024];
	render(got, sizeof(got), j);
	if (strcmp(got, c->want))
		print_error("%s:\n  want \"%s\"\n  got  \"%s\"\n", c->name, c->want, got), ok = false;
	/* engaged: from the first year engaged or contributing, in every year after */
	int first = 0;
	for (size_t i = 0; i < j->nyears && !first; i++)
		if (j->years[i].engaged)
			first = j->years[i].year;
	if (first != c->engaged_from)
		print_error("%s: engaged from %d, want %d\n", c->name, first, c->engaged_from), ok = false;
	for (int y = 2015; y <= 2030; y++)
		if (journey_engaged_by(j, y) != (c->engaged_from && y >= c->engaged_from))
			print_error("%s: journey_engaged_by(%d) is %d\n", c->name, y, journey_engaged_by(j, y)), ok = false;
	arena_free(a);
	return ok;
}

static void test_cases(void **state)
{
	(void)state;
	size_t failed = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		failed += !run_case(&cases[i]);
	assert_int_equal(failed, 0);
}

/* ---- every NCP of the 2024/25 catalogue with the seeded setting ---- */

/* Plan section 1's seed list, written here again to check journey.c's one
 * copy: the setting, and the NCP its next step names. */
static const struct {
	const char *code;
	struct tfm_setting tfm;
	const char *next; /* the next step's NCP on the path it gives */
} seeded[] = {
	{"NCP24-06", SET(PATH_NONE, STAGE_NONE, CONTRIBUTES), NULL},
	{"NCP24-07a", SET(PATH_NONE, STAGE_NONE, CONTRIBUTES), NULL},
	{"NCP24-07b", SET(PATH_NONE, STAGE_NONE, CONTRIBUTES), NULL},
	{"NCP24-08", SET(PRIMARY, READINESS, ENGAGED), "NCP24-09"},
	{"NCP24-09", SET(PRIMARY, DEVELOPMENT, ENGAGED), "NCP24-10"},
	{"NCP24-09s", SET(PATH_NONE, DEVELOPMENT, ENGAGED), NULL},
	{"NCP24-10", SET(PRIMARY, EMBEDDING, ENGAGED), "NCP24-11"},
	{"NCP24-11", SET(PRIMARY, SUSTAINING, ENGAGED), "NCP24-11"},
	{"NCP24-12", SET(SECONDARY, DEVELOPMENT, ENGAGED), "NCP24-13"},
	{"NCP24-13", SET(SECONDARY, EMBEDDING_YEAR_SUPPORT, ENGAGED), "NCP24-14"},
	{"NCP24-14", SET(SECONDARY, EMBEDDING_AND_SUSTAINING, ENGAGED), "NCP24-14"},
};

/* One school of the given phase in code's activity in 2024: its line. */
static void one_ncp(const char *code, const struct journey_school *school, char *got, size_t n)
{
	struct arena *a = arena_new();
	struct journey_activity act = {.urn = school->urn, .activity_id = 1, .title = code, .hub_name = "Jurassic Maths Hub",
				       .ncp_code = code, .first_year = 2024, .last_year = 2024, .status = "completed",
				       .tfm = journey_default_setting(code), .phases = phases_of(code),
				       .joined_on = "2024-10-01"};
	struct journey_input in = {.school = *school, .activities = &act, .nactivities = 1, .current_year = 2026,
				   .catalogue = catalogue, .ncatalogue = nncps};
	render(got, n, journey_compute(a, &in));
	arena_free(a);
}

static void test_every_ncp(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(seeded) / sizeof(seeded[0]); k++)
		if (!in_catalogue(seeded[k].code))
			fail_msg("%s is not in data/ncps-2024-25.csv", seeded[k].code);
	const struct journey_school primary = PRIMARY(A), secondary = SECONDARY(A), special = SPECIAL(A);
	size_t staged = 0;
	for (size_t i = 0; i < nncps; i++) {
		const char *code = ncps[i].code;
		struct tfm_setting want = {TFM_PATH_NONE, TFM_STAGE_NONE, TFM_ENGAGEMENT_NONE};
		const char *next = NULL;
		for (size_t k = 0; k < sizeof(seeded) / sizeof(seeded[0]); k++)
			if (!strcmp(seeded[k].code, code))
				want = seeded[k].tfm, next = seeded[k].next;
		struct tfm_setting got = journey_default_setting(code), by_suffix = journey_default_setting(code + 6);
		if (memcmp(&got, &want, sizeof(got)) || memcmp(&by_suffix, &want, sizeof(got)))
			fail_msg("%s: seeded %d/%d/%d, want %d/%d/%d", code, got.path, got.stage, got.engagement, want.path,
				 want.stage, want.engagement);
		char line[512], expect[512];
		if (want.stage != TFM_STAGE_NONE && want.path != TFM_PATH_NONE) {
			/* a school of the NCP's phase: its stage in 2024, then the next NCP */
			const char *p = want.path == TFM_PRIMARY ? "p" : "s";
			bool again = !strcmp(next, code);
			one_ncp(code, want.path == TFM_PRIMARY ? &primary : &secondary, line, sizeof(line));
			snprintf(expect, sizeof(expect), "2024 %s:%s(#1) e | %s>%s(%s) ", p, short_stage(want.stage), p,
				 short_stage(again ? want.stage : journey_default_setting(next).stage), next);
			if (strncmp(line, expect, strlen(expect)))
				fail_msg("%s: want \"%s...\", got \"%s\"", code, expect, line);
			staged++;
		} else if (want.stage != TFM_STAGE_NONE) {
			/* 09s: the school's path; a special school's, from the activity's phases */
			one_ncp(code, &primary, line, sizeof(line));
			assert_string_equal(line, "2024 p:D(#1) e | p>E(NCP24-10) H:85");
			one_ncp(code, &secondary, line, sizeof(line));
			assert_string_equal(line, "2024 s:D(#1) e | s>EYS(NCP24-13) H:188");
			one_ncp(code, &special, line, sizeof(line));
			assert_string_equal(line, "2024 p:D(#1) s:D(#1) e | p>E(NCP24-10) H:85; s>EYS(NCP24-13) H:188");
			staged++;
		} else if (want.engagement == TFM_CONTRIBUTES) {
			one_ncp(code, &primary, line, sizeof(line));
			assert_string_equal(line, "2024 other(#1) c | p>D(NCP24-09)|R(NCP24-08) H:87");
		} else {
			/* no stage, not counted: nothing on the journey, whatever the school */
			for (int s = 0; s < 3; s++) {
				one_ncp(code, s == 0 ? &primary : s == 1 ? &secondary : &special, line, sizeof(line));
				const char *empty = s == 0 ? " | p>D(NCP24-09)|R(NCP24-08) H:85"
						    : s == 1 ? " | s>D(NCP24-12) H:187" : " | *>D(NCP24-09s) H:132";
				if (strcmp(line, empty))
					fail_msg("%s: want \"%s\", got \"%s\"", code, empty, line);
			}
		}
	}
	assert_int_equal(staged, 8); /* 08, 09, 09s, 10, 11, 12, 13, 14 */
}

/* ---- the words: keys both ways, labels, ranks ---- */

static void test_words(void **state)
{
	(void)state;
	static const struct {
		enum tfm_stage s;
		const char *key, *label;
		int primary, secondary;
	} stages[] = {
		{TFM_READINESS, "readiness", "Mastery Readiness", 1, 0},
		{TFM_DEVELOPMENT, "development", "Development", 2, 1},
		{TFM_EMBEDDING, "embedding", "Embedding", 3, 0},
		{TFM_SUSTAINING, "sustaining", "Sustaining", 4, 0},
		{TFM_EMBEDDING_YEAR_SUPPORT, "embedding_year_support", "Embedding Year Support", 0, 2},
		{TFM_EMBEDDING_AND_SUSTAINING, "embedding_and_sustaining", "Embedding and Sustaining", 0, 3},
	};
	for (size_t i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
		enum tfm_stage s = TFM_STAGE_NONE;
		assert_string_equal(tfm_stage_key(stages[i].s), stages[i].key);
		assert_string_equal(tfm_stage_label(stages[i].s), stages[i].label);
		assert_true(tfm_stage_from_key(stages[i].key, &s));
		assert_int_equal(s, stages[i].s);
		assert_int_equal(tfm_stage_rank(TFM_PRIMARY, s), stages[i].primary);
		assert_int_equal(tfm_stage_rank(TFM_SECONDARY, s), stages[i].secondary);
		assert_int_equal(tfm_stage_rank(TFM_PATH_NONE, s), 0);
	}
	enum tfm_stage s = TFM_SUSTAINING;
	assert_true(tfm_stage_from_key(NULL, &s));
	assert_int_equal(s, TFM_STAGE_NONE);
	assert_false(tfm_stage_from_key("Sustaining", &s));
	assert_false(tfm_stage_from_key("embedding ", &s));
	assert_null(tfm_stage_key(TFM_STAGE_NONE));
	assert_null(tfm_stage_key((enum tfm_stage)99));
	assert_string_equal(tfm_stage_label(TFM_STAGE_NONE), "");

	enum tfm_path p = TFM_PATH_NONE;
	assert_true(tfm_path_from_key("primary", &p));
	assert_int_equal(p, TFM_PRIMARY);
	assert_true(tfm_path_from_key("secondary", &p));
	assert_int_equal(p, TFM_SECONDARY);
	assert_true(tfm_path_from_key("", &p));
	assert_int_equal(p, TFM_PATH_NONE);
	assert_false(tfm_path_from_key("Primary", &p));
	assert_string_equal(tfm_path_key(TFM_PRIMARY), "primary");
	assert_string_equal(tfm_path_key(TFM_SECONDARY), "secondary");
	assert_null(tfm_path_key(TFM_PATH_NONE));
	assert_string_equal(tfm_path_label(TFM_SECONDARY), "Secondary");

	static const char *const engagement_keys[] = {"none", "contributes", "engaged"};
	for (int e = TFM_ENGAGEMENT_NONE; e <= TFM_ENGAGED; e++) {
		enum tfm_engagement got = TFM_ENGAGED;
		assert_string_equal(tfm_engagement_key((enum tfm_engagement)e), engagement_keys[e]);
		assert_true(tfm_engagement_from_key(engagement_keys[e], &got));
		assert_int_equal(got, e);
	}
	enum tfm_engagement e = TFM_ENGAGED;
	assert_false(tfm_engagement_from_key("yes", &e));
	assert_string_equal(tfm_engagement_label(TFM_CONTRIBUTES), "Contributes");

	/* GIAS TypeOfEstablishment names */
	assert_true(tfm_special_type("Community special school"));
	assert_true(tfm_special_type("Academy special converter"));
	assert_true(tfm_special_type("Free schools special"));
	assert_true(tfm_special_type("Non-maintained special school"));
	assert_false(tfm_special_type("Academy converter"));
	assert_false(tfm_special_type("Pupil referral unit"));
	assert_false(tfm_special_type(NULL));

	assert_int_equal(journey_phase_bit("Primary"), JOURNEY_PHASE_PRIMARY);
	assert_int_equal(journey_phase_bit("Post-16"), JOURNEY_PHASE_POST16);
	assert_int_equal(journey_phase_bit("16 plus"), 0);
	struct tfm_setting none = journey_default_setting("NCP24-33"), null = journey_default_setting(NULL);
	assert_int_equal(none.stage, TFM_STAGE_NONE);
	assert_int_equal(none.engagement, TFM_ENGAGEMENT_NONE);
	assert_int_equal(null.engagement, TFM_ENGAGEMENT_NONE);
}

/* The evidence carries what a page shows: title, hub, NCP, the entry's source. */
static void test_evidence(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct journey_activity act = {.urn = A, .activity_id = 7, .title = "Dorset Development 2", .hub_name = "Jurassic Maths Hub",
				       .ncp_code = "NCP24-09", .first_year = 2024, .last_year = 2024, .status = "completed",
				       .tfm = journey_default_setting("NCP24-09"), .phases = JOURNEY_PHASE_PRIMARY,
				       .joined_on = "2024-10-01"};
	struct journey_entry entry = {A, 2024, TFM_PRIMARY, TFM_READINESS, MHPOD};
	struct journey_input in = {.school = PRIMARY(A), .activities = &act, .nactivities = 1, .entries = &entry,
				   .nentries = 1, .current_year = 2026, .catalogue = catalogue, .ncatalogue = nncps};
	const struct journey *j = journey_compute(a, &in);
	const struct journey_year *y = journey_year_of(j, 2024);
	assert_non_null(y);
	assert_null(journey_year_of(j, 2023));
	const struct journey_step *st = &y->path[TFM_PRIMARY];
	assert_int_equal(st->nev, 2);
	assert_string_equal(st->ev[0].activity->title, "Dorset Development 2");
	assert_string_equal(st->ev[0].activity->hub_name, "Jurassic Maths Hub");
	assert_string_equal(st->ev[0].activity->ncp_code, "NCP24-09");
	assert_string_equal(st->ev[0].urn, A);
	assert_int_equal(st->ev[0].stage, TFM_DEVELOPMENT);
	assert_string_equal(st->ev[1].entry->source, MHPOD);
	assert_int_equal(st->ev[1].stage, TFM_READINESS);
	assert_true(st->ev[1].also_recorded);
	assert_true(st->derived);
	assert_int_equal(j->nnext, 1);
	assert_int_equal(j->next[0].from, TFM_DEVELOPMENT);
	assert_false(j->next[0].again);
	assert_non_null(strstr(j->next[0].text, "Embedding Work Group"));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_every_ncp),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_evidence),
	};
	return cmocka_run_group_tests(tests, read_catalogue, NULL);
}

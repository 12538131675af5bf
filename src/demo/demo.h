/*
 * demo.h - demo data (`mathshubs demo-data --scale small|national`): a
 * database filled with made-up but realistic data, the same for the same
 * scale and seed, for newcomers to look around in, for training and for
 * load tests. What every capability's part of it uses.
 *
 * The generator is a list of parts, one or more per capability, declared
 * in its module (struct module's demo_parts) and run in their order, all
 * in one write transaction (all or nothing): the catalogue's reads the 40
 * hubs and the projects already there, the registry's makes the schools,
 * admin's the people and their roles, accounts' lets one person of each
 * role sign in, team's gives designations, accreditations and the LLME
 * Community leads. A later capability (events, activities, HAPPI forms,
 * surveys) adds its part in its own folder, and reads what the parts before
 * it made from struct demo: the hubs, the open schools, the people with
 * what they are, when they joined and left.
 *
 * Deterministic: no part reads the clock but through d->year and d->as_of
 * (the academic year it is made in), and each part draws its random
 * numbers from its own stream of the seed (demo_rng_seed with its name),
 * so a new part changes nothing that the others make. Only the sign-in
 * secrets (passwords, authenticator keys) and the survey links' tokens are
 * random every run: a published seed gives away no demo's sign-in, and
 * opens nobody's survey.
 */
#ifndef MH_DEMO_H
#define MH_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/perm.h"
#include "core/err.h"
#include "core/strmap.h"

struct arena;
struct db;

/* ---- random numbers: xoshiro256** seeded through splitmix64 (rng.c) ---- */

struct demo_rng {
	uint64_t s[4];
};

/* The next value of a splitmix64 generator whose state is *x. */
uint64_t demo_splitmix64(uint64_t *x);
/* Seeds r for the stream named stream of seed ("people", "schools"):
 * its state is four splitmix64 values of seed mixed with the name's hash. */
void demo_rng_seed(struct demo_rng *r, uint64_t seed, const char *stream);
/* Seeds r with the state s as it is (for the reference test vectors). */
void demo_rng_state(struct demo_rng *r, const uint64_t s[4]);
uint64_t demo_rng_next(struct demo_rng *r);
/* A number in 0 .. n-1 (n >= 1), every one as likely (no modulo bias). */
uint64_t demo_rng_below(struct demo_rng *r, uint64_t n);
/* A number in lo .. hi (lo <= hi). */
int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi);
/* true pct times in 100. */
bool demo_rng_percent(struct demo_rng *r, unsigned pct);

/* ---- names (names.c) ---- */

/* A made-up person's first name and surname, from lists of names common in
 * the UK's schools (English, Welsh, Scottish, Irish, South Asian, African,
 * Caribbean, East European, East Asian, Arabic ...): static strings. */
void demo_name(struct demo_rng *r, const char **first, const char **last);
/* s as a word of an email address: ASCII lower case, accents dropped
 * ("Zoë" zoe), apostrophes dropped ("O'Brien" obrien), anything else but
 * letters and digits a hyphen ("Smith Jones" smith-jones); in a. */
char *demo_email_word(struct arena *a, const char *s);

/* ---- rows for an insert of many (rows.c) ---- */

struct db_value;

/* n rows of cols values each, one after the other (as the queries'
 * *_insert_many take them), in a block of cap rows that grows as rows are
 * added (xrealloc: a part's rows outlive no transaction). Set cols; the rest
 * starts zeroed. */
struct demo_rows {
	struct db_value *v;
	size_t n, cap, cols;
};

/* A new row at the end of r (its cols values are the caller's to set);
 * valid until the next one is added. */
struct db_value *demo_row_add(struct demo_rows *r);
/* Frees r's rows (r is empty again, with its cols). */
void demo_rows_free(struct demo_rows *r);

/* ---- what the parts share ---- */

enum demo_scale { DEMO_SMALL, DEMO_NATIONAL };

/* The years made: the academic year of the run and the four before it. */
#define DEMO_YEARS 5
/* Not an index (no hub, no school). */
#define DEMO_NONE ((size_t)-1)

struct demo_hub {
	int64_t id;
	const char *code, *name, *region;
	size_t *schools;    /* its open schools (indexes into demo.schools) */
	size_t nschools;
	size_t lead_school; /* the school that leads it (an index), or DEMO_NONE */
};

struct demo_school {
	const char *urn, *name;
	const char *phase;      /* the programme's: "Primary", "Secondary", "Post-16", or NULL (special, independent ...) */
	const char *gias_phase; /* as GIAS has it: "Nursery", "Primary", "Middle deemed secondary" ... */
	size_t hub;        /* index into demo.hubs */
};

struct demo_project {
	int64_t id;
	const char *code;
};

/* A person as the parts made them. */
struct demo_person {
	int64_t id;             /* once written (admin's part) */
	const char *name, *email, *job_title;
	size_t school;          /* their school (index into demo.schools), or DEMO_NONE */
	size_t hub;             /* the hub they work in, or DEMO_NONE */
	const char *phase;      /* the phase they lead or teach in: "Primary", "Secondary", "Post-16", or NULL */
	enum role role;         /* what they are in the programme (their first role) */
	int joined;             /* the academic year they joined in (first_year - 1: before the years made) */
	int left;               /* the academic year from which they no longer are (0: still are) */
	bool deactivated;       /* they left the programme: their account is deactivated */
	int64_t created_at;
};

/* A role given to a person (admin's part). */
struct demo_grant {
	size_t person;          /* index into demo.people */
	enum role role;
	size_t hub;             /* DEMO_NONE when not in a hub */
	int64_t project_id;     /* 0 when not in a project */
	size_t school;          /* a headteacher's school, else DEMO_NONE */
	int64_t id;             /* once written */
};

/* Someone who can sign in (accounts' part), with what they sign in with. */
struct demo_sign_in {
	enum role role;
	size_t person;
	char password[40];
	char secret[40];        /* the authenticator app's key, base32 */
	char hash[160];         /* the password's argon2id hash */
};

/* A line of the summary: "schools  25,243  open, in the 40 hubs' areas". */
struct demo_count {
	char what[40];
	int64_t n;
	char note[120];
};
#define DEMO_MAX_COUNTS 40

struct demo {
	/* in */
	enum demo_scale scale;
	uint64_t seed;
	const char *schools_file; /* the register of schools (registry's part reads it) */
	int year;                 /* the academic year it is made in (2026 for 2026/27) */
	int first_year;           /* year - DEMO_YEARS + 1 */
	int64_t as_of;            /* 1 September of year: nothing made is dated later */
	/* called as each part starts and ends (may be NULL) */
	void (*progress)(void *ctx, const char *part, bool done);
	void *progress_ctx;
	/* made before the transaction by the parts' prepare, kept across its retries */
	struct arena *prep;
	void *prepared[16];       /* each part's, by its index in the list */
	struct demo_sign_in sign_ins[ROLE_COUNT];
	size_t nsign_ins;
	/* set afresh by every run of the transaction */
	struct arena *a;
	struct demo_hub *hubs;
	size_t nhubs;
	struct demo_project *projects;
	size_t nprojects;
	struct demo_school *schools; /* the open schools */
	size_t nschools;
	struct demo_person *people;
	size_t npeople, people_cap;
	struct demo_grant *grants;
	size_t ngrants, grants_cap;
	struct strmap emails;     /* the addresses given, so each is unique */
	struct demo_count counts[DEMO_MAX_COUNTS];
	size_t ncounts;
	int64_t audit_id;
	char msg[512];            /* why it failed */
};

/* A capability's part of the demo data, in its module (module.h). */
struct demo_part {
	const char *name;   /* "schools": its random stream, its progress line */
	int order;          /* parts run by increasing order */
	/* Slow work or reading files before the transaction (may be NULL):
	 * never the database. ERR_OK, or an error with d->msg set. */
	enum err (*prepare)(struct demo *d, void **prepared);
	/* Its data, in the run's write transaction; prepared is what its
	 * prepare made. ERR_OK, or an error (d->msg says why when the
	 * database does not). */
	enum err (*make)(struct db *db, struct demo *d, void *prepared);
};

/* Every module's parts, by order (src/routes.c gathers them). */
const struct demo_part *module_demo_parts(size_t *n);

/* A summary line (what, n, the note as printf). */
void demo_count(struct demo *d, const char *what, int64_t n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* n as people write it: "25,243" (in a). */
const char *demo_thousands(struct arena *a, int64_t n);

/* A new person at the end of d->people (zeroed but for school and hub:
 * DEMO_NONE); valid until the next one is added. */
struct demo_person *demo_person_add(struct demo *d);
/* A new role at the end of d->grants (hub and school DEMO_NONE). */
struct demo_grant *demo_grant_add(struct demo *d, size_t person, enum role role);

/* An address at domain for first and last, unique in the run:
 * "aisha.khan@domain", then "aisha.khan2@domain" ... (in d->a). */
const char *demo_email(struct demo *d, const char *first, const char *last, const char *domain);

/* "YYYY-MM-DD" (in a) and the Unix time (at 09:00 UTC) of a day: the day
 * of month d of month m of calendar year y (m may run past 12 into the next
 * year; d past the month's end gives its last day). */
const char *demo_date(struct arena *a, int y, int m, int d);
int64_t demo_time(int y, int m, int d);
/* A day of academic year year: month m (9 September .. 8 August), day d. */
int64_t demo_year_time(int year, int m, int d);

/* Whether person p is in the programme in academic year y (joined, not yet left). */
bool demo_person_in(const struct demo_person *p, int y);

/* Whether the database holds demo data, for serve (it then says so on
 * every page and answer): *held, and the note people read. Opens and
 * closes its own connection; ERR_OK or the database's error. */
struct config;
enum err demo_data_held(const struct config *cfg, bool *held);

/* The words every page shows when the database holds demo data. */
extern const char demo_notice[];

/* The demo capability as a module (module.c): the `demo-data` command. */
struct module;
extern const struct module demo_module;

#endif

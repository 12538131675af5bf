/*
 * migrate_list.c - the list of migrations, found by file number among the
 * embedded files (migrate.h): "migrations/<dialect>/NNNN_name.sql" for
 * each dialect, merged with the migrations done in C.
 */
#include "db/migrate.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "core/util.h"

static const char PREFIX[] = "migrations/";
#define NAME_SIZE 64 /* of a name taken from a file's: "accounts" */
static const char *const dialects[] = {"sqlite", "postgresql"};
#define NDIALECTS 2

struct found {
	int dialect;
	int version;
	const char *file; /* "NNNN_name.sql", inside the embedded file's name */
};

/* "sqlite/0003_accounts.sql" -> dialect 0, version 3, file "0003_accounts.sql". */
static bool parse_name(const char *rel, struct found *f)
{
	const char *slash = strchr(rel, '/');
	if (!slash)
		return false;
	f->dialect = -1;
	for (int d = 0; d < NDIALECTS; d++)
		if ((size_t)(slash - rel) == strlen(dialects[d]) && !strncmp(rel, dialects[d], strlen(dialects[d])))
			f->dialect = d;
	const char *p = f->file = slash + 1;
	size_t len = strlen(p);
	if (f->dialect < 0 || len < 10 || strcmp(p + len - 4, ".sql") || p[4] != '_')
		return false;
	f->version = 0;
	for (int i = 0; i < 4; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		f->version = f->version * 10 + (p[i] - '0');
	}
	if (len - 9 >= NAME_SIZE)
		return false;
	for (const char *c = p + 5; c < p + len - 4; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
			return false;
	return f->version > 0;
}

static const struct found *find(const struct found *fs, size_t n, int dialect, int version)
{
	for (size_t i = 0; i < n; i++)
		if (fs[i].dialect == dialect && fs[i].version == version)
			return &fs[i];
	return NULL;
}

/* Each file has a twin of the same name in the other dialect, and no
 * dialect has two files with one number. */
static bool check_files(const struct found *fs, size_t n, char *msg, size_t msglen)
{
	for (size_t i = 0; i < n; i++) {
		const struct found *f = &fs[i], *same = find(fs, n, f->dialect, f->version);
		if (same && same != f) { /* never NULL: f itself matches */
			snprintf(msg, msglen, "migrations/%s has two migrations numbered %d: %s and %s",
				 dialects[f->dialect], f->version, same->file, f->file);
			return false;
		}
		int other = 1 - f->dialect;
		const struct found *twin = find(fs, n, other, f->version);
		if (!twin || strcmp(twin->file, f->file)) {
			snprintf(msg, msglen,
				 "migration %s is in migrations/%s but %s%s in migrations/%s: "
				 "each migration needs a file of the same name for both dialects",
				 f->file, dialects[f->dialect], twin ? "is called " : "not",
				 twin ? twin->file : "", dialects[other]);
			return false;
		}
	}
	return true;
}

/* "0003_accounts.sql" -> "accounts" (the name recorded in schema_migrations),
 * written to name (NAME_SIZE bytes; parse_name checked the length). */
static const char *name_of(const char *file, char *name)
{
	snprintf(name, NAME_SIZE, "%.*s", (int)(strlen(file) - 5 - 4), file + 5);
	for (char *c = name; *c; c++)
		if (*c == '_')
			*c = ' '; /* "account_security" -> "account security" */
	return name;
}

static int by_version(const void *a, const void *b)
{
	const struct migration *x = a, *y = b;
	return (x->version > y->version) - (x->version < y->version);
}

/* Adds the loads to list (merging into a file's migration of the same
 * number), sorts it and checks the numbers run 1, 2, ... */
static bool merge_loads(struct migration *list, size_t *n, const struct migration_load *loads,
			size_t nloads, char *msg, size_t msglen)
{
	for (size_t i = 0; i < nloads; i++) {
		struct migration *m = NULL;
		for (size_t j = 0; j < *n; j++)
			if (list[j].version == loads[i].version)
				m = &list[j];
		if (m && m->load) {
			snprintf(msg, msglen, "migration %d is declared twice in C", loads[i].version);
			return false;
		}
		if (!m) {
			m = &list[(*n)++];
			*m = (struct migration){.version = loads[i].version};
		}
		m->name = loads[i].name; /* the file's name, if any, gives way to it */
		m->load = loads[i].load;
	}
	qsort(list, *n, sizeof(*list), by_version);
	for (size_t i = 0; i < *n; i++) {
		if (list[i].version != (int)i + 1) {
			snprintf(msg, msglen, "migration %zu is missing (the next is %d): migrations are "
				 "numbered 1, 2, 3 ... without a gap", i + 1, list[i].version);
			return false;
		}
	}
	return true;
}

enum err migrate_list(const struct embedded_file *files, size_t nfiles,
		      const struct migration_load *loads, size_t nloads, struct migration **out,
		      size_t *n, char *msg, size_t msglen)
{
	*out = NULL;
	*n = 0;
	struct found *fs = xmalloc((nfiles + 1) * sizeof(*fs));
	size_t nfound = 0;
	bool ok = true;
	for (size_t i = 0; i < nfiles && ok; i++) {
		if (strncmp(files[i].name, PREFIX, strlen(PREFIX)))
			continue;
		if (!(ok = parse_name(files[i].name + strlen(PREFIX), &fs[nfound++])))
			snprintf(msg, msglen, "%s: a migration is migrations/sqlite/NNNN_name.sql or "
				 "migrations/postgresql/NNNN_name.sql (name in a-z, 0-9, _)", files[i].name);
	}
	ok = ok && check_files(fs, nfound, msg, msglen);
	/* one block: the list, then the names taken from file names */
	size_t cap = nfound + nloads + 1;
	struct migration *list = xmalloc(cap * (sizeof(*list) + NAME_SIZE));
	char *names = (char *)(list + cap);
	for (size_t i = 0; ok && i < nfound; i++) {
		if (fs[i].dialect != 0)
			continue; /* one entry a number; the twin is checked */
		list[*n] = (struct migration){fs[i].version, name_of(fs[i].file, names + *n * NAME_SIZE),
					      fs[i].file, NULL};
		(*n)++;
	}
	ok = ok && merge_loads(list, n, loads, nloads, msg, msglen);
	free(fs);
	if (!ok) {
		free(list);
		*n = 0;
		return ERR_INVALID;
	}
	*out = list;
	return ERR_OK;
}

void migrate_list_free(struct migration *list)
{
	free(list);
}

enum err migrate_embedded(struct db *db, const struct migration_load *loads, size_t nloads,
			  int *applied, char *msg, size_t msglen)
{
	struct migration *list;
	size_t n;
	*applied = 0;
	enum err e = migrate_list(embedded_files, embedded_count, loads, nloads, &list, &n, msg, msglen);
	if (e)
		return e;
	e = migrate_run(db, list, n, applied, msg, msglen);
	migrate_list_free(list);
	return e;
}

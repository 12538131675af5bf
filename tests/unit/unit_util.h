/*
 * unit_util.h - small helpers shared by the unit tests (header only; the
 * build compiles each tests/unit/test_*.c as its own executable).
 *
 * - unit_source_path: a path under the repository root, found from this
 *   file's own location, so tests read the real data files whatever the
 *   build directory is.
 * - unit_read_file: a whole file into memory (malloc'd, NUL-terminated).
 * - unit_tmpdir_*: a private temporary directory (mkdtemp) for a database.
 */
#ifndef MH_UNIT_UTIL_H
#define MH_UNIT_UTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes <repository root>/<rel> into out. The root is two directories
 * above this header (tests/unit/unit_util.h). */
static inline void unit_source_path(const char *rel, char *out, size_t outlen)
{
	const char *self = __FILE__;
	const char *tail = strstr(self, "tests/unit/unit_util.h");
	size_t rootlen = tail ? (size_t)(tail - self) : 0;
	if (!tail) {
		/* relative __FILE__ without the directory: assume the cwd is the root */
		snprintf(out, outlen, "%s", rel);
		return;
	}
	snprintf(out, outlen, "%.*s%s", (int)rootlen, self, rel);
}

/* The whole file at path, NUL-terminated, or NULL. *len excludes the NUL. */
static inline char *unit_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *data = malloc(cap);
	if (!data) {
		fclose(f);
		return NULL;
	}
	for (;;) {
		if (n + 1 >= cap) {
			char *more = realloc(data, cap * 2);
			if (!more) {
				free(data);
				fclose(f);
				return NULL;
			}
			data = more, cap *= 2;
		}
		size_t got = fread(data + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(data);
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

/* Creates a fresh directory under $TMPDIR (or /tmp); dir needs 256 bytes.
 * Returns 0 on success. */
static inline int unit_tmpdir_make(char dir[256])
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	snprintf(dir, 256, "%s/mathshubs-unit-XXXXXX", base);
	return mkdtemp(dir) ? 0 : -1;
}

/* Removes the files directly inside dir (a database and its -wal/-shm),
 * then dir itself. */
static inline void unit_tmpdir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char p[512];
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(dir);
}

#endif

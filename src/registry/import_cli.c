/*
 * import_cli.c - `mathshubs import-gias FILE [--links LINKS_FILE]
 * [--skip-invalid] [--rejects PATH]`: GIAS files into the registry, in one
 * transaction (gias_import.h), with a progress bar on a terminal and a
 * summary at the end. Each file is read twice: once to learn its encoding
 * (valid UTF-8 throughout, or not: then each line in its own, gias.h),
 * then to import it; never held in memory whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/encoding.h"
#include "db/db.h"
#include "registry/gias_import.h"
#include "registry/import.h"

struct cli_file {
	const char *path;
	int fd;
	off_t size;
};

static int file_rewind(void *ctx)
{
	struct cli_file *f = ctx;
	return lseek(f->fd, 0, SEEK_SET) == 0 ? 0 : -1;
}

static ssize_t file_read(void *ctx, char *buf, size_t n)
{
	struct cli_file *f = ctx;
	ssize_t got;
	do
		got = read(f->fd, buf, n);
	while (got < 0 && errno == EINTR);
	return got;
}

/* Opens path and reads it through once for its encoding. */
static int open_file(const char *path, struct cli_file *f, enum text_encoding *enc)
{
	f->path = path;
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (f->fd < 0 || fstat(f->fd, &sb) || !S_ISREG(sb.st_mode)) {
		fprintf(stderr, "mathshubs: import-gias: cannot read %s: %s\n", path,
			f->fd < 0 || errno ? strerror(errno) : "not a file");
		return -1;
	}
	f->size = sb.st_size;
	static char piece[1 << 16];
	struct utf8_check check = {0};
	bool first = true;
	ssize_t got;
	*enc = ENC_UTF8;
	while ((got = file_read(f, piece, sizeof(piece))) > 0) {
		if (first && encoding_utf16_bom(piece, (size_t)got))
			*enc = ENC_UTF16;
		first = false;
		utf8_check_feed(&check, piece, (size_t)got);
	}
	if (got < 0) {
		fprintf(stderr, "mathshubs: import-gias: cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (*enc != ENC_UTF16 && !utf8_check_ok(&check))
		*enc = ENC_CP1252;
	return 0;
}

/* The last part of a path. */
static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* ---- the progress bar (a terminal only) ---- */

struct bar {
	struct cli_file *files[2];
	size_t file;          /* the one being read */
	size_t base_links;    /* links counted before it */
	int64_t start_us, last_us;
};

static void show(void *ctx, const struct gias_run *run, size_t bytes, bool done)
{
	struct bar *b = ctx;
	int64_t now = clock_monotonic_us();
	if (!done && now - b->last_us < 100000)
		return;
	b->last_us = now;
	const struct cli_file *f = b->files[b->file];
	size_t rows = run->files[b->file].kind == GIAS_LINKS ? run->counts.link_rows - b->base_links : run->counts.rows;
	double secs = (double)(now - b->start_us) / 1e6;
	int pct = f->size > 0 ? (int)((double)bytes * 100.0 / (double)f->size) : 100;
	if (pct > 100)
		pct = 100;
	char bar[21];
	for (int i = 0; i < 20; i++)
		bar[i] = i < pct / 5 ? '#' : ' ';
	bar[20] = '\0';
	fprintf(stderr, "\r%-28.28s [%s] %3d%% %9zu rows %9.0f rows/s", base_name(f->path), bar, pct, rows,
		secs > 0 ? (double)rows / secs : 0.0);
	if (done) {
		fputc('\n', stderr);
		b->file++;
		b->start_us = now;
		b->base_links = run->counts.link_rows;
	}
	fflush(stderr);
}

/* ---- the summary ---- */

static void summary(const struct gias_run *run, const char *report)
{
	const struct gias_counts *c = &run->counts;
	for (size_t i = 0; i < run->nfiles; i++) {
		bool links = run->files[i].kind == GIAS_LINKS;
		printf("%s: GIAS %s file, %s, %zu rows\n", run->files[i].name, links ? "links" : "establishments",
		       run->encoding[i], run->file_rows[i]);
		if (run->encoding_note[i][0])
			printf("  %s.\n", run->encoding_note[i]);
		if (!links) {
			printf("  new          %7zu\n  updated      %7zu\n  closed       %7zu  (open before, closed now)\n"
			       "  unchanged    %7zu\n",
			       c->created, c->updated, c->closed, c->unchanged);
			if (c->older)
				printf("  older        %7zu  (older than the register's: kept as it is)\n", c->older);
			printf("  rejected     %7zu\n", c->rejected);
			if (c->skipped)
				printf("  skipped      %7zu  (children's centres: not schools)\n", c->skipped);
		}
	}
	struct arena *a = arena_new();
	const char *links = gias_links_text(a, c);
	if (links)
		printf("%s\n", links);
	arena_free(a);
	if (c->trusts_created || c->las_created)
		printf("new trusts %zu, new local authorities %zu\n", c->trusts_created, c->las_created);
	for (size_t i = 0; i < run->nnew_las; i++)
		printf("New local authority %s%s%s: it has no hub until one is set (/admin/hub-areas/%s)\n",
		       run->new_las[i].code, run->new_las[i].name[0] ? " " : "", run->new_las[i].name, run->new_las[i].code);
	if (c->las_created > run->nnew_las)
		printf("and %zu more new local authorities\n", c->las_created - run->nnew_las);
	if (gias_counts_nothing_changed(c))
		printf("Nothing changed: the registry already holds every row as the file has it%s.\n",
		       c->older ? ", or as GIAS changed it since" : "");
	if (c->rejected || c->links_rejected)
		printf("Rejected rows (%zu) are listed in %s\n", c->rejected + c->links_rejected, report);
}

/* The report's default path: next to the file, "<name>-rejected.csv". */
static void default_report(const char *input, char *out, size_t outlen)
{
	size_t n = strlen(input);
	if (n > 4 && !strcasecmp(input + n - 4, ".csv"))
		n -= 4;
	snprintf(out, outlen, "%.*s-rejected.csv", (int)n, input);
}

static int write_report(const char *path, const struct buf *csv)
{
	FILE *f = fopen(path, "w");
	if (!f || fwrite(csv->data, 1, csv->len, f) != csv->len || fclose(f)) {
		fprintf(stderr, "mathshubs: import-gias: cannot write %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	return 0;
}

int registry_import_gias(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{.name = "--links", .value = true},
		{.name = "--skip-invalid"},
		{.name = "--rejects", .value = true},
	};
	const char *pos[1];
	size_t npos;
	struct config cfg;
	struct db *db = NULL;
	int rc = cli_open("import-gias", argc, argv, opts, 3, pos, 1, &npos, &cfg, &db);
	if (rc)
		return rc;
	struct cli_file files[2] = {{.fd = -1}, {.fd = -1}};
	enum text_encoding enc[2];
	struct gias_run run = {.skip_invalid = opts[1].given};
	struct bar bar = {.start_us = clock_monotonic_us()};
	char report[4096] = "";
	rc = 1;
	if (!npos && !opts[0].given) {
		fprintf(stderr, "mathshubs: import-gias needs a GIAS file: import-gias FILE [--links LINKS_FILE] "
				"[--skip-invalid] [--rejects PATH]\n");
		rc = 2;
		goto out;
	}
	const char *paths[2] = {npos ? pos[0] : NULL, opts[0].arg};
	for (size_t i = 0; i < 2; i++) {
		if (!paths[i])
			continue;
		size_t k = run.nfiles;
		if (open_file(paths[i], &files[k], &enc[k]))
			goto out;
		run.files[k] = (struct gias_file){
			.name = base_name(paths[i]),
			.kind = i ? GIAS_LINKS : GIAS_ESTABLISHMENTS,
			.enc = enc[k],
			.rewind = file_rewind,
			.read = file_read,
			.ctx = &files[k],
		};
		bar.files[k] = &files[k];
		run.nfiles++;
	}
	if (run.skip_invalid) {
		if (opts[2].given)
			snprintf(report, sizeof(report), "%s", opts[2].arg);
		else
			default_report(paths[0] ? paths[0] : paths[1], report, sizeof(report));
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s", report);
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		if (access(slash ? (dir[0] ? dir : "/") : ".", W_OK) || (access(report, F_OK) == 0 && access(report, W_OK))) {
			fprintf(stderr, "mathshubs: import-gias: cannot write the report of rejected rows to %s: give "
					"another place with --rejects PATH\n", report);
			goto out;
		}
	}
	if (isatty(STDERR_FILENO)) {
		run.progress = show;
		run.progress_ctx = &bar;
	}
	enum err e = db_transact(db, DB_WRITE, gias_import_run, &run);
	if (e) {
		if (run.progress && bar.file < run.nfiles)
			fputc('\n', stderr);
		fprintf(stderr, "mathshubs: import-gias: %s\nNothing was imported.\n", run.msg[0] ? run.msg : err_str(e));
		goto out;
	}
	if ((run.counts.rejected || run.counts.links_rejected) && write_report(report, &run.rejected_csv))
		goto out;
	summary(&run, report);
	rc = 0;
out:
	for (size_t i = 0; i < 2; i++)
		if (files[i].fd >= 0)
			close(files[i].fd);
	gias_run_free(&run);
	db_close(db);
	return rc;
}


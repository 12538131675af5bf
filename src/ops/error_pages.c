/*
 * error_pages.c - `mathshubs error-pages DIR`: what nginx in front of the
 * service (docs/nginx/mathshubs.conf) sends when it refuses a request
 * itself (a malformed request, a body or headers too large, no process
 * answering), so that those answers are GOV.UK pages with the service's
 * security headers too:
 *
 *   DIR/400.html ... DIR/505.html   the error pages, rendered by the service's
 *                                   own (html/layout.h page_error, the words
 *                                   of http/refusal.h), as the service sends them
 *   DIR/assets/...                  the assets they link (fingerprinted names,
 *                                   as the service serves them), so the pages
 *                                   look right while no process answers
 *   DIR/security-headers.conf       the security headers as nginx add_header
 *                                   lines, from the table the service sends
 *                                   its own from (with Strict-Transport-Security
 *                                   when --base-url is https, as serve does)
 *
 * Each file is written beside its place and renamed into it, so a running
 * nginx never serves half of one. Assets of earlier versions are left, for
 * pages still open in browsers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "core/assets.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/util.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/refusal.h"
#include "ops/ops.h"

/* The refusals nginx makes itself, each with its page (the error_page
 * lines of docs/nginx/mathshubs.conf). 431 is nginx's 494, "request
 * header too large", which the configuration answers as 431. */
static const int statuses[] = {400, 413, 414, 431, 500, 502, 503, 504, 505};

/* Writes len bytes to dir/name through dir/name.tmp, readable by all
 * (nginx's workers run as another user). Returns 0, or says why not. */
static int write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char path[1024], tmp[1040];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	bool ok = fd >= 0 && fchmod(fd, 0644) == 0;
	for (size_t done = 0; ok && done < len;) {
		ssize_t n = write(fd, (const char *)data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0;
		done += ok ? (size_t)n : 0;
	}
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (!ok || rename(tmp, path) != 0) {
		fprintf(stderr, "mathshubs: error-pages: cannot write %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			unlink(tmp);
		return 1;
	}
	return 0;
}

/* Makes dir (readable by all) unless it is there. */
static int make_dir(const char *dir)
{
	if (mkdir(dir, 0755) == 0 && chmod(dir, 0755) == 0)
		return 0;
	struct stat st;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	fprintf(stderr, "mathshubs: error-pages: cannot make the folder %s: %s\n", dir, strerror(errno));
	return 1;
}

static int write_page(const char *dir, int status)
{
	const struct refusal *r = refusal_of(status);
	if (!r)
		fatal("error-pages: no words for status %d in http/refusal.c", status);
	struct buf b = {0};
	struct html w = html_writer_on(&b);
	page_error(&w, r->title, r->detail, NULL, NULL); /* as resp_error_page does */
	size_t len;
	char *page = buf_detach(&b, &len);
	char name[16];
	snprintf(name, sizeof(name), "%d.html", status);
	int rc = write_file(dir, name, page, len);
	free(page);
	return rc;
}

/* One add_header line; a value is never a variable or quoted (fatal: the
 * table is ours). */
static void add_header(FILE *f, const struct http_header *h)
{
	if (strpbrk(h->value, "\"\\$"))
		fatal("error-pages: header %s holds a character nginx would read as syntax", h->name);
	fprintf(f, "add_header %s \"%s\" always;\n", h->name, h->value);
}

static int write_headers(const char *dir, bool hsts)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		fatal("error-pages: out of memory");
	fprintf(f, "# Written by `mathshubs error-pages`: the security headers every response of\n"
		   "# mathshubs carries, from the table the service sends them from\n"
		   "# (src/http/refusal.c), for the answers nginx makes itself. Included by\n"
		   "# docs/nginx/mathshubs.conf; made again with the pages at each upgrade.\n");
	size_t n;
	const struct http_header *h = security_headers(&n);
	for (size_t i = 0; i < n; i++)
		add_header(f, &h[i]);
	if (hsts)
		add_header(f, &hsts_header);
	fclose(f);
	int rc = write_file(dir, "security-headers.conf", text, len);
	free(text);
	return rc;
}

int ops_error_pages(int argc, char **argv)
{
	const char *pos[1];
	size_t npos;
	struct config cfg;
	int rc = cli_args("error-pages", argc, argv, NULL, 0, pos, 1, &npos, &cfg);
	if (rc)
		return rc;
	if (npos != 1) {
		fprintf(stderr, "mathshubs: error-pages DIR [--base-url URL]: which folder?\n");
		return 2;
	}
	const char *dir = pos[0];
	char adir[1024];
	snprintf(adir, sizeof(adir), "%s/assets", dir);
	if (make_dir(dir) || make_dir(adir))
		return 1;
	assets_init();
	for (size_t i = 0; i < ARRAY_LEN(statuses); i++)
		if (write_page(dir, statuses[i]))
			return 1;
	size_t n;
	const struct asset *a = assets_all(&n);
	for (size_t i = 0; i < n; i++)
		if (write_file(dir, a[i].url + 1, a[i].data, a[i].len)) /* "assets/app-<hash>.css" */
			return 1;
	bool hsts = str_starts(cfg.base_url, "https://");
	if (write_headers(dir, hsts))
		return 1;
	printf("error-pages: wrote %zu pages, %zu assets and security-headers.conf (%s) to %s\n",
	       ARRAY_LEN(statuses), n, hsts ? "with Strict-Transport-Security: the base URL is https"
					    : "without Strict-Transport-Security: the base URL is not https", dir);
	return fflush(stdout) ? 1 : 0;
}

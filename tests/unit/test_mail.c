/*
 * test_mail.c - the outbox and its delivery against a real SMTP server on
 * loopback: Debian's aiosmtpd (python3-aiosmtpd, run by Debian's own
 * /usr/bin/python3) writing a maildir, read back here. A missing server is
 * a failure, never a skip.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "html/html.h"
#include "mail/mail.h"
#include "routes.h"
#include "unit_util.h"

extern char **environ;

static char dir[256];

static int free_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) || getsockname(s, (struct sockaddr *)&a, &len))
		return -1;
	int port = ntohs(a.sin_port);
	close(s);
	return port;
}

static int port_open(int port)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int ok = connect(s, (struct sockaddr *)&a, sizeof(a)) == 0;
	close(s);
	return ok;
}

/* Starts aiosmtpd on port, delivering into maildir; returns its pid. */
static pid_t start_smtp(int port, const char *maildir)
{
	char listen[64];
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
	char py[] = "/usr/bin/python3", m[] = "-m", mod[] = "aiosmtpd", n[] = "-n", l[] = "-l",
	     c[] = "-c", handler[] = "aiosmtpd.handlers.Mailbox", md[300];
	snprintf(md, sizeof(md), "%s", maildir);
	char *argv[] = {py, m, mod, n, l, listen, c, handler, md, NULL};
	pid_t pid;
	if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0)
		return -1;
	for (int i = 0; i < 200 && !port_open(port); i++)
		usleep(50 * 1000);
	return port_open(port) ? pid : -1;
}

static void stop_smtp(pid_t pid)
{
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}

/* The concatenated contents of every message in maildir/new; count in *n. */
static char *read_maildir(const char *maildir, int *n)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/new", maildir);
	DIR *d = opendir(path);
	*n = 0;
	size_t cap = 1, len = 0;
	char *all = calloc(1, 1);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char file[1024];
		snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
		FILE *f = fopen(file, "rb");
		if (!f)
			continue;
		char chunk[4096];
		size_t k;
		while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			all = realloc(all, cap + k);
			memcpy(all + len, chunk, k);
			len += k, cap += k;
			all[len] = '\0';
		}
		fclose(f);
		(*n)++;
	}
	if (d)
		closedir(d);
	return all;
}

static struct db *fresh_db(void)
{
	snprintf(dir, sizeof(dir), "/tmp/mathshubs-mail-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char path[300];
	snprintf(path, sizeof(path), "%s/m.db", dir);
	struct db *db;
	char msg[256];
	assert_int_equal(db_open(DB_SQLITE, path, &db, msg, sizeof(msg)), ERR_OK);
	int applied;
	assert_int_equal(routes_migrate(db, &applied, msg, sizeof(msg)), ERR_OK);
	return db;
}

static int64_t count(struct db *db, const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	assert_int_equal(db_step(st), 1);
	int64_t v = db_col_int(st, 0);
	db_step(st);
	return v;
}

static const char SQL_UNSENT[] = "SELECT count(*) FROM outbox WHERE sent_at IS NULL";
static const char SQL_ATTEMPTS[] = "SELECT max(attempts) FROM outbox";

static void queue_one(struct db *db, const char *to, const char *subject)
{
	assert_int_equal(db_begin(db, DB_WRITE), ERR_OK);
	struct mail_html html;
	struct html w = mail_html_begin(&html);
	H_RAW(&w, "<p>Hello,</p><p><a");
	H_ATTR(&w, "href", "https://example.org/x");
	H_RAW(&w, ">Set up your account</a></p>");
	assert_int_equal(mail_queue(db, to, subject, "Hello,\nyour set-up link: https://example.org/x\n", &html),
			 ERR_OK);
	assert_int_equal(db_commit(db), ERR_OK);
}

/* A real SMTP server on a free loopback port, delivering into maildir
 * (<dir>/maildir), and cfg set to send through it from
 * hubs@mathshubs.example. Returns the server's pid. */
static pid_t smtp_up(struct config *cfg, char maildir[300])
{
	int port = free_port();
	snprintf(maildir, 300, "%s/maildir", dir);
	pid_t smtp = start_smtp(port, maildir);
	assert_true(smtp > 0);
	char err[128], url[64];
	snprintf(url, sizeof(url), "--smtp-url=smtp://127.0.0.1:%d", port);
	char from[] = "--mail-from=hubs@mathshubs.example";
	char *args[] = {url, from};
	assert_int_equal(config_parse(cfg, 2, args, NULL, err, sizeof(err)), ERR_OK);
	return smtp;
}

static void test_delivered_to_a_real_smtp_server(void **state)
{
	(void)state;
	struct db *db = fresh_db();
	char maildir[300];
	struct config cfg;
	pid_t smtp = smtp_up(&cfg, maildir);

	queue_one(db, "lead@glow.example", "Set up your Maths Hubs account – GLOW");
	int sent = 0;
	assert_int_equal(mail_deliver_due(db, &cfg, clock_now(), &sent), ERR_OK);
	assert_int_equal(sent, 1);
	assert_int_equal(count(db, SQL_UNSENT), 0);
	/* a second run sends nothing again */
	assert_int_equal(mail_deliver_due(db, &cfg, clock_now(), &sent), ERR_OK);
	assert_int_equal(sent, 0);
	stop_smtp(smtp);

	int n;
	char *all = read_maildir(maildir, &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(all, "To: <lead@glow.example>"));
	assert_non_null(strstr(all, "From: Maths Hubs <hubs@mathshubs.example>"));
	assert_non_null(strstr(all, "Subject: =?UTF-8?B?")); /* the en dash: RFC 2047 */
	assert_non_null(strstr(all, "multipart/alternative"));
	assert_non_null(strstr(all, "Content-Type: text/plain; charset=utf-8"));
	assert_non_null(strstr(all, "Content-Type: text/html; charset=utf-8"));
	assert_non_null(strstr(all, "your set-up link: https://example.org/x"));
	assert_non_null(strstr(all, "<a href=\"https://example.org/x\">Set up your account</a>"));
	assert_non_null(strstr(all, "coordinated nationally by the NCETM")); /* the footer */
	free(all);
	db_close(db);
}

static void test_nothing_lost_while_the_server_is_down(void **state)
{
	(void)state;
	struct db *db = fresh_db();
	int port = free_port();
	char maildir[300];
	snprintf(maildir, sizeof(maildir), "%s/maildir", dir);
	struct config cfg;
	char err[128], url[64];
	snprintf(url, sizeof(url), "--smtp-url=smtp://127.0.0.1:%d", port);
	char *args[] = {url};
	assert_int_equal(config_parse(&cfg, 1, args, NULL, err, sizeof(err)), ERR_OK);

	queue_one(db, "a@school.example", "First");
	queue_one(db, "b@school.example", "Second");
	int sent = -1;
	int64_t now = clock_now();
	assert_int_equal(mail_deliver_due(db, &cfg, now, &sent), ERR_OK); /* nobody listening */
	assert_int_equal(sent, 0);
	assert_int_equal(count(db, SQL_UNSENT), 2);
	assert_int_equal(count(db, SQL_ATTEMPTS), 1);
	/* backing off: not retried at once */
	assert_int_equal(mail_deliver_due(db, &cfg, now + 1, &sent), ERR_OK);
	assert_int_equal(count(db, SQL_ATTEMPTS), 1);

	pid_t smtp = start_smtp(port, maildir);
	assert_true(smtp > 0);
	assert_int_equal(mail_deliver_due(db, &cfg, now + 3600, &sent), ERR_OK);
	assert_int_equal(sent, 2);
	assert_int_equal(count(db, SQL_UNSENT), 0);
	stop_smtp(smtp);
	int n;
	free(read_maildir(maildir, &n));
	assert_int_equal(n, 2);
	db_close(db);
}

/* A name as someone typed it, with markup and an ampersand: in the HTML
 * part it is text (escaped by the writer); the plain-text part is as typed. */
static void test_a_name_is_escaped_in_the_html_part(void **state)
{
	(void)state;
	struct db *db = fresh_db();
	char maildir[300];
	struct config cfg;
	pid_t smtp = smtp_up(&cfg, maildir);

	const char *name = "Sam <script>alert(1)</script> & Co";
	assert_int_equal(db_begin(db, DB_WRITE), ERR_OK);
	struct mail_html html;
	struct html w = mail_html_begin(&html);
	H_RAW(&w, "<p>Hello ");
	html_text(&w, name);
	H_RAW(&w, ",</p>");
	char text[128];
	snprintf(text, sizeof(text), "Hello %s,\n", name);
	assert_int_equal(mail_queue(db, "sam@school.example", "Hello", text, &html), ERR_OK);
	assert_int_equal(db_commit(db), ERR_OK);
	int sent = 0;
	assert_int_equal(mail_deliver_due(db, &cfg, clock_now(), &sent), ERR_OK);
	assert_int_equal(sent, 1);
	stop_smtp(smtp);

	int n;
	char *all = read_maildir(maildir, &n);
	assert_int_equal(n, 1);
	char *html_part = strstr(all, "Content-Type: text/html; charset=utf-8");
	assert_non_null(html_part);
	*html_part = '\0'; /* all: the headers and the plain-text part; html_part + 1: the HTML */
	assert_non_null(strstr(html_part + 1, "<p>Hello Sam &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co,</p>"));
	assert_null(strstr(html_part + 1, "<script>"));
	assert_null(strstr(html_part + 1, " & Co"));
	assert_non_null(strstr(html_part + 1, "<!DOCTYPE html>"));   /* the service's document around it */
	assert_non_null(strstr(html_part + 1, "coordinated nationally by the NCETM"));
	assert_non_null(strstr(all, "\nHello Sam <script>alert(1)</script> & Co,")); /* plain text: as typed */
	free(all);
	db_close(db);
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delivered_to_a_real_smtp_server),
		cmocka_unit_test(test_nothing_lost_while_the_server_is_down),
		cmocka_unit_test(test_a_name_is_escaped_in_the_html_part),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

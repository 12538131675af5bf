/* config.c - see config.h. One table describes every option. */
#include "core/config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"

enum opt_kind { OPT_PATH, OPT_DBURL, OPT_LISTEN, OPT_UINT, OPT_SIZE, OPT_URL, OPT_SMTP, OPT_EMAIL, OPT_PROXIES, OPT_HTTP_URL, OPT_SECRET, OPT_FILE };

struct opt {
	const char *name, *env, *help;
	enum opt_kind kind;
	unsigned long min, max; /* for OPT_UINT and OPT_SIZE */
	size_t offset;          /* of the unsigned (OPT_UINT), size_t (OPT_SIZE) or char[] field */
};

#define F(field) offsetof(struct config, field)

static const struct opt opts[] = {
	{"--db", "MATHSHUBS_DB", "SQLite database file (created and migrated on first start)", OPT_PATH, 0, 0, 0},
	{"--postgres", "MATHSHUBS_DATABASE_URL", "use PostgreSQL: a libpq connection string or postgresql:// URI", OPT_DBURL, 0, 0, 0},
	{"--listen", "MATHSHUBS_LISTEN", "address and port to listen on, ADDR:PORT (port 0: any free port)", OPT_LISTEN, 0, 0, 0},
	{"--threads", "MATHSHUBS_THREADS", "worker threads, each with its own database connection", OPT_UINT, 1, 256, F(threads)},
	{"--base-url", "MATHSHUBS_BASE_URL", "public URL of the service, for links in emails and the API", OPT_URL, 0, 0, 0},
	{"--connection-timeout", "MATHSHUBS_CONNECTION_TIMEOUT", "seconds before an idle connection is closed", OPT_UINT, 1, 3600, F(conn_timeout)},
	{"--max-connections", "MATHSHUBS_MAX_CONNECTIONS", "connections open at once", OPT_UINT, 4, 100000, F(max_conns)},
	{"--max-connections-per-ip", "MATHSHUBS_MAX_CONNECTIONS_PER_IP", "connections open at once from one address", OPT_UINT, 1, 100000, F(max_conns_ip)},
	{"--connection-memory", "MATHSHUBS_CONNECTION_MEMORY", "bytes of memory per connection for request headers", OPT_SIZE, 8192, 1048576, F(conn_memory)},
	{"--max-body", "MATHSHUBS_MAX_BODY", "largest request body accepted, in bytes (413 beyond)", OPT_SIZE, 1024, 1073741824, F(max_body)},
	{"--max-upload", "MATHSHUBS_MAX_UPLOAD", "largest body of a page that takes a large file (GIAS's, ~60 MB), in bytes", OPT_SIZE, 1024, 1073741824, F(max_upload)},
	{"--smtp-url", "MATHSHUBS_SMTP_URL", "SMTP server for mail: smtp://HOST:PORT or smtps://USER:PASSWORD@HOST:PORT", OPT_SMTP, 0, 0, 0},
	{"--mail-from", "MATHSHUBS_MAIL_FROM", "the From address of the service's mail", OPT_EMAIL, 0, 0, 0},
	{"--sms-gateway-url", "MATHSHUBS_SMS_GATEWAY_URL", "HTTP gateway for text messages: a JSON POST of to and message (docs/SMS.md)", OPT_HTTP_URL, 0, 0, F(sms_gateway_url)},
	{"--sms-api-key", "MATHSHUBS_SMS_API_KEY", "the text gateway's API key, sent as a Bearer token (prefer the environment variable)", OPT_SECRET, 0, 0, F(sms_api_key)},
	{"--voice-gateway-url", "MATHSHUBS_VOICE_GATEWAY_URL", "HTTP gateway for phone calls that read a code aloud: the same JSON POST (docs/SMS.md)", OPT_HTTP_URL, 0, 0, F(voice_gateway_url)},
	{"--voice-api-key", "MATHSHUBS_VOICE_API_KEY", "the call gateway's API key, sent as a Bearer token (prefer the environment variable)", OPT_SECRET, 0, 0, F(voice_api_key)},
	{"--secret-key-file", "MATHSHUBS_SECRET_KEY_FILE", "file holding the key (64 hex digits) that encrypts authenticator secrets at rest; the same for every process", OPT_FILE, 0, 0, F(secret_key_file)},
	{"--trusted-proxies", "MATHSHUBS_TRUSTED_PROXIES", "addresses of reverse proxies (comma-separated IPv4) whose X-Forwarded-For gives the client's address", OPT_PROXIES, 0, 0, 0},
	{"--shutdown-grace", "MATHSHUBS_SHUTDOWN_GRACE", "seconds to let requests in flight finish on SIGTERM", OPT_UINT, 0, 600, F(shutdown_grace)},
};

static void defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->db_path, sizeof(c->db_path), "./var/mathshubs.db");
	snprintf(c->listen_addr, sizeof(c->listen_addr), "127.0.0.1");
	c->listen_port = 8080;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	c->threads = n < 2 ? 2 : n > 16 ? 16 : (unsigned)n;
	c->conn_timeout = 30;
	c->max_conns = 1024;
	c->max_conns_ip = 256;
	c->conn_memory = 32 * 1024; /* libmicrohttpd's own default; every idle connection keeps all of it */
	c->max_body = 1024 * 1024;
	c->max_upload = 200 * 1024 * 1024;
	c->shutdown_grace = 10;
	snprintf(c->mail_from, sizeof(c->mail_from), "noreply@mathshubs.invalid");
}

static enum err parse_ulong(const char *v, unsigned long min, unsigned long max, unsigned long *out)
{
	if (!*v || *v == '-' || *v == '+')
		return ERR_INVALID;
	char *end;
	errno = 0;
	unsigned long x = strtoul(v, &end, 10);
	if (errno || *end || x < min || x > max)
		return ERR_INVALID;
	*out = x;
	return ERR_OK;
}

static enum err parse_listen(struct config *c, const char *v)
{
	const char *colon = strrchr(v, ':');
	if (!colon || colon == v || (size_t)(colon - v) >= sizeof(c->listen_addr))
		return ERR_INVALID;
	unsigned long port;
	if (parse_ulong(colon + 1, 0, 65535, &port))
		return ERR_INVALID;
	memcpy(c->listen_addr, v, (size_t)(colon - v));
	c->listen_addr[colon - v] = '\0';
	c->listen_port = (unsigned)port;
	return ERR_OK;
}

static enum err apply(struct config *c, const struct opt *o, const char *v)
{
	unsigned long x;
	switch (o->kind) {
	case OPT_PATH:
		if (!*v || strlen(v) >= sizeof(c->db_path))
			return ERR_INVALID;
		snprintf(c->db_path, sizeof(c->db_path), "%s", v);
		return ERR_OK;
	case OPT_DBURL:
		if (!*v || strlen(v) >= sizeof(c->database_url))
			return ERR_INVALID;
		snprintf(c->database_url, sizeof(c->database_url), "%s", v);
		return ERR_OK;
	case OPT_LISTEN:
		return parse_listen(c, v);
	case OPT_HTTP_URL:
		if (!(str_starts(v, "http://") || str_starts(v, "https://")) || strlen(v) >= CONFIG_URL_MAX ||
		    strpbrk(v, " \"<>\\^`{|}\r\n"))
			return ERR_INVALID;
		snprintf((char *)c + o->offset, CONFIG_URL_MAX, "%s", v);
		return ERR_OK;
	case OPT_FILE:
		if (!*v || strlen(v) >= CONFIG_URL_MAX)
			return ERR_INVALID;
		snprintf((char *)c + o->offset, CONFIG_URL_MAX, "%s", v);
		return ERR_OK;
	case OPT_SECRET:
		if (!*v || strlen(v) >= CONFIG_SECRET_MAX || strpbrk(v, "\r\n"))
			return ERR_INVALID;
		snprintf((char *)c + o->offset, CONFIG_SECRET_MAX, "%s", v);
		return ERR_OK;
	case OPT_PROXIES: {
		if (strlen(v) >= sizeof(c->trusted_proxies))
			return ERR_INVALID;
		char copy[256];
		snprintf(copy, sizeof(copy), "%s", v);
		for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			struct in_addr ia;
			if (inet_pton(AF_INET, t, &ia) != 1)
				return ERR_INVALID;
		}
		snprintf(c->trusted_proxies, sizeof(c->trusted_proxies), "%s", v);
		return ERR_OK;
	}
	case OPT_SMTP:
		if (!(str_starts(v, "smtp://") || str_starts(v, "smtps://")) || strlen(v) >= sizeof(c->smtp_url))
			return ERR_INVALID;
		snprintf(c->smtp_url, sizeof(c->smtp_url), "%s", v);
		return ERR_OK;
	case OPT_EMAIL: {
		const char *at = strchr(v, '@');
		if (!at || at == v || !at[1] || strchr(at + 1, '@') || strpbrk(v, " <>\"\r\n,;") ||
		    strlen(v) >= sizeof(c->mail_from))
			return ERR_INVALID;
		snprintf(c->mail_from, sizeof(c->mail_from), "%s", v);
		return ERR_OK;
	}
	case OPT_URL: {
		size_t n = strlen(v);
		if (!(str_starts(v, "http://") || str_starts(v, "https://")) || n >= sizeof(c->base_url) ||
		    strpbrk(v, " \"<>\\^`{|}"))
			return ERR_INVALID;
		while (n > 0 && v[n - 1] == '/')
			n--;
		snprintf(c->base_url, sizeof(c->base_url), "%.*s", (int)n, v);
		c->base_url_given = true;
		return ERR_OK;
	}
	case OPT_UINT:
	case OPT_SIZE:
		if (parse_ulong(v, o->min, o->max, &x))
			return ERR_INVALID;
		if (o->kind == OPT_UINT)
			*(unsigned *)((char *)c + o->offset) = (unsigned)x;
		else
			*(size_t *)((char *)c + o->offset) = x;
		return ERR_OK;
	}
	return ERR_INVALID;
}

static void bad_value(const struct opt *o, const char *from, char *err, size_t errlen)
{
	if (o->kind == OPT_UINT || o->kind == OPT_SIZE)
		snprintf(err, errlen, "%s (%s): expected a whole number from %lu to %lu", o->name, from,
			 o->min, o->max);
	else if (o->kind == OPT_LISTEN)
		snprintf(err, errlen, "%s (%s): expected ADDR:PORT, for example 127.0.0.1:8080", o->name, from);
	else if (o->kind == OPT_URL || o->kind == OPT_HTTP_URL)
		snprintf(err, errlen, "%s (%s): expected an http:// or https:// URL", o->name, from);
	else if (o->kind == OPT_FILE)
		snprintf(err, errlen, "%s (%s): expected a file name", o->name, from);
	else if (o->kind == OPT_SECRET)
		snprintf(err, errlen, "%s (%s): expected a key on one line", o->name, from);
	else if (o->kind == OPT_PROXIES)
		snprintf(err, errlen, "%s (%s): expected IPv4 addresses separated by commas, like 127.0.0.1,10.0.0.5", o->name, from);
	else if (o->kind == OPT_SMTP)
		snprintf(err, errlen, "%s (%s): expected smtp://HOST:PORT or smtps://HOST:PORT", o->name, from);
	else if (o->kind == OPT_EMAIL)
		snprintf(err, errlen, "%s (%s): expected an email address", o->name, from);
	else if (o->kind == OPT_DBURL)
		snprintf(err, errlen, "%s (%s): expected a connection string such as postgresql://user@host/dbname", o->name, from);
	else
		snprintf(err, errlen, "%s (%s): expected a file path", o->name, from);
}

enum err config_parse(struct config *c, int argc, char **argv, config_getenv_fn get, char *err,
		      size_t errlen)
{
	defaults(c);
	for (size_t i = 0; i < ARRAY_LEN(opts); i++) {
		const char *v = get ? get(opts[i].env) : NULL;
		if (v && apply(c, &opts[i], v)) {
			bad_value(&opts[i], opts[i].env, err, errlen);
			return ERR_INVALID;
		}
	}
	for (int k = 0; k < argc; k++) {
		const char *arg = argv[k];
		const char *eq = strchr(arg, '=');
		size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
		const struct opt *o = NULL;
		for (size_t i = 0; i < ARRAY_LEN(opts); i++)
			if (strlen(opts[i].name) == nlen && !strncmp(opts[i].name, arg, nlen))
				o = &opts[i];
		if (!o) {
			snprintf(err, errlen, "unknown option %.*s (see mathshubs --help)", (int)nlen, arg);
			return ERR_INVALID;
		}
		const char *v = eq ? eq + 1 : (k + 1 < argc ? argv[++k] : NULL);
		if (!v) {
			snprintf(err, errlen, "%s needs a value", o->name);
			return ERR_INVALID;
		}
		if (apply(c, o, v)) {
			bad_value(o, "command line", err, errlen);
			return ERR_INVALID;
		}
	}
	if (!c->base_url[0])
		snprintf(c->base_url, sizeof(c->base_url), "http://%s:%u", c->listen_addr,
			 c->listen_port);
	if (c->max_conns_ip > c->max_conns)
		c->max_conns_ip = c->max_conns;
	return ERR_OK;
}

void config_print_options(void)
{
	for (size_t i = 0; i < ARRAY_LEN(opts); i++)
		printf("  %-28s %s\n  %-28s   (environment: %s)\n", opts[i].name, opts[i].help, "",
		       opts[i].env);
}

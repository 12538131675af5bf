/*
 * main.c - the command line: serve, migrate, --help, --version.
 */
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/assets.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/embedded.h"
#include "core/log.h"
#include "core/util.h"
#include "core/workdays.h"
#include "db/copy.h"
#include "db/db.h"
#include "db/migrate.h"
#include "accounts/accounts.h"
#include "auth/guard.h"
#include "auth/perm.h"
#include "auth/sealed.h"
#include "http/server.h"
#include "jobs.h"
#include "mail/mail.h"
#include "cli.h"
#include "demo/demo.h"
#include "html/layout.h"
#include "routes.h"

#ifndef MATHSHUBS_VERSION
#define MATHSHUBS_VERSION "0.0.0"
#endif

static void usage(FILE *to)
{
	fprintf(to, "usage: mathshubs COMMAND [OPTIONS]\n\n"
		    "Runs the Maths Hubs Programme's service: hubs, national projects, and the\n"
		    "people who run them, as GOV.UK-style web pages and a JSON API.\n\n"
		    "commands:\n"
		    "  serve      migrate the database, then serve HTTP until SIGTERM or SIGINT\n"
		    "  migrate    bring the database schema up to date, then exit\n"
		    "  admin create --email E --name N\n"
		    "             add a national administrator; prints a one-time set-up link\n"
		    "  copy-db    --from sqlite:PATH --to postgresql://...: move an embedded\n"
		    "             deployment to a new, empty PostgreSQL database, and verify it\n"
		    "  routes [--json]\n             list every route: method, path pattern, who may use it, flags\n");
	cli_print_commands(to);
	fprintf(to, "\n  --help     show this help\n"
		    "  --version  show the version\n\n"
		    "options (each also from the environment variable shown):\n");
	if (to == stdout)
		config_print_options();
}

/* `mathshubs routes [--json]`: the route table, one route and method a
 * line, tab-separated: method, pattern, capability, flags (for operators
 * writing proxy rules); with --json, the same as an array of objects
 * {method, pattern, capability, flags: [...]} (for the role x route and
 * hostile-input tests, which read it). */
static int print_routes(int argc, char **argv)
{
	static const struct {
		unsigned bit;
		const char *name;
	} methods[] = {{RM_GET, "GET"}, {RM_POST, "POST"}, {RM_PUT, "PUT"}, {RM_PATCH, "PATCH"}, {RM_DELETE, "DELETE"}},
	  flags[] = {{RF_API, "api"}, {RF_DB_OPTIONAL, "db-optional"}, {RF_PASSWORD, "password-step"},
		     {RF_SECRET_PATH, "secret-path"}, {RF_REAUTH, "reauth"}, {RF_UPLOAD, "upload"},
		     {RF_REFUSED_RESHOWN, "refused-reshown"}};
	bool json = argc == 1 && !strcmp(argv[0], "--json");
	if (argc > 0 && !json) {
		fprintf(stderr, "mathshubs: routes takes only --json\n");
		return 2;
	}
	json_t *all = json_array();
	size_t n;
	const struct route *r = routes_table(&n);
	for (size_t i = 0; i < n; i++)
		for (size_t m = 0; m < ARRAY_LEN(methods); m++) {
			if (!(r[i].methods & methods[m].bit))
				continue;
			const char *cap = capability_name((enum capability)r[i].capability);
			json_t *fl = json_array();
			for (size_t f = 0; f < ARRAY_LEN(flags); f++)
				if (r[i].flags & flags[f].bit)
					json_array_append_new(fl, json_string(flags[f].name));
			if (json) {
				json_array_append_new(all, json_pack("{s:s, s:s, s:s, s:o}", "method", methods[m].name,
								     "pattern", r[i].pattern, "capability", cap, "flags", fl));
				continue;
			}
			printf("%s\t%s\t%s\t", methods[m].name, r[i].pattern, cap);
			for (size_t f = 0; f < json_array_size(fl); f++)
				printf("%s%s", f ? "," : "", json_string_value(json_array_get(fl, f)));
			printf("\n");
			json_decref(fl);
		}
	if (json) {
		json_dumpf(all, stdout, JSON_INDENT(1));
		printf("\n");
	}
	json_decref(all);
	return fflush(stdout) ? 1 : 0;
}

/* mathshubs copy-db --from sqlite:PATH --to URL */
static int copy_db(int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i], *eq = strchr(arg, '=');
		size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
		const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (nlen == 6 && !strncmp(arg, "--from", 6) && v)
			from = v;
		else if (nlen == 4 && !strncmp(arg, "--to", 4) && v)
			to = v;
		else {
			fprintf(stderr, "mathshubs: copy-db takes --from sqlite:PATH --to postgresql://...\n");
			return 2;
		}
	}
	if (!from || !to) {
		fprintf(stderr, "mathshubs: copy-db needs --from sqlite:PATH and --to postgresql://...\n");
		return 2;
	}
	if (str_starts(from, "sqlite:"))
		from += strlen("sqlite:");
	if (access(from, R_OK) != 0) {
		fprintf(stderr, "mathshubs: cannot read %s: %s\n", from, strerror(errno));
		return 1;
	}
	struct db *src = NULL, *dst = NULL;
	struct migration *list = NULL;
	size_t n = 0;
	char msg[512];
	int rc = 1;
	size_t nloads;
	const struct migration_load *loads = routes_migration_loads(&nloads);
	if (migrate_list(embedded_files, embedded_count, loads, nloads, &list, &n, msg,
			 sizeof(msg)) ||
	    db_open(DB_SQLITE, from, &src, msg, sizeof(msg)) ||
	    db_open(DB_POSTGRES, to, &dst, msg, sizeof(msg))) {
		fprintf(stderr, "mathshubs: %s\n", msg);
		goto out;
	}
	struct arena *a = arena_new();
	enum err e = db_copy(src, dst, list, n, a, stdout, msg, sizeof(msg));
	db_close(src);
	db_close(dst);
	src = dst = NULL;
	arena_free(a);
	if (e) {
		fprintf(stderr, "mathshubs: copy-db: %s\n", msg);
		goto out;
	}
	printf("copied and verified: every table matches\n");
	rc = 0;
out:
	db_close(src);
	db_close(dst);
	migrate_list_free(list);
	return rc;
}

static const char *env(const char *name)
{
	return getenv(name);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	routes_init(); /* every capability's routes, navigation and audit actions */
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		/* and the schema version it migrates to: its newest migration */
		size_t nloads, n = 0;
		const struct migration_load *loads = routes_migration_loads(&nloads);
		struct migration *list = NULL;
		char msg[256];
		if (migrate_list(embedded_files, embedded_count, loads, nloads, &list, &n, msg, sizeof(msg))) {
			fprintf(stderr, "mathshubs: %s\n", msg);
			return 1;
		}
		printf("mathshubs %s (database schema %d)\n", MATHSHUBS_VERSION, n ? list[n - 1].version : 0);
		migrate_list_free(list);
		return 0;
	}
	if (!strcmp(cmd, "copy-db"))
		return copy_db(argc - 2, argv + 2);
	if (!strcmp(cmd, "routes"))
		return print_routes(argc - 2, argv + 2);
	if (!strcmp(cmd, "admin")) {
		if (argc < 3 || strcmp(argv[2], "create")) {
			fprintf(stderr, "mathshubs: admin create --email E --name N [--db PATH | --postgres URL]\n");
			return 2;
		}
		/* database options first, then --email and --name for the command */
		int n = 3;
		struct config acfg;
		char aerr[256];
		char *opts[16];
		int nopts = 0;
		char *rest[8];
		int nrest = 0;
		for (; n < argc; n++) {
			if ((!strcmp(argv[n], "--email") || !strcmp(argv[n], "--name")) && n + 1 < argc && nrest < 7) {
				rest[nrest++] = argv[n];
				rest[nrest++] = argv[++n];
			} else if (nopts < 16) {
				opts[nopts++] = argv[n];
			}
		}
		if (config_parse(&acfg, nopts, opts, env, aerr, sizeof(aerr))) {
			fprintf(stderr, "mathshubs: %s\n", aerr);
			return 2;
		}
		int mrc = cli_migrate(&acfg, false);
		return mrc ? mrc : accounts_admin_create(&acfg, nrest, rest);
	}
	const struct command *mc = cli_command(cmd);
	if (mc)
		return mc->run(argc - 2, argv + 2);
	if (strcmp(cmd, "serve") && strcmp(cmd, "migrate")) {
		fprintf(stderr, "mathshubs: unknown command \"%s\" (see mathshubs --help)\n", cmd);
		return 2;
	}
	struct config cfg;
	char err[256];
	if (config_parse(&cfg, argc - 2, argv + 2, env, err, sizeof(err))) {
		fprintf(stderr, "mathshubs: %s\n", err);
		return 2;
	}
	if (!strcmp(cmd, "migrate"))
		return cli_migrate(&cfg, true);
	if (!london_init()) {
		fprintf(stderr, "mathshubs: the system has no Europe/London time zone (install tzdata)\n");
		return 1;
	}
	const char *now = getenv("MATHSHUBS_NOW");
	if (now && now[0]) {
		/* a fixed clock, for tests at shifted dates: never on a server others reach */
		int64_t t;
		bool loopback = !strcmp(cfg.listen_addr, "127.0.0.1") || !strcmp(cfg.listen_addr, "::1") ||
				!strcmp(cfg.listen_addr, "localhost");
		if (!loopback || !strncmp(cfg.base_url, "https:", 6)) {
			fprintf(stderr, "mathshubs: MATHSHUBS_NOW is for tests only: a server on %s (%s) keeps the real clock; unset it\n",
				cfg.listen_addr, cfg.base_url);
			return 2;
		}
		if (!clock_parse_now(now, &t)) {
			fprintf(stderr, "mathshubs: MATHSHUBS_NOW must be YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or Unix seconds\n");
			return 2;
		}
		clock_set(t);
		log_msg("warn", "the clock is fixed at %s by MATHSHUBS_NOW (tests only)", now);
	}
	if (cfg.secret_key_file[0] && sealed_load_key(cfg.secret_key_file, err, sizeof(err))) {
		fprintf(stderr, "mathshubs: %s\n", err);
		return 2;
	}
	if (!cfg.secret_key_file[0])
		log_msg("warn", "no --secret-key-file: authenticator secrets are stored unencrypted and online events' joining links are made without a key (fine for development only)");
	int rc = cli_migrate(&cfg, false);
	if (rc || (rc = accounts_reseal(&cfg)))
		return rc;
	/* a database of demo data says so on every page and answer */
	bool demo = false;
	if (demo_data_held(&cfg, &demo)) {
		fprintf(stderr, "mathshubs: cannot read whether the database holds demo data\n");
		return 1;
	}
	if (demo) {
		layout_set_notice("Demo data", demo_notice);
		server_add_header("Demo-Data", "true");
		log_msg("warn", "this database holds demo data (mathshubs demo-data): every page and answer says so");
	}
	assets_init();
	/* SIGTERM and SIGINT go to server_run's sigwait: block them before any
	 * thread starts (the mail thread too), or the default action could kill
	 * the process mid-request */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (mail_start(&cfg)) {
		fprintf(stderr, "mathshubs: cannot start mail delivery\n");
		return 1;
	}
	/* the modules' periodic jobs (module.h, struct job), once the server
	 * listens: their emails link to its base URL, port and all */
	server_on_listening(jobs_start);
	size_t nroutes;
	const struct route *routes = routes_table(&nroutes);
	rc = server_run(&cfg, routes, nroutes, auth_guard) == ERR_OK ? 0 : 1;
	jobs_stop();
	mail_stop();
	return rc;
}

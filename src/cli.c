/* cli.c - see cli.h. */
#include "cli.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/config.h"
#include "core/util.h"
#include "db/db.h"
#include "db/migrate.h"
#include "routes.h"

/* Creates the directory that will hold path, if missing (one level). */
static int ensure_parent_dir(const char *path)
{
	char tmp[512];
	snprintf(tmp, sizeof(tmp), "%s", path);
	char *dir = dirname(tmp);
	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		fprintf(stderr, "mathshubs: cannot create directory %s: %s\n", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* Opens and migrates; *db stays open when db is not NULL. */
static int open_migrated(const struct config *cfg, bool verbose, struct db **out)
{
	if (!cfg->database_url[0] && ensure_parent_dir(cfg->db_path))
		return 1;
	struct db *db;
	char msg[512];
	if (db_open_config(cfg, &db, msg, sizeof(msg))) {
		fprintf(stderr, "mathshubs: %s\n", msg);
		return 1;
	}
	int applied = 0, version = 0;
	msg[0] = 0;
	enum err e = routes_migrate(db, &applied, msg, sizeof(msg));
	if (!e)
		e = migrate_current(db, &version);
	if (e || !out)
		db_close(db);
	if (e) {
		fprintf(stderr, "mathshubs: %s\n", msg[0] ? msg : err_str(e));
		return e == ERR_SCHEMA_TOO_NEW ? 3 : 1;
	}
	if (verbose)
		printf("database %s: schema version %d (%d migration%s applied)\n", db_config_name(cfg),
		       version, applied, applied == 1 ? "" : "s");
	if (out)
		*out = db;
	return 0;
}

int cli_migrate(const struct config *cfg, bool verbose)
{
	return open_migrated(cfg, verbose, NULL);
}

static const char *env(const char *name)
{
	return getenv(name);
}

int cli_args(const char *cmd, int argc, char **argv, struct cli_opt *opts, size_t nopts,
	     const char **pos, size_t maxpos, size_t *npos, struct config *cfg)
{
	char **service = xmalloc(((size_t)argc + 1) * sizeof(*service));
	int nservice = 0;
	*npos = 0;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (strncmp(arg, "--", 2) != 0 || !arg[2]) {
			if (*npos == maxpos) {
				fprintf(stderr, "mathshubs: %s: unexpected argument \"%s\" (see mathshubs --help)\n", cmd, arg);
				free(service);
				return 2;
			}
			pos[(*npos)++] = arg;
			continue;
		}
		const char *eq = strchr(arg, '=');
		size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
		struct cli_opt *o = NULL;
		for (size_t k = 0; k < nopts; k++)
			if (strlen(opts[k].name) == nlen && !strncmp(opts[k].name, arg, nlen))
				o = &opts[k];
		if (!o) { /* the service's option, with its value */
			service[nservice++] = argv[i];
			if (!eq && i + 1 < argc)
				service[nservice++] = argv[++i];
			continue;
		}
		o->given = true;
		if (!o->value) {
			if (eq) {
				fprintf(stderr, "mathshubs: %s: %s takes no value\n", cmd, o->name);
				free(service);
				return 2;
			}
			continue;
		}
		o->arg = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
		if (!o->arg || !o->arg[0]) {
			fprintf(stderr, "mathshubs: %s: %s needs a value\n", cmd, o->name);
			free(service);
			return 2;
		}
	}
	char err[256];
	enum err e = config_parse(cfg, nservice, service, env, err, sizeof(err));
	free(service);
	if (e) {
		fprintf(stderr, "mathshubs: %s: %s\n", cmd, err);
		return 2;
	}
	return 0;
}

int cli_open(const char *cmd, int argc, char **argv, struct cli_opt *opts, size_t nopts,
	     const char **pos, size_t maxpos, size_t *npos, struct config *cfg, struct db **db)
{
	int rc = cli_args(cmd, argc, argv, opts, nopts, pos, maxpos, npos, cfg);
	return rc ? rc : open_migrated(cfg, false, db);
}

int cli_write(const char *cmd, int argc, char **argv, enum err (*write)(struct db *db, void *ctx), void *ctx)
{
	struct config cfg;
	struct db *db;
	const char *pos[1];
	size_t npos;
	int rc = cli_open(cmd, argc, argv, NULL, 0, pos, 0, &npos, &cfg, &db);
	if (rc)
		return rc;
	enum err e = db_transact(db, DB_WRITE, write, ctx);
	db_close(db);
	if (e)
		fprintf(stderr, "mathshubs: %s: %s\n", cmd, err_str(e));
	return e ? 1 : 0;
}

const struct command *cli_command(const char *name)
{
	size_t n;
	const struct command *c = routes_commands(&n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(c[i].name, name))
			return &c[i];
	return NULL;
}

void cli_print_commands(FILE *to)
{
	size_t n;
	const struct command *c = routes_commands(&n);
	for (size_t i = 0; i < n; i++)
		fprintf(to, "  %s %s\n             %s\n", c[i].name, c[i].synopsis, c[i].summary);
}

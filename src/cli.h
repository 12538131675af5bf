/*
 * cli.h - commands a capability adds to the command line
 * (`mathshubs import-gias FILE`), declared in its module (src/module.h),
 * and what they share: their options, the service's database options,
 * and a migrated database.
 */
#ifndef MH_CLI_H
#define MH_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/err.h"

struct config;
struct db;

/* A module's command. run gets the arguments after the command's name and
 * returns the process's exit status (0 done, 1 failed, 2 usage). */
struct command {
	const char *name;     /* "import-gias" */
	const char *synopsis; /* "FILE [--links FILE] [--skip-invalid]" */
	const char *summary;  /* one line of `mathshubs --help` */
	int (*run)(int argc, char **argv);
};

/* One of a command's own options: "--links" with a value (value = true),
 * or "--skip-invalid" alone. Filled in by cli_open. */
struct cli_opt {
	const char *name;
	bool value;
	bool given;
	const char *arg; /* the value, when given */
};

/* Reads a command's arguments: its own options (opts, also as
 * --name=value), at most maxpos positional arguments (into pos, *npos of
 * them), and the service's options (--db PATH, --postgres URL and the
 * environment, as for serve); then opens the database and brings its
 * schema up to date. Returns 0 with *db open (the caller closes it), or
 * prints a message naming cmd and returns the exit status. */
int cli_open(const char *cmd, int argc, char **argv, struct cli_opt *opts, size_t nopts,
	     const char **pos, size_t maxpos, size_t *npos, struct config *cfg, struct db **db);

/* A command of no arguments but the service's options that writes: opens
 * and migrates the database (cli_open), runs write in one DB_WRITE
 * transaction, closes it. Returns 0, or prints why not (naming cmd) and
 * returns the exit status. */
int cli_write(const char *cmd, int argc, char **argv, enum err (*write)(struct db *db, void *ctx), void *ctx);

/* cli_open without the database, for a command that needs none: reads the
 * command's options, its positional arguments and the service's options
 * into cfg (their defaults and the environment, as for serve). Returns 0,
 * or prints a message naming cmd and returns the exit status (2). */
int cli_args(const char *cmd, int argc, char **argv, struct cli_opt *opts, size_t nopts,
	     const char **pos, size_t maxpos, size_t *npos, struct config *cfg);

/* Opens the configured database, creating an SQLite file's directory, and
 * migrates it; with verbose, says which version it is at. Returns 0, or
 * prints why not and returns the exit status (3: the schema is newer than
 * this binary). */
int cli_migrate(const struct config *cfg, bool verbose);

/* The command named name of any module, or NULL. */
const struct command *cli_command(const char *name);

/* Every module's commands, for --help: "  name synopsis\n      summary". */
void cli_print_commands(FILE *to);

#endif

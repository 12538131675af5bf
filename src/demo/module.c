/* module.c - the demo capability as a module (src/module.h): the
 * `demo-data` command, which runs every module's part of the demo data
 * (demo.h), and the audit action it writes. Its table (migration 0012)
 * says a database holds demo data; main.c reads it at start. */
#include "demo/demo.h"
#include "demo/command.h"
#include "module.h"

static const struct audit_action audit_actions[] = {
	{"demo_data_made", "Demo data made"},
};

static const struct command commands[] = {
	{"demo-data", "--scale small|national [--seed N] [--schools FILE]",
	 "fill a new, empty database with demo data: real schools, made-up people and five years of what they do",
	 demo_data_command},
};

const struct module demo_module = {
	.name = "demo",
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(commands, commands),
};

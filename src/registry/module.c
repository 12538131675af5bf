/* module.c - the registry capability as a module (src/module.h). */
#include "registry/registry.h"
#include "auth/perm.h"
#include "module.h"
#include "registry/import.h"

static const struct audit_action audit_actions[] = {
	{"schools_imported", "Schools imported from GIAS"},
};

static const struct command commands[] = {
	{"import-gias", "FILE [--links LINKS_FILE] [--skip-invalid] [--rejects PATH]",
	 "schools from GIAS's establishments file and links file, all or nothing", registry_import_gias},
};

const struct module registry_module = {
	.name = "registry",
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(commands, commands),
};

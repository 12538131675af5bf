/* module.c - the registry capability as a module (src/module.h). */
#include "registry/registry.h"
#include "auth/perm.h"
#include "module.h"
#include "registry/import.h"
#include "registry/import_pages.h"

static const struct route routes[] = {
	{RM_GET, "/admin/schools/import", registry_import_page, 0, CAP_SCHOOLS_IMPORT},
	{RM_POST, "/admin/schools/import", registry_import_post, RF_UPLOAD, CAP_SCHOOLS_IMPORT},
	{RM_GET, "/admin/schools/import/{token}", registry_import_check, RF_SECRET_PATH, CAP_SCHOOLS_IMPORT},
	{RM_POST, "/admin/schools/import/{token}", registry_import_confirm, RF_SECRET_PATH, CAP_SCHOOLS_IMPORT},
};

static const struct nav_item nav[] = {
	{.text = "Import schools from GIAS", .href = "/admin/schools/import", .order = 140, .place = NAV_MANAGE,
	 .capability = CAP_SCHOOLS_IMPORT},
};

static const struct audit_action audit_actions[] = {
	{"schools_imported", "Schools imported from GIAS"},
};

static const struct command commands[] = {
	{"import-gias", "FILE [--links LINKS_FILE] [--skip-invalid] [--rejects PATH]",
	 "schools from GIAS's establishments file and links file, all or nothing", registry_import_gias},
};

const struct module registry_module = {
	.name = "registry",
	MODULE_LIST(routes, routes),
	MODULE_LIST(nav, nav),
	MODULE_LIST(audit_actions, audit_actions),
	MODULE_LIST(commands, commands),
};

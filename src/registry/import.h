/*
 * import.h - the registry's commands on the command line (cli.h).
 */
#ifndef MH_REGISTRY_IMPORT_H
#define MH_REGISTRY_IMPORT_H

/* `mathshubs import-gias FILE [--links LINKS_FILE] [--skip-invalid]
 * [--rejects PATH]` (import_cli.c): 0 imported, 1 failed (nothing
 * written), 2 usage. */
int registry_import_gias(int argc, char **argv);

#endif

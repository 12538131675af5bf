/* command.h - `mathshubs demo-data` (command.c). */
#ifndef MH_DEMO_COMMAND_H
#define MH_DEMO_COMMAND_H

/* `mathshubs demo-data --scale small|national [--seed N] [--schools FILE]`
 * and the database options: the exit status (0 made, 1 failed, 2 usage). */
int demo_data_command(int argc, char **argv);

/* The register of schools read when --schools is not given, relative to
 * the current directory (a checkout next to ../shared). */
#define DEMO_SCHOOLS_FILE "../shared/data/gias/DFE-Digital__register-trainee-teachers/schools.csv"

#endif

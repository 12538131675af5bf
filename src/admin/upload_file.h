/*
 * upload_file.h - a file of people as a national administrator or a hub's
 * leadership team has it: CSV from Excel, Google Sheets or by hand (UTF-8
 * with or without a byte-order mark, or Windows-1252; CR LF or LF; quoted
 * as Excel quotes; rows shorter or longer than the header), whose first row
 * names the columns in any case and spacing ("Email", "email address",
 * "SCHOOL URN"). Read into rows of the template's columns, each with its
 * line; what is wrong with the file as a whole is said as GOV.UK says it.
 * Pure: no I/O; what only the database can check is upload.c's.
 */
#ifndef MH_ADMIN_UPLOAD_FILE_H
#define MH_ADMIN_UPLOAD_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "auth/perm.h"

struct arena;

#define UPLOAD_MAX_ROWS 1000

/* The template's columns, in its order. */
enum upload_col { UC_NAME, UC_EMAIL, UC_URN, UC_JOB, UC_ROLE, UC_HUB, UC_COUNT };

/* Each column's heading in the template ("School URN"), and whether a file
 * must have it. */
extern const char *const upload_col_names[UC_COUNT];
extern const bool upload_col_required[UC_COUNT];

/* One row of people: its line in the file, its values (trimmed; "" when
 * empty or missing), and whether it has values beyond the header's
 * columns (a comma in an unquoted value, most often). */
struct upload_row {
	size_t line;
	const char *v[UC_COUNT];
	bool extra;
};

struct upload_file {
	struct upload_row *rows;
	size_t nrows;
	const char *problem; /* what is wrong with the whole file (the message for its field), or NULL */
};

/* Reads the len bytes of an uploaded file into f (in a). */
void upload_file_read(struct arena *a, const char *data, size_t len, struct upload_file *f);

/* The role a cell names: its key ("hub_manager"), its name ("Hub
 * manager"), or what people call it ("LLME", "MHL", "AMHL"), in any case
 * and spacing. False when it names none. */
bool upload_role(const char *cell, enum role *r);

#endif

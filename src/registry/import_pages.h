/*
 * import_pages.h - /admin/schools/import (import_pages.c, the handlers;
 * import_views.c, the pages from what they read): national administrators
 * upload GIAS's files, check what importing them would do, and confirm.
 */
#ifndef MH_REGISTRY_IMPORT_PAGES_H
#define MH_REGISTRY_IMPORT_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/token.h"
#include "html/govuk.h"
#include "http/request.h"
#include "registry/gias_import.h"
#include "registry/import_stage.h"

/* An upload kept for its confirmation lasts this long (and its result
 * page as long after the import). */
#define IMPORT_SECONDS 3600

struct import_file_view {
	const char *name, *kind, *encoding;
	const char *encoding_note; /* which lines are in which encoding, or "" */
	int64_t rows;
};

/* The rejected rows a page lists (every one is in its CSV download). */
#define IMPORT_REJECTED_SHOWN 20

struct import_rejected_view {
	const char *file, *urn, *name, *reason;
	int64_t line;
};

struct import_view {
	struct req *rq;
	/* the upload form, when sent back with a problem */
	struct govuk_error errors[2];
	size_t nerrors;
	/* an upload, as stored */
	bool gone;     /* none of that token in this session, or expired */
	bool imported; /* confirmed: result holds what it did */
	bool again;    /* the confirmation came a second time: nothing was done */
	bool stale;    /* the registry changed since the check: checked again, nothing imported */
	int64_t id;
	struct import_file_view files[2];
	size_t nfiles;
	struct import_outcome checked, result;
	struct import_rejected_view *rejected; /* the first IMPORT_REJECTED_SHOWN, long values cut */
	size_t nrejected;
	const char *rejected_json; /* every rejected row, as kept (school_imports.rejected) */
	char token[TOKEN_LEN + 1];
};

/* Handlers (module.c). */
enum err registry_import_page(struct req *rq, struct resp *rs);
enum err registry_import_post(struct req *rq, struct resp *rs);
enum err registry_import_check(struct req *rq, struct resp *rs);
enum err registry_import_confirm(struct req *rq, struct resp *rs);
enum err registry_import_rejected(struct req *rq, struct resp *rs); /* GET .../{token}/rejected.csv */

/* Pages (import_views.c): the upload form (errors in v, status set by the
 * caller), the check of an upload, and its result. */
void import_form_render(struct resp *rs, const struct import_view *v);
void import_check_render(struct resp *rs, const struct import_view *v);
void import_result_render(struct resp *rs, const struct import_view *v);

#endif

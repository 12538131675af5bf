/*
 * err.h - the error codes every module returns.
 *
 * Functions that can fail return 0 (ERR_OK) or a negative enum err.
 * Lookups are tri-state: ERR_OK (found), ERR_NOT_FOUND (none), other (error).
 * The HTTP layer maps each code to one status (see http/response.c).
 */
#ifndef MH_ERR_H
#define MH_ERR_H

enum err {
	ERR_OK = 0,
	ERR_NOT_FOUND = -1,      /* the thing asked for does not exist (404) */
	ERR_INVALID = -2,        /* the request is malformed or fails validation (400) */
	ERR_TOO_LARGE = -3,      /* request body over the limit (413) */
	ERR_DB = -4,             /* the database failed (500) */
	ERR_UNAVAILABLE = -5,    /* a dependency is down; try again later (503) */
	ERR_SYSTEM = -6,         /* an OS call failed (500) */
	ERR_CONFLICT = -7,       /* the write conflicts with current state (409) */
	ERR_SCHEMA_TOO_NEW = -8, /* the database was migrated by a newer binary */
	ERR_BUSY = -9,           /* serialization failure or deadlock: retry the transaction */
	ERR_RATE_LIMITED = -10,  /* too many requests from this address (429) */
};

/* A short English name for an error code, for logs. Never NULL. */
const char *err_str(enum err e);

#endif

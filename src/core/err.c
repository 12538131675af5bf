/* err.c - names of error codes, for logs. */
#include "core/err.h"

const char *err_str(enum err e)
{
	switch (e) {
	case ERR_OK: return "ok";
	case ERR_NOT_FOUND: return "not found";
	case ERR_INVALID: return "invalid input";
	case ERR_TOO_LARGE: return "too large";
	case ERR_DB: return "database error";
	case ERR_UNAVAILABLE: return "unavailable";
	case ERR_SYSTEM: return "system error";
	case ERR_CONFLICT: return "conflict";
	case ERR_BUSY: return "transaction conflict";
	case ERR_RATE_LIMITED: return "rate limited";
	case ERR_SCHEMA_TOO_NEW: return "database schema is newer than this binary";
	}
	return "unknown error";
}

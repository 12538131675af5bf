/*
 * surveys.h - the surveys capability (issue 14, docs/plans/surveys.md):
 * its module, and what a survey template is: its kind (the participants'
 * autumn and summer surveys, the LLME survey) and where it is (draft,
 * open, closed). The content is content.h's.
 */
#ifndef MH_SURVEYS_H
#define MH_SURVEYS_H

#include <stdbool.h>

#include "module.h"

extern const struct module surveys_module;

enum survey_kind { SURVEY_AUTUMN, SURVEY_SUMMER, SURVEY_LLME, SURVEY_KINDS };

/* "autumn", "summer", "llme"; "Autumn participant survey", ... */
const char *survey_kind_key(enum survey_kind k);
const char *survey_kind_name(enum survey_kind k);
bool survey_kind_from_key(const char *key, enum survey_kind *out);

/* A draft is edited freely; once open, its question keys, types, required
 * flags and numbers of options are fixed (answers are stored by them) and
 * nothing is added or removed, but wording may be corrected; closed, it is
 * read-only. Open never goes back to draft. */
enum survey_status { SURVEY_DRAFT, SURVEY_OPEN, SURVEY_CLOSED, SURVEY_STATUSES };

const char *survey_status_key(enum survey_status s);
const char *survey_status_name(enum survey_status s);   /* "Draft" */
const char *survey_status_colour(enum survey_status s); /* its tag's colour */
bool survey_status_from_key(const char *key, enum survey_status *out);

#endif

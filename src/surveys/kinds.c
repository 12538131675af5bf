/* kinds.c - survey templates' kinds and statuses (surveys.h). */
#include "surveys/surveys.h"

#include <string.h>

static const char *const kind_keys[SURVEY_KINDS] = {"autumn", "summer", "llme"};
static const char *const kind_names[SURVEY_KINDS] = {"Autumn participant survey", "Summer participant survey",
						     "LLME survey"};
static const char *const status_keys[SURVEY_STATUSES] = {"draft", "open", "closed"};
static const char *const status_names[SURVEY_STATUSES] = {"Draft", "Open", "Closed"};
static const char *const status_colours[SURVEY_STATUSES] = {"grey", "green", "blue"};

const char *survey_kind_key(enum survey_kind k)
{
	return k < SURVEY_KINDS ? kind_keys[k] : kind_keys[0];
}

const char *survey_kind_name(enum survey_kind k)
{
	return k < SURVEY_KINDS ? kind_names[k] : kind_names[0];
}

bool survey_kind_from_key(const char *key, enum survey_kind *out)
{
	for (int k = 0; key && k < SURVEY_KINDS; k++)
		if (!strcmp(key, kind_keys[k])) {
			*out = (enum survey_kind)k;
			return true;
		}
	return false;
}

const char *survey_status_key(enum survey_status s)
{
	return s < SURVEY_STATUSES ? status_keys[s] : status_keys[0];
}

const char *survey_status_name(enum survey_status s)
{
	return s < SURVEY_STATUSES ? status_names[s] : status_names[0];
}

const char *survey_status_colour(enum survey_status s)
{
	return s < SURVEY_STATUSES ? status_colours[s] : status_colours[0];
}

bool survey_status_from_key(const char *key, enum survey_status *out)
{
	for (int s = 0; key && s < SURVEY_STATUSES; s++)
		if (!strcmp(key, status_keys[s])) {
			*out = (enum survey_status)s;
			return true;
		}
	return false;
}

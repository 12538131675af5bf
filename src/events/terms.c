/* terms.c - the events' vocabularies (events.h). */
#include <string.h>

#include "events/events.h"

const struct events_term events_kinds[EVENTS_NKINDS] = {
	{"national_workshop", "National workshop"},
	{"residential", "Residential"},
	{"online_session", "Online session"},
	{"hub_event", "Hub event"},
};

const struct events_term events_formats[EVENTS_NFORMATS] = {
	{"face_to_face", "Face to face"},
	{"online", "Online"},
};

const struct events_term events_phases[EVENTS_NPHASES] = {
	{"Primary", "Primary"},
	{"Secondary", "Secondary"},
	{"Post-16", "Post-16"},
};

const char *events_term_name(const struct events_term *terms, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(terms[i].key, key))
			return terms[i].name;
	return key ? key : "";
}

/* journey_words.c - the teaching for mastery words of journey.h: database
 * keys, English labels and ranks. The rule itself is journey.c. */
#include "activities/journey.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

struct word {
	const char *key, *label;
};

static const struct word paths[] = {
	[TFM_PRIMARY] = {"primary", "Primary"},
	[TFM_SECONDARY] = {"secondary", "Secondary"},
};

/* DOMAIN.md "Teaching for mastery journey"; H:85, H:187-189 */
static const struct word stages[] = {
	[TFM_READINESS] = {"readiness", "Mastery Readiness"},
	[TFM_DEVELOPMENT] = {"development", "Development"},
	[TFM_EMBEDDING] = {"embedding", "Embedding"},
	[TFM_SUSTAINING] = {"sustaining", "Sustaining"},
	[TFM_EMBEDDING_YEAR_SUPPORT] = {"embedding_year_support", "Embedding Year Support"},
	[TFM_EMBEDDING_AND_SUSTAINING] = {"embedding_and_sustaining", "Embedding and Sustaining"},
};

static const struct word engagements[] = {
	[TFM_ENGAGEMENT_NONE] = {"none", "Not counted"},
	[TFM_CONTRIBUTES] = {"contributes", "Contributes"},
	[TFM_ENGAGED] = {"engaged", "Engaged"},
};

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))

static const struct word *word_at(const struct word *w, size_t n, int i)
{
	return i >= 0 && (size_t)i < n && w[i].key ? &w[i] : NULL;
}

/* The index of key in w (the empty slots skipped), or -1. */
static int word_find(const struct word *w, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (w[i].key && !strcmp(w[i].key, key))
			return (int)i;
	return -1;
}

const char *tfm_path_key(enum tfm_path p)
{
	const struct word *w = word_at(paths, COUNT(paths), (int)p);
	return w ? w->key : NULL;
}

const char *tfm_path_label(enum tfm_path p)
{
	const struct word *w = word_at(paths, COUNT(paths), (int)p);
	return w ? w->label : "";
}

bool tfm_path_from_key(const char *key, enum tfm_path *out)
{
	int i = !key || !key[0] ? TFM_PATH_NONE : word_find(paths, COUNT(paths), key);
	if (i < 0)
		return false;
	*out = (enum tfm_path)i;
	return true;
}

const char *tfm_stage_key(enum tfm_stage s)
{
	const struct word *w = word_at(stages, COUNT(stages), (int)s);
	return w ? w->key : NULL;
}

const char *tfm_stage_label(enum tfm_stage s)
{
	const struct word *w = word_at(stages, COUNT(stages), (int)s);
	return w ? w->label : "";
}

bool tfm_stage_from_key(const char *key, enum tfm_stage *out)
{
	int i = !key || !key[0] ? TFM_STAGE_NONE : word_find(stages, COUNT(stages), key);
	if (i < 0)
		return false;
	*out = (enum tfm_stage)i;
	return true;
}

/* Plan section 2.4: primary R 1, D 2, E 3, S 4; secondary D 1, EYS 2, E&S 3. */
int tfm_stage_rank(enum tfm_path p, enum tfm_stage s)
{
	static const enum tfm_stage primary[] = {TFM_READINESS, TFM_DEVELOPMENT, TFM_EMBEDDING, TFM_SUSTAINING};
	static const enum tfm_stage secondary[] = {TFM_DEVELOPMENT, TFM_EMBEDDING_YEAR_SUPPORT,
						   TFM_EMBEDDING_AND_SUSTAINING};
	const enum tfm_stage *order = p == TFM_PRIMARY ? primary : p == TFM_SECONDARY ? secondary : NULL;
	size_t n = p == TFM_PRIMARY ? COUNT(primary) : COUNT(secondary);
	for (size_t i = 0; order && s != TFM_STAGE_NONE && i < n; i++)
		if (order[i] == s)
			return (int)i + 1;
	return 0;
}

const char *tfm_engagement_key(enum tfm_engagement e)
{
	const struct word *w = word_at(engagements, COUNT(engagements), (int)e);
	return w ? w->key : NULL;
}

const char *tfm_engagement_label(enum tfm_engagement e)
{
	const struct word *w = word_at(engagements, COUNT(engagements), (int)e);
	return w ? w->label : "";
}

bool tfm_engagement_from_key(const char *key, enum tfm_engagement *out)
{
	int i = !key || !key[0] ? TFM_ENGAGEMENT_NONE : word_find(engagements, COUNT(engagements), key);
	if (i < 0)
		return false;
	*out = (enum tfm_engagement)i;
	return true;
}

bool tfm_special_type(const char *gias_type)
{
	for (const char *p = gias_type; p && *p; p++)
		if (!strncasecmp(p, "special", 7))
			return true;
	return false;
}

unsigned journey_phase_bit(const char *phase)
{
	if (!phase)
		return 0;
	if (!strcmp(phase, "Primary"))
		return JOURNEY_PHASE_PRIMARY;
	if (!strcmp(phase, "Secondary"))
		return JOURNEY_PHASE_SECONDARY;
	if (!strcmp(phase, "Post-16"))
		return JOURNEY_PHASE_POST16;
	return 0;
}

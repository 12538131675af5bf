/*
 * rules.c - the HAPPI form's pure rules (happi.h): outcomes an NCP must
 * state, the workflow, and which parts are open at each step.
 */
#include <string.h>

#include "happi/happi.h"

static const struct {
	const char *key, *name;
	int lens;
} outcome_kinds[HAPPI_OUTCOME_KINDS] = {
	[HAPPI_PUPILS] = {"pupils", "Outcomes for pupils", 1},
	[HAPPI_SCHOOLS] = {"schools", "Outcomes for schools or departments", 1},
	[HAPPI_PRACTICE] = {"practice", "Outcomes for professional practice", 2},
};

const char *happi_outcome_key(enum happi_outcome_kind k)
{
	return k < HAPPI_OUTCOME_KINDS ? outcome_kinds[k].key : "";
}

const char *happi_outcome_name(enum happi_outcome_kind k)
{
	return k < HAPPI_OUTCOME_KINDS ? outcome_kinds[k].name : "";
}

int happi_outcome_lens(enum happi_outcome_kind k)
{
	return k < HAPPI_OUTCOME_KINDS ? outcome_kinds[k].lens : 0;
}

bool happi_outcome_from_key(const char *key, enum happi_outcome_kind *out)
{
	for (int k = 0; key && k < HAPPI_OUTCOME_KINDS; k++)
		if (!strcmp(key, outcome_kinds[k].key)) {
			*out = (enum happi_outcome_kind)k;
			return true;
		}
	return false;
}

static bool kind_is(const struct happi_ncp *ncp, const char *kind)
{
	return ncp->kind && !strcmp(ncp->kind, kind);
}

bool happi_outcome_required(const struct happi_ncp *ncp, enum happi_outcome_kind k)
{
	bool work_group = kind_is(ncp, "Work Group");
	bool programme = kind_is(ncp, "Programme");
	switch (k) {
	case HAPPI_PUPILS: /* all Work Groups and SKTM programmes */
		return work_group || (programme && ncp->sktm);
	case HAPPI_SCHOOLS: /* Work Groups, communities, LLME professional development programmes */
		return work_group || kind_is(ncp, "Community") || (programme && ncp->develops_llmes);
	case HAPPI_PRACTICE: /* every project */
		return true;
	default:
		return false;
	}
}

size_t happi_outcome_gaps(const struct happi_ncp *ncp, const size_t count[HAPPI_OUTCOME_KINDS],
			  enum happi_outcome_kind missing[HAPPI_OUTCOME_KINDS])
{
	size_t n = 0;
	for (int k = 0; k < HAPPI_OUTCOME_KINDS; k++)
		if (happi_outcome_required(ncp, (enum happi_outcome_kind)k) && !count[k])
			missing[n++] = (enum happi_outcome_kind)k;
	return n;
}

/* Which rule of the handbook makes the NCP state outcomes of kind k. */
enum because { BY_WORK_GROUP, BY_SKTM, BY_COMMUNITY, BY_LLME_PROGRAMME, BY_EVERY_PROJECT, BY_COUNT };

static enum because because_of(const struct happi_ncp *ncp, enum happi_outcome_kind k)
{
	if (kind_is(ncp, "Work Group"))
		return BY_WORK_GROUP;
	if (k == HAPPI_PUPILS)
		return BY_SKTM;
	if (k == HAPPI_SCHOOLS)
		return kind_is(ncp, "Community") ? BY_COMMUNITY : BY_LLME_PROGRAMME;
	return BY_EVERY_PROJECT;
}

static const char *const gap_messages[BY_COUNT][HAPPI_OUTCOME_KINDS] = {
	[BY_WORK_GROUP] = {"A Work Group must state at least one outcome for pupils",
			   "A Work Group must state at least one outcome for schools or departments",
			   "A Work Group must state at least one outcome for professional practice"},
	[BY_SKTM] = {[HAPPI_PUPILS] = "A Specialist Knowledge for Teaching Mathematics programme must state at least "
				      "one outcome for pupils"},
	[BY_COMMUNITY] = {[HAPPI_SCHOOLS] = "A community must state at least one outcome for schools or departments"},
	[BY_LLME_PROGRAMME] = {[HAPPI_SCHOOLS] = "An LLME professional development programme must state at least one "
						 "outcome for schools or departments"},
	[BY_EVERY_PROJECT] = {[HAPPI_PRACTICE] = "Every project must state at least one outcome for professional "
						 "practice"},
};

const char *happi_gap_message(const struct happi_ncp *ncp, enum happi_outcome_kind k)
{
	if (k >= HAPPI_OUTCOME_KINDS || !happi_outcome_required(ncp, k))
		return NULL;
	return gap_messages[because_of(ncp, k)][k];
}

static const struct {
	const char *key, *name;
} statuses[HAPPI_STATUSES] = {
	[HAPPI_DRAFT] = {"draft", "Draft"},
	[HAPPI_PLANNING_SUBMITTED] = {"planning_submitted", "Planning submitted"},
	[HAPPI_PLANNING_RETURNED] = {"planning_returned", "Planning returned"},
	[HAPPI_PLANNING_AGREED] = {"planning_agreed", "Planning agreed"},
	[HAPPI_FINAL_SUBMITTED] = {"final_submitted", "Final form submitted"},
	[HAPPI_FINAL_RETURNED] = {"final_returned", "Final form returned"},
	[HAPPI_REVIEWED] = {"reviewed", "Reviewed"},
};

static const char *const action_keys[HAPPI_ACTIONS] = {
	[HAPPI_SAVE] = "save", [HAPPI_SUBMIT_PLANNING] = "submit_planning", [HAPPI_RETURN] = "return",
	[HAPPI_AGREE] = "agree", [HAPPI_SUBMIT_FINAL] = "submit_final", [HAPPI_REVIEW] = "review",
};

const char *happi_status_colour(enum happi_status s)
{
	static const char *const colours[HAPPI_STATUSES] = {
		[HAPPI_DRAFT] = "grey", [HAPPI_PLANNING_SUBMITTED] = "blue", [HAPPI_PLANNING_RETURNED] = "orange",
		[HAPPI_PLANNING_AGREED] = "green", [HAPPI_FINAL_SUBMITTED] = "blue", [HAPPI_FINAL_RETURNED] = "orange",
		[HAPPI_REVIEWED] = "green",
	};
	return s < HAPPI_STATUSES ? colours[s] : "grey";
}

const char *happi_status_key(enum happi_status s)
{
	return s < HAPPI_STATUSES ? statuses[s].key : "";
}

const char *happi_status_name(enum happi_status s)
{
	return s < HAPPI_STATUSES ? statuses[s].name : "";
}

bool happi_status_from_key(const char *key, enum happi_status *out)
{
	for (int s = 0; key && s < HAPPI_STATUSES; s++)
		if (!strcmp(key, statuses[s].key)) {
			*out = (enum happi_status)s;
			return true;
		}
	return false;
}

const char *happi_action_key(enum happi_action a)
{
	return a < HAPPI_ACTIONS ? action_keys[a] : "";
}

bool happi_action_from_key(const char *key, enum happi_action *out)
{
	for (int a = 0; key && a < HAPPI_ACTIONS; a++)
		if (!strcmp(key, action_keys[a])) {
			*out = (enum happi_action)a;
			return true;
		}
	return false;
}

static const char *const part_keys[HAPPI_PARTS] = {"planning", "progress", "impact"};
static const char *const action_paths[HAPPI_ACTIONS] = {
	[HAPPI_SAVE] = "save", [HAPPI_SUBMIT_PLANNING] = "submit-planning", [HAPPI_RETURN] = "return",
	[HAPPI_AGREE] = "agree", [HAPPI_SUBMIT_FINAL] = "submit-final", [HAPPI_REVIEW] = "review",
};

const char *happi_part_key(enum happi_part p)
{
	return p < HAPPI_PARTS ? part_keys[p] : "";
}

bool happi_part_from_key(const char *key, enum happi_part *out)
{
	for (int p = 0; key && p < HAPPI_PARTS; p++)
		if (!strcmp(key, part_keys[p])) {
			*out = (enum happi_part)p;
			return true;
		}
	return false;
}

const char *happi_action_path(enum happi_action a)
{
	return a < HAPPI_ACTIONS ? action_paths[a] : "";
}

bool happi_action_from_path(const char *path, enum happi_action *out)
{
	for (int a = 0; path && a < HAPPI_ACTIONS; a++)
		if (!strcmp(path, action_paths[a])) {
			*out = (enum happi_action)a;
			return true;
		}
	return false;
}

const char *happi_overdue(bool started, enum happi_status s, const char *today, const char *planning_due,
			  const char *final_due)
{
	if (!started)
		s = HAPPI_DRAFT;
	if (final_due && strcmp(today, final_due) > 0 && s != HAPPI_FINAL_SUBMITTED && s != HAPPI_REVIEWED)
		return "Final form overdue";
	if (planning_due && strcmp(today, planning_due) > 0 && (s == HAPPI_DRAFT || s == HAPPI_PLANNING_RETURNED))
		return "Planning overdue";
	return NULL;
}

enum happi_reminder happi_reminder_due(bool started, enum happi_status s, const char *submitted_on, const char *soon,
				       const char *week_ago, const char *planning_due, const char *final_due)
{
	if (!started)
		s = HAPPI_DRAFT;
	switch (s) {
	case HAPPI_DRAFT:
	case HAPPI_PLANNING_RETURNED:
		return planning_due && strcmp(soon, planning_due) >= 0 ? HAPPI_REMIND_PLANNING : HAPPI_REMIND_NONE;
	case HAPPI_PLANNING_AGREED:
	case HAPPI_FINAL_RETURNED:
		return final_due && strcmp(soon, final_due) >= 0 ? HAPPI_REMIND_FINAL : HAPPI_REMIND_NONE;
	case HAPPI_PLANNING_SUBMITTED:
	case HAPPI_FINAL_SUBMITTED:
		return submitted_on && strcmp(submitted_on, week_ago) <= 0 ? HAPPI_REMIND_WAITING : HAPPI_REMIND_NONE;
	default:
		return HAPPI_REMIND_NONE;
	}
}

static const struct {
	const char *key, *words;
} reminders[] = {[HAPPI_REMIND_PLANNING] = {"planning", "the planning, to its leads"},
		 [HAPPI_REMIND_FINAL] = {"final", "the final form, to its leads"},
		 [HAPPI_REMIND_WAITING] = {"waiting", "a submission waiting, to the MHLM link"}};

const char *happi_reminder_key(enum happi_reminder r)
{
	return r > HAPPI_REMIND_NONE && r <= HAPPI_REMIND_WAITING ? reminders[r].key : NULL;
}

const char *happi_reminder_words(const char *key)
{
	for (int r = HAPPI_REMIND_PLANNING; r <= HAPPI_REMIND_WAITING; r++)
		if (key && !strcmp(key, reminders[r].key))
			return reminders[r].words;
	return "";
}

bool happi_part_open(enum happi_status s, enum happi_part p)
{
	switch (p) {
	case HAPPI_PLANNING:
		return s == HAPPI_DRAFT || s == HAPPI_PLANNING_RETURNED;
	case HAPPI_PROGRESS:
	case HAPPI_IMPACT:
		return s == HAPPI_PLANNING_AGREED || s == HAPPI_FINAL_RETURNED;
	default:
		return false;
	}
}

/* The one move each action makes: from one of two statuses to one. */
static const struct move {
	enum happi_status from[2];
	size_t nfrom;
	enum happi_status to;
	bool by_writer; /* else by a reviewer, never the submitter */
	const char *not_now; /* the reason when the form is elsewhere */
} moves[HAPPI_ACTIONS] = {
	[HAPPI_SUBMIT_PLANNING] = {{HAPPI_DRAFT, HAPPI_PLANNING_RETURNED}, 2, HAPPI_PLANNING_SUBMITTED, true,
				   "The planning can be submitted only while it is a draft or has been returned"},
	[HAPPI_AGREE] = {{HAPPI_PLANNING_SUBMITTED}, 1, HAPPI_PLANNING_AGREED, false,
			 "The planning can be agreed only once it has been submitted"},
	[HAPPI_SUBMIT_FINAL] = {{HAPPI_PLANNING_AGREED, HAPPI_FINAL_RETURNED}, 2, HAPPI_FINAL_SUBMITTED, true,
				"The final form can be submitted only once the planning has been agreed"},
	[HAPPI_REVIEW] = {{HAPPI_FINAL_SUBMITTED}, 1, HAPPI_REVIEWED, false,
			  "The form can be reviewed only once the final form has been submitted"},
};

const char *happi_step(enum happi_status from, enum happi_action action, const struct happi_actor *actor,
		       bool comment_given, enum happi_status *to)
{
	*to = from;
	if (from >= HAPPI_STATUSES || action >= HAPPI_ACTIONS)
		return "That is not something that can be done to a HAPPI form";
	switch (action) {
	case HAPPI_SAVE:
		if (!actor->writer)
			return "Only the activity's leads and its hub's leadership can write its HAPPI form";
		if (from == HAPPI_REVIEWED)
			return "The form has been reviewed: it can no longer be changed";
		if (from == HAPPI_PLANNING_SUBMITTED)
			return "The planning has been submitted: wait for your link to agree it or return it";
		if (from == HAPPI_FINAL_SUBMITTED)
			return "The final form has been submitted: wait for your link to review it or return it";
		return NULL;
	case HAPPI_RETURN:
		if (!actor->reviewer)
			return "Only the activity's MHLM link, its hub's leadership or the national team can return a form";
		if (actor->submitted_it)
			return "You submitted this form: someone else must return it";
		if (from != HAPPI_PLANNING_SUBMITTED && from != HAPPI_FINAL_SUBMITTED)
			return "A form can be returned only once it has been submitted";
		if (!comment_given)
			return "Enter comments saying what should change";
		*to = from == HAPPI_PLANNING_SUBMITTED ? HAPPI_PLANNING_RETURNED : HAPPI_FINAL_RETURNED;
		return NULL;
	default:
		break;
	}
	const struct move *m = &moves[action];
	if (m->by_writer && !actor->writer)
		return "Only the activity's leads and its hub's leadership can submit its HAPPI form";
	if (!m->by_writer && !actor->reviewer)
		return "Only the activity's MHLM link, its hub's leadership or the national team can do this";
	if (!m->by_writer && actor->submitted_it)
		return "You submitted this form: someone else must agree or review it";
	for (size_t i = 0; i < m->nfrom; i++)
		if (m->from[i] == from) {
			*to = m->to;
			return NULL;
		}
	return m->not_now;
}

/*
 * happi.h - the HAPPI form's rules (Hub Activity Plan, Progress and
 * Impact): which expected outcomes an NCP must state, the form's workflow
 * and who may move it, and which parts may be written at each step.
 *
 * Pure (no I/O), unit-tested in tests/unit/test_happi_rules.c. The
 * handbook's words are the source: "All Work Groups and SKTM programmes
 * should include expected outcomes for pupils, and all Work Groups,
 * professional learning communities and LLME professional development
 * programmes should include expected outcomes for schools or departments.
 * All our projects should include expected outcomes for professional
 * practice." (2024/25 handbook, "NCP evaluation - role of LLMEs").
 */
#ifndef MH_HAPPI_H
#define MH_HAPPI_H

#include <stdbool.h>
#include <stddef.h>

/* The three kinds of expected outcome, in the handbook's order. */
enum happi_outcome_kind { HAPPI_PUPILS, HAPPI_SCHOOLS, HAPPI_PRACTICE, HAPPI_OUTCOME_KINDS };

/* The database key ("pupils", "schools", "practice") and the words a
 * person reads ("Outcomes for pupils", ...); the lens of the handbook's
 * two that reads it (1: mathematics for pupils, schools and departments;
 * 2: professional learning and practice). */
const char *happi_outcome_key(enum happi_outcome_kind k);
const char *happi_outcome_name(enum happi_outcome_kind k);
int happi_outcome_lens(enum happi_outcome_kind k);
bool happi_outcome_from_key(const char *key, enum happi_outcome_kind *out);

/* What the rules need to know of an NCP: its kind ("Work Group",
 * "Programme", "Community", "Targeted Support"), whether it is a
 * Specialist Knowledge for Teaching Mathematics programme, and whether it
 * develops LLMEs (an LLME professional development programme). */
struct happi_ncp {
	const char *kind;
	bool sktm;
	bool develops_llmes;
};

/* Whether the NCP must state outcomes of kind k. */
bool happi_outcome_required(const struct happi_ncp *ncp, enum happi_outcome_kind k);

/* The kinds the NCP must state and has none of (count[k] outcomes of
 * kind k defined), into missing (room for HAPPI_OUTCOME_KINDS); their
 * number. Each is an error the national team sees when defining them. */
size_t happi_outcome_gaps(const struct happi_ncp *ncp, const size_t count[HAPPI_OUTCOME_KINDS],
			  enum happi_outcome_kind missing[HAPPI_OUTCOME_KINDS]);

/* The error message for a missing kind, naming why the NCP needs it:
 * "A Work Group must state at least one outcome for pupils". */
const char *happi_gap_message(const struct happi_ncp *ncp, enum happi_outcome_kind k);

/* Where a form is. */
enum happi_status {
	HAPPI_DRAFT,
	HAPPI_PLANNING_SUBMITTED,
	HAPPI_PLANNING_RETURNED,
	HAPPI_PLANNING_AGREED,
	HAPPI_FINAL_SUBMITTED,
	HAPPI_FINAL_RETURNED,
	HAPPI_REVIEWED,
	HAPPI_STATUSES
};

/* What a person does to it. */
enum happi_action {
	HAPPI_SAVE,            /* save what is typed (a new version; the status stays) */
	HAPPI_SUBMIT_PLANNING, /* the LLME submits the planning section to the link */
	HAPPI_RETURN,          /* the link returns a submission with comments */
	HAPPI_AGREE,           /* the link agrees the planning */
	HAPPI_SUBMIT_FINAL,    /* the LLME submits the form at the end of the year */
	HAPPI_REVIEW,          /* the link reviews the final form */
	HAPPI_ACTIONS
};

const char *happi_status_key(enum happi_status s);
const char *happi_status_colour(enum happi_status s); /* its tag's colour: "grey", "blue", ... */
const char *happi_status_name(enum happi_status s); /* "Planning submitted" */
bool happi_status_from_key(const char *key, enum happi_status *out);
const char *happi_action_key(enum happi_action a);
bool happi_action_from_key(const char *key, enum happi_action *out);

/* Who is acting: a writer (a lead of the activity, or hub leadership
 * writing for them), a reviewer (the activity's MHLM link, hub leadership
 * or the national team), and whether they made the submission being
 * reviewed (nobody agrees or reviews their own). */
struct happi_actor {
	bool writer;
	bool reviewer;
	bool submitted_it;
};

/* The form's parts, which may be written only at some steps. */
enum happi_part { HAPPI_PLANNING, HAPPI_PROGRESS, HAPPI_IMPACT, HAPPI_PARTS };

/* "planning", "progress", "impact": its page's path (/happi/planning); and back. */
const char *happi_part_key(enum happi_part p);
bool happi_part_from_key(const char *key, enum happi_part *out);
/* The path of an action's POST (/happi/submit-planning, /happi/return, ...). */
const char *happi_action_path(enum happi_action a);
bool happi_action_from_path(const char *path, enum happi_action *out);

/* Whether part p may be written in status s (planning: until it is
 * agreed; progress: once it is agreed, until the final form is
 * submitted; impact: likewise, and again when the final form is
 * returned). */
bool happi_part_open(enum happi_status s, enum happi_part p);

/* Whether actor may do action on a form in status from; if so *to is the
 * status after it (ERR-free: NULL), else the reason as the person should
 * read it ("The planning has been submitted: wait for your link to agree
 * or return it"). A return needs a comment: comment_given. */
const char *happi_step(enum happi_status from, enum happi_action action, const struct happi_actor *actor,
		       bool comment_given, enum happi_status *to);

/* Whether a form is late on day today ("YYYY-MM-DD") against the year's
 * due dates (NULL: none set): its planning not submitted by planning_due,
 * or its final form not submitted by final_due. started false: no form
 * yet. The words for it ("Planning overdue"), or NULL when it is not. */
const char *happi_overdue(bool started, enum happi_status s, const char *today, const char *planning_due,
			  const char *final_due);

/* The reminders (remind.c): what a form is to be reminded about, if
 * anything, by the rule alone (at most one a week per form is the
 * caller's: happi_reminders). Days are "YYYY-MM-DD" (London):
 *   - planning: not submitted (no form yet, a draft, or returned), and
 *     planning_due is at most a fortnight away (soon: today + 14) or past;
 *   - final: the planning agreed or the final form returned, and final_due
 *     is at most a fortnight away or past; both to the activity's leads;
 *   - waiting: a submission has waited a week or more (submitted_on, its
 *     day, on or before week_ago: today - 7) for the MHLM link.
 * Due dates NULL: none set for the year, so no planning or final reminder. */
enum happi_reminder { HAPPI_REMIND_NONE, HAPPI_REMIND_PLANNING, HAPPI_REMIND_FINAL, HAPPI_REMIND_WAITING };
enum happi_reminder happi_reminder_due(bool started, enum happi_status s, const char *submitted_on, const char *soon,
				       const char *week_ago, const char *planning_due, const char *final_due);
/* "planning", "final", "waiting" (happi_reminders.kind); NULL for none. */
const char *happi_reminder_key(enum happi_reminder r);
/* What a reminder of kind key (happi_reminders.kind) was about and to whom:
 * "the planning, to its leads"; "" for a key not known. */
const char *happi_reminder_words(const char *key);

/* The capability's module (module.c), for routes.c. */
struct module;
extern const struct module happi_module;

#endif

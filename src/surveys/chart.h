/*
 * chart.h - a question's answers as a chart people can read at a glance
 * and a table screen readers (and anyone checking a number) can read: a
 * horizontal bar per option drawn as SVG on the server (no script; it
 * prints and zooms), each bar's count and share written beside it, and the
 * same numbers in a table below it.
 *
 * The small-group rule is applied here: a question fewer than
 * SURVEY_MIN_GROUP people answered shows no breakdown, so no view that
 * draws its charts with survey_chart can show one. Pure (writes HTML);
 * unit-tested in tests/unit/test_survey_chart.c.
 */
#ifndef MH_SURVEYS_CHART_H
#define MH_SURVEYS_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct html;

/* Whether the reader of a group can open a wider one that counts the
 * answers left out of it (survey_wider_of, results.h). */
enum survey_wider {
	WIDER_SEEN,     /* yes: "wider results count them" */
	WIDER_HUB,      /* an LLME: their hub's leadership sees them */
	WIDER_NATIONAL, /* a hub's leadership or Project Lead, reading all they reach: the national team sees them */
};

struct survey_bar {
	const char *label; /* the option, as people read it */
	int64_t n;         /* people who chose it */
};

struct survey_chart {
	const char *id;      /* unique in the page: names the chart for the SVG and the table */
	const char *caption; /* the question */
	const struct survey_bar *bars;
	size_t n;
	int64_t answered; /* people who answered: each bar's share is of them (a multiple-choice
			     question's bars may add up to more) */
	int64_t left_out; /* answers not counted here (rules.h, blocks) */
	bool several;     /* a multiple-choice question: said beside the chart, as its shares add up
			     to more than 100% */
	enum survey_wider wider; /* what the reader is told of them */
};

/* Why a question's answers in a group are not all shown, answered of them
 * shown and left_out not counted (NULL when none is left out): when the
 * group's own count (answered + left_out) is under SURVEY_MIN_GROUP, that
 * it is too few (survey_too_few_words); otherwise that left_out answers
 * are kept out to protect a small group, as wider tells the reader
 * (WIDER_SEEN: wider results count them; an LLME, WIDER_HUB: counted with
 * their hub's other activities, which their hub's leadership sees; a hub's
 * leadership or Project Lead reading the whole of their reach,
 * WIDER_NATIONAL). */
const char *survey_left_out_words(struct arena *a, int64_t answered, int64_t left_out, enum survey_wider wider);
/* n of noun ("answer", "pair") not counted here, as the reader is told of
 * them (survey_wider): in the hub's report ("results", "paired change"),
 * which the national team's counts ("results count", "paired change
 * counts"). */
const char *survey_not_counted_words(struct arena *a, int64_t n, enum survey_wider wider, const char *noun,
				     const char *report, const char *counts);

/* "4 people answered: fewer than 5, so the answers are not shown, to keep
 * them anonymous." */
const char *survey_too_few_words(struct arena *a, int64_t n);

/* The chart of c, with its table; or, with fewer than SURVEY_MIN_GROUP
 * answers, the caption and a sentence saying why no breakdown is shown
 * (and, with answers left out, survey_left_out_words). */
void survey_chart(struct html *w, struct arena *a, const struct survey_chart *c);

/* n of answered as a whole percentage, rounded half up ("0%" of none): a
 * share of answers. A completion rate is rounded down instead
 * (percent_progress_text, core/percent.h). */
const char *survey_share(struct arena *a, int64_t n, int64_t answered);

#endif

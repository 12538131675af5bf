/*
 * hub_filter.c - narrowing a hub's HAPPI list (lists.h): a hub lead with 30
 * activities finds those of one NCP, at one status, or late. The rows are
 * the hub's for one year (a few hundred at most), read whole in the list's
 * one transaction and narrowed here, so the counts above the table stay
 * the year's and the downloads narrow the same way.
 */
#include <stdlib.h>
#include <string.h>

#include "catalogue/ncp_file.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/workdays.h"
#include "happi/happi.h"
#include "happi/lists.h"
#include "html/govuk.h"
#include "html/html.h"
#include "http/request.h"

#define NOT_STARTED "not-started"

bool happi_hub_filter_asked(const struct req *rq, struct happi_hub_filter *f)
{
	*f = (struct happi_hub_filter){.status = -1};
	const char *ncp = req_query(rq, "ncp"), *status = req_query(rq, "status"), *late = req_query(rq, "late");
	if (ncp && *ncp) {
		if (!ncp_code_like(ncp))
			return false;
		f->ncp = ncp;
	}
	if (status && *status) {
		enum happi_status s;
		if (!strcmp(status, NOT_STARTED))
			f->status = HAPPI_STATUSES;
		else if (happi_status_from_key(status, &s))
			f->status = (int)s;
		else
			return false;
	}
	if (late && *late) {
		if (strcmp(late, "1"))
			return false;
		f->late = true;
	}
	return true;
}

static int by_text(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static bool kept(const struct happi_hub_filter *f, const struct happi_row *r)
{
	if (f->ncp && (!strcmp(f->ncp, "local") ? r->ncp != NULL : !r->ncp || strcmp(r->ncp, f->ncp)))
		return false;
	if (f->status >= 0 && (r->started ? (int)r->status : HAPPI_STATUSES) != f->status)
		return false;
	return !f->late || r->late;
}

void happi_hub_filter_apply(struct happi_hub_list *l)
{
	struct arena *a = l->rq->arena;
	char today[11];
	london_from_unix(clock_now(), today, NULL);
	l->total = l->n;
	l->ncps = arena_alloc(a, (l->n + 1) * sizeof(*l->ncps));
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct happi_row *r = &l->rows[i];
		r->late = happi_overdue(r->started, r->status, today, l->due.planning, l->due.final);
		l->late += r->late != NULL;
		l->at[r->started ? r->status : HAPPI_STATUSES]++;
		if (!r->ncp)
			l->any_local = true;
		else if (!bsearch(&r->ncp, l->ncps, l->nncps, sizeof(*l->ncps), by_text)) {
			l->ncps[l->nncps++] = r->ncp;
			qsort(l->ncps, l->nncps, sizeof(*l->ncps), by_text);
		}
		if (kept(&l->f, r))
			l->rows[n++] = *r;
	}
	l->n = n;
}

const char *happi_hub_filter_query(struct arena *a, const struct happi_hub_filter *f)
{
	const char *q = "";
	if (f->ncp)
		q = arena_printf(a, "&ncp=%s", f->ncp); /* code_like: nothing to escape */
	if (f->status >= 0)
		q = arena_printf(a, "%s&status=%s", q,
				 f->status == HAPPI_STATUSES ? NOT_STARTED : happi_status_key((enum happi_status)f->status));
	return f->late ? arena_printf(a, "%s&late=1", q) : q;
}

void happi_hub_filter_form(struct html *w, const struct happi_hub_list *l, const char *base)
{
	struct arena *a = l->rq->arena;
	const struct happi_hub_filter *f = &l->f;
	H_RAW(w, "<form method=\"get\" novalidate class=\"mh-filter\"");
	H_ATTR(w, "action", base);
	H_RAW(w, "><input type=\"hidden\" name=\"year\"");
	H_ATTR(w, "value", arena_printf(a, "%d", l->year));
	H_RAW(w, "><div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-third\">");
	/* the NCPs of the year's rows, local ones, and the one asked for (it may have none) */
	struct govuk_option *o = arena_alloc(a, (l->nncps + 3) * sizeof(*o));
	size_t n = 0;
	o[n++] = (struct govuk_option){"", "Any NCP"};
	bool asked_listed = !f->ncp || !strcmp(f->ncp, "local");
	for (size_t i = 0; i < l->nncps; i++) {
		o[n++] = (struct govuk_option){l->ncps[i], l->ncps[i]};
		asked_listed |= f->ncp && !strcmp(f->ncp, l->ncps[i]);
	}
	if (!asked_listed)
		o[n++] = (struct govuk_option){f->ncp, f->ncp};
	if (l->any_local || (f->ncp && !strcmp(f->ncp, "local")))
		o[n++] = (struct govuk_option){"local", "Local activities"};
	govuk_select(w, &(struct govuk_select){.id = "ncp", .label = "NCP", .value = f->ncp ? f->ncp : "", .options = o,
					       .n = n});
	H_RAW(w, "</div>\n<div class=\"govuk-grid-column-one-third\">");
	struct govuk_option st[HAPPI_STATUSES + 2] = {{"", "Any status"}, {NOT_STARTED, "Not started"}};
	for (int s = 0; s < HAPPI_STATUSES; s++)
		st[s + 2] = (struct govuk_option){happi_status_key((enum happi_status)s),
						  happi_status_name((enum happi_status)s)};
	const char *sv = f->status < 0		      ? ""
			 : f->status == HAPPI_STATUSES ? NOT_STARTED
						       : happi_status_key((enum happi_status)f->status);
	govuk_select(w, &(struct govuk_select){.id = "status", .label = "Status", .value = sv, .options = st,
					       .n = HAPPI_STATUSES + 2});
	H_RAW(w, "</div>\n<div class=\"govuk-grid-column-one-third\">");
	const struct govuk_choice late = {"1", "Only those late", f->late};
	govuk_choices(w, true, "late", "Due dates", &late, 1, NULL, true);
	H_RAW(w, "</div>\n</div>\n<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
		 "data-module=\"govuk-button\">Apply filters</button>");
	if (f->ncp || f->status >= 0 || f->late) {
		H_RAW(w, "<a class=\"govuk-link\"");
		H_ATTR(w, "href", arena_printf(a, "%s?year=%d", base, l->year));
		H_RAW(w, ">Clear filters</a>");
	}
	H_RAW(w, "</div>\n</form>\n");
}

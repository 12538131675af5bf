/* ics.c - see ics.h. */
#include "events/ics.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/workdays.h"
#include "events/join.h"

/* The host of the base URL, for UIDs ("mathshubs.example"). */
static const char *host_of(struct arena *a, const struct config *cfg)
{
	const char *h = strstr(cfg->base_url, "://");
	h = h ? h + 3 : cfg->base_url;
	return arena_strndup(a, h, strcspn(h, "/:"));
}

const char *events_ics_uid(struct arena *a, const struct config *cfg, const struct event *e, size_t n)
{
	return arena_printf(a, "event-%lld-day%zu@%s", (long long)e->id, n, host_of(a, cfg));
}

static struct icaltimetype utc(int64_t t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

/* The VEVENTs of e's days, added to cal (join: ics.h). */
static void add_days(icalcomponent *cal, struct arena *a, const struct config *cfg, const struct event *e,
		     enum ics_method method, const struct ics_person *p, const char *join, int64_t now)
{
	bool f2f = !strcmp(e->format, "face_to_face");
	bool cancel = method == ICS_CANCEL || e->cancelled_at;
	if (f2f || cancel)
		join = NULL; /* a place given up has no link */
	const char *page = arena_printf(a, "%s/events/%lld", cfg->base_url, (long long)e->id);
	const char *location = f2f ? arena_printf(a, "%s%s%s", e->venue ? e->venue : "", e->venue && e->address ? ", " : "",
						  e->address ? e->address : "")
			       : join ? join
				      : page; /* online: the person's own joining link is on the event's page */
	/* the address's lines, joined: one line reads best in every calendar */
	char *loc = arena_strdup(a, location);
	for (char *c = loc; *c; c++)
		if (*c == '\n')
			*c = ',';
		else if (*c == '\r')
			*c = ' ';
	const char *how = f2f    ? "Do not travel unless you have confirmed."
			  : join ? arena_printf(a, "Join with your own link: %s\n" EVENTS_JOIN_ADVICE, join)
				 : "Join with your own joining link, on the event's page.";
	const char *desc = arena_printf(a, "%s%s%s\n\nThe event's page: %s", e->description ? e->description : "",
					e->description && e->description[0] ? "\n\n" : "", how, page);
	for (size_t i = 0; i < e->ndays; i++) {
		const struct event_day *d = &e->days[i];
		int64_t s = 0, en = 0;
		if (!london_to_unix(d->day, atoi(d->starts), atoi(d->starts + 3), 0, &s) ||
		    !london_to_unix(d->day, atoi(d->ends), atoi(d->ends + 3), 0, &en))
			continue;
		icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
		icalcomponent_add_property(ev, icalproperty_new_uid(events_ics_uid(a, cfg, e, i + 1)));
		icalcomponent_add_property(ev, icalproperty_new_sequence((int)e->sequence));
		icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc(now)));
		icalcomponent_add_property(ev, icalproperty_new_dtstart(utc(s)));
		icalcomponent_add_property(ev, icalproperty_new_dtend(utc(en)));
		icalcomponent_add_property(ev, icalproperty_new_summary(
			e->ndays > 1 ? arena_printf(a, "%s (day %zu of %zu)", e->title, i + 1, e->ndays) : e->title));
		icalcomponent_add_property(ev, icalproperty_new_description(desc));
		icalcomponent_add_property(ev, icalproperty_new_location(loc));
		icalcomponent_add_property(ev, icalproperty_new_url(page));
		icalcomponent_add_property(ev, icalproperty_new_status(cancel ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
		icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
		icalproperty *org = icalproperty_new_organizer(arena_printf(a, "mailto:%s", cfg->mail_from));
		icalproperty_add_parameter(org, icalparameter_new_cn("Maths Hubs"));
		icalcomponent_add_property(ev, org);
		if (p) {
			icalproperty *att = icalproperty_new_attendee(arena_printf(a, "mailto:%s", p->email));
			icalproperty_add_parameter(att, icalparameter_new_cn(p->name));
			icalproperty_add_parameter(att, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
			icalproperty_add_parameter(att, icalparameter_new_partstat(cancel ? ICAL_PARTSTAT_DECLINED
											  : ICAL_PARTSTAT_ACCEPTED));
			icalproperty_add_parameter(att, icalparameter_new_rsvp(ICAL_RSVP_FALSE));
			icalcomponent_add_property(ev, att);
		}
		icalcomponent_add_component(cal, ev);
	}
}

static icalcomponent *calendar(enum ics_method method)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//Maths Hubs//Events//EN"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	if (method != ICS_PUBLISH)
		icalcomponent_add_property(cal, icalproperty_new_method(method == ICS_CANCEL ? ICAL_METHOD_CANCEL
											   : ICAL_METHOD_REQUEST));
	return cal;
}

/* The text of cal, in a's memory; frees cal. */
static const char *finish(struct arena *a, icalcomponent *cal)
{
	char *s = icalcomponent_as_ical_string_r(cal);
	const char *out = arena_strdup(a, s ? s : "");
	free(s);
	icalcomponent_free(cal);
	return out;
}

const char *events_ics(struct arena *a, const struct config *cfg, const struct event *e, enum ics_method method,
		       const struct ics_person *p, const char *join)
{
	icalcomponent *cal = calendar(method);
	add_days(cal, a, cfg, e, method, p, join, clock_now());
	return finish(a, cal);
}

const char *events_ics_feed(struct arena *a, const struct config *cfg, const struct event *es, const char *const *joins,
			    size_t n, const struct ics_person *p)
{
	icalcomponent *cal = calendar(ICS_PUBLISH);
	icalproperty *name = icalproperty_new_x("Maths Hubs events");
	icalproperty_set_x_name(name, "X-WR-CALNAME");
	icalcomponent_add_property(cal, name);
	int64_t now = clock_now();
	for (size_t i = 0; i < n; i++)
		add_days(cal, a, cfg, &es[i], ICS_PUBLISH, p, joins ? joins[i] : NULL, now);
	return finish(a, cal);
}

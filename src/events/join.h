/*
 * join.h - online events' individual joining links (/join/{token}).
 *
 * Each person confirmed for an online event has a link of their own: its
 * token is made from the event, the person and when the link was made,
 * keyed with the deployment's key (auth/sealed.h keyed_token), so it can
 * be shown again (the event's page, every email) while the database keeps
 * only its hash (event_join_tokens). Using it records their attendance for
 * the day (event_attendance, source 'link') and sends them on to the
 * meeting, whose address people never see otherwise. It works without
 * signing in (they may join on another device), from an hour before each
 * day's start to an hour after its end; a link used in someone else's
 * signed-in session is refused and audited.
 */
#ifndef MH_EVENTS_JOIN_H
#define MH_EVENTS_JOIN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct arena;
struct db;
struct event;
struct req;
struct resp;

/* What a person is told with their link: on the event's page, in emails
 * and in the .ics. */
#define EVENTS_JOIN_ADVICE                                                                                 \
	"It is yours alone: it records that you came, so do not share it. It works from an hour before the " \
	"session starts, on any device, signed in or not."

/* How long before a day's start and after its end a link works. */
#define EVENTS_JOIN_MARGIN_SECONDS 3600

/* person_id's joining link for event_id, made (its hash stored) if they
 * have none yet, in the caller's write transaction: "/join/TOKEN", or the
 * whole address when base_url is given (rq->cfg->base_url, for emails).
 * ERR_NOT_FOUND when the event is not online (face-to-face events have no
 * links). For emails: call it after the person's answer is 'confirmed'. */
enum err events_join_link(struct db *db, struct arena *a, const char *base_url, int64_t event_id, int64_t person_id,
			  int64_t now, const char **link);

/* events_join_link without the link: made if they have none (nothing for
 * a face-to-face event). event_answer_set calls it for everyone confirmed. */
enum err events_join_ensure(struct db *db, int64_t event_id, int64_t person_id, int64_t now);

/* Their link if they have one ("/join/TOKEN"), else NULL: for read transactions. */
enum err events_join_link_read(struct db *db, struct arena *a, int64_t event_id, int64_t person_id, const char **link);

/* events_join_link_read of e for the person e was read for (event_read),
 * only when e is online, not cancelled, and their place confirmed: what
 * the event's page and the API show them. */
struct event;
enum err events_join_link_shown(struct db *db, struct arena *a, const struct event *e, int64_t person_id,
				const char **link);

/* Makes the link of everyone confirmed for event_id who has none (an event
 * made online after people confirmed), and again under this key those made
 * under another; nothing for a face-to-face event. event_save calls it. */
enum err events_join_links_ensure(struct db *db, int64_t event_id, int64_t now);

/* The day (of e's days, "YYYY-MM-DD") whose joining window holds now, or NULL. */
const char *events_join_day(const struct event *e, int64_t now);

struct html;
/* The event page's part for a confirmed person: their link (link: "/join/TOKEN"). */
void events_join_section(struct html *w, const struct req *rq, const char *link);

/* GET /join/{token} */
enum err events_join(struct req *rq, struct resp *rs);

#endif

/*
 * mail.h - email, real and reliable: an outbox table and a delivery thread.
 *
 * A message is written to the outbox in the same transaction as the action
 * that causes it (mail_queue), so an action and its email are committed or
 * abandoned together. A delivery thread sends what is due over SMTP
 * (libcurl; smtp:// or smtps://, credentials in the URL), retrying with
 * back-off; while the SMTP server is down nothing is lost. Several
 * processes may deliver from one PostgreSQL outbox: a message is leased
 * before it is sent, so only one process sends it.
 */
#ifndef MH_MAIL_H
#define MH_MAIL_H

#include <stdint.h>

#include "core/err.h"

struct config;
struct db;

/* Adds a message to the outbox (inside the caller's write transaction).
 * text is the plain-text body, html the HTML body (already escaped HTML,
 * or NULL for text only). The service's name and footer are added when
 * the message is sent. */
enum err mail_queue(struct db *db, const char *to, const char *subject, const char *text,
		    const char *html);

enum phone_channel { PHONE_SMS, PHONE_VOICE };

/* Adds a text message (PHONE_SMS, sent through --sms-gateway-url) or a
 * phone call that reads the message aloud (PHONE_VOICE, through
 * --voice-gateway-url) to the outbox, inside the caller's write
 * transaction; to is an international number, "+447700900123". */
enum err phone_queue(struct db *db, enum phone_channel channel, const char *to, const char *message);

/* Sends every due message once (leasing each first). Returns how many were
 * sent in *sent (may be NULL). Used by the delivery thread and by tests. */
enum err mail_deliver_due(struct db *db, const struct config *cfg, int64_t now, int *sent);

/* Starts the delivery thread (one database connection of its own). Does
 * nothing, apart from a log line, without --smtp-url. */
enum err mail_start(const struct config *cfg);

/* Stops the delivery thread and waits for it. */
void mail_stop(void);

#endif

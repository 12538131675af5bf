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

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "html/html.h"

struct config;
struct db;

/* The HTML part of an email: made only through the escaping writer, so a
 * name or any other value in it is escaped by construction. */
struct mail_html {
	struct buf doc;
};

/* Starts m's HTML document (the service's heading) and returns the writer
 * for its content: html_text, H_RAW, H_ATTR, as on a page. Pass m to
 * mail_queue, which ends the document (the footer) and frees it. */
struct html mail_html_begin(struct mail_html *m);

/* Adds a message to the outbox (inside the caller's write transaction).
 * text is the plain-text body (the footer is added when it is sent); html
 * the HTML part from mail_html_begin, or NULL for text only. Frees html's
 * document in every case. */
enum err mail_queue(struct db *db, const char *to, const char *subject, const char *text,
		    struct mail_html *html);

/* An email's attachment: a file name ("invitation.ics"), its Content-Type
 * ("text/calendar; method=REQUEST; charset=UTF-8") and its text. */
struct mail_attachment {
	const char *name, *type, *content;
};

/* mail_queue with one attachment (NULL: none, the same as mail_queue). The
 * message is sent as multipart/mixed: the body as mail_queue sends it, then
 * the attachment (base64). Frees html's document in every case. */
enum err mail_queue_attach(struct db *db, const char *to, const char *subject, const char *text,
			   struct mail_html *html, const struct mail_attachment *att);

/* mail_queue(db, to, subject, text, NULL) when send is true; otherwise the
 * same statement runs with the same values and writes nothing. For an
 * answer that must do the same work whether or not anyone is emailed, so
 * that its timing tells nothing (/password-reset for an unknown address). */
enum err mail_queue_if(struct db *db, bool send, const char *to, const char *subject, const char *text);

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

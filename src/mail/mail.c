/*
 * mail.c - see mail.h: what goes into the outbox (mail_queue, phone_queue)
 * and the HTML part of an email, written only through the escaping writer
 * (html/html.h). Delivery, and the MIME around the parts, is deliver.c.
 */
#include "mail/mail.h"

#include "core/buf.h"
#include "core/clock.h"
#include "db/db.h"
#include "html/html.h"

static const char SQL_QUEUE[] =
	"INSERT INTO outbox (created_at, to_addr, subject, body_text, body_html, next_attempt_at, attachment_name, "
	"attachment_type, attachment) VALUES ($1, $2, $3, $4, $5, $1, $6, $7, $8)";
static const char SQL_QUEUE_IF[] =
	"INSERT INTO outbox (created_at, to_addr, subject, body_text, next_attempt_at) "
	"SELECT $1, $2, $3, $4, $1 WHERE $5 = 1";
static const char SQL_QUEUE_SMS[] =
	"INSERT INTO outbox (created_at, to_addr, subject, body_text, next_attempt_at, channel) "
	"VALUES ($1, $2, '', $3, $1, $4)";
struct html mail_html_begin(struct mail_html *m)
{
	m->doc = (struct buf){0};
	struct html w = html_writer_on(&m->doc);
	H_RAW(&w, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Maths Hubs</title></head>"
		  "<body style=\"font-family: arial, sans-serif; font-size: 19px; line-height: 1.3; color: #0b0c0c;\">"
		  "<p style=\"background: #0b0c0c; color: #ffffff; padding: 10px 15px; font-weight: bold; font-size: 24px; margin: 0 0 20px;\">Maths Hubs</p>");
	return w;
}

enum err mail_queue(struct db *db, const char *to, const char *subject, const char *text,
		    struct mail_html *html)
{
	return mail_queue_attach(db, to, subject, text, html, NULL);
}

enum err mail_queue_attach(struct db *db, const char *to, const char *subject, const char *text,
			   struct mail_html *html, const struct mail_attachment *att)
{
	if (html) {
		struct html w = html_writer_on(&html->doc);
		H_RAW(&w, "<hr style=\"border: 0; border-top: 1px solid #b1b4b6; margin: 30px 0 15px;\">"
			  "<p style=\"font-size: 16px; color: #505a5f;\">The Maths Hubs Programme is coordinated nationally by the NCETM and funded by the Department for Education. "
			  "This is an automatic message: replies are not read.</p></body></html>");
	}
	struct db_stmt *st = db_prepare(db, SQL_QUEUE);
	enum err e = ERR_DB;
	if (st && !(e = db_bind_int(st, 1, clock_now())) && !(e = db_bind_text(st, 2, to)) &&
	    !(e = db_bind_text(st, 3, subject)) && !(e = db_bind_text(st, 4, text)) &&
	    !(e = html ? db_bind_text(st, 5, html->doc.data) : db_bind_null(st, 5)) &&
	    !(e = att ? db_bind_text(st, 6, att->name) : db_bind_null(st, 6)) &&
	    !(e = att ? db_bind_text(st, 7, att->type) : db_bind_null(st, 7)) &&
	    !(e = att ? db_bind_text(st, 8, att->content) : db_bind_null(st, 8)))
		e = db_step_done(st);
	if (html)
		buf_free(&html->doc);
	return e;
}

enum err mail_queue_if(struct db *db, bool send, const char *to, const char *subject, const char *text)
{
	return db_run(db, SQL_QUEUE_IF, DB_I(clock_now()), DB_S(to), DB_S(subject), DB_S(text), DB_I(send ? 1 : 0));
}

enum err phone_queue(struct db *db, enum phone_channel channel, const char *to, const char *message)
{
	struct db_stmt *st = db_prepare(db, SQL_QUEUE_SMS);
	if (!st || db_bind_int(st, 1, clock_now()) || db_bind_text(st, 2, to) || db_bind_text(st, 3, message) ||
	    db_bind_text(st, 4, channel == PHONE_VOICE ? "voice" : "sms"))
		return ERR_DB;
	return db_step_done(st);
}


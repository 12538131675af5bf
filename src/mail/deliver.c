/*
 * deliver.c - the outbox's delivery: leases due messages, builds each MIME
 * message (multipart/alternative: plain text and HTML, UTF-8, 8bit bodies
 * with CRLF line ends; with an attachment, that body and the attachment
 * (base64) inside multipart/mixed) and sends it through libcurl (SMTP, or the text and
 * call gateways), backing off when that fails. It writes MIME, never HTML:
 * the HTML part is the document mail.c made through the escaping writer,
 * embedded as stored (scripts/lint-html checks this file has no markup).
 */
#include "mail/mail.h"

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "db/ticker.h"

#define LEASE_SECONDS 120
#define BATCH 20
#define MAX_BACKOFF 3600

/* only the channels this process can send */
static const char SQL_DUE[] =
	"SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 AND lease_until <= $1 "
	"AND ((channel = 'email' AND $2 = 1) OR (channel = 'sms' AND $3 = 1) OR (channel = 'voice' AND $4 = 1)) "
	"ORDER BY id LIMIT 20";
static const char SQL_LEASE[] =
	"UPDATE outbox SET lease_until = $1 WHERE id = $2 AND sent_at IS NULL AND lease_until <= $3 "
	"RETURNING to_addr, subject, body_text, body_html, attempts, channel, attachment_name, attachment_type, attachment";
static const char SQL_SENT[] = "UPDATE outbox SET sent_at = $1, lease_until = 0, last_error = NULL WHERE id = $2";
static const char SQL_FAILED[] =
	"UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, lease_until = 0, last_error = $2 "
	"WHERE id = $3";

/* RFC 2047 encoded-word for a header value that is not plain ASCII. */
static void header_value(struct buf *b, const char *v)
{
	bool ascii = true;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		ascii &= *p >= 0x20 && *p < 0x7f;
	if (ascii) {
		buf_puts(b, v);
		return;
	}
	size_t n = strlen(v);
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *enc = xmalloc(cap);
	sodium_bin2base64(enc, cap, (const unsigned char *)v, n, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(b, "=?UTF-8?B?%s?=", enc);
	free(enc);
}

/* Normalises line ends to CRLF, as SMTP requires. */
static void crlf_body(struct buf *b, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			buf_puts(b, "\r\n");
		else
			buf_putc(b, *p);
	}
	buf_puts(b, "\r\n");
}

static const char FOOTER_TEXT[] =
	"\n\n--\nMaths Hubs\nThe Maths Hubs Programme is coordinated nationally by the NCETM and "
	"funded by the Department for Education.\nThis is an automatic message: replies are not read.\n";
/* The body's part: its Content-Type header (and a blank line), then the
 * plain text (footer added) alone or with the HTML as multipart/alternative. */
static void body_part(struct buf *m, const char *boundary, const char *text, const char *html)
{
	struct buf t = {0};
	buf_puts(&t, text);
	buf_puts(&t, FOOTER_TEXT);
	if (!html) {
		buf_puts(m, "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
		crlf_body(m, t.data);
	} else {
		buf_printf(m, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", boundary);
		buf_printf(m, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n", boundary);
		crlf_body(m, t.data);
		buf_printf(m, "--%s\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n", boundary);
		crlf_body(m, html); /* the whole document, made by mail_html_begin and mail_queue */
		buf_printf(m, "--%s--\r\n", boundary);
	}
	buf_free(&t);
}

/* An attachment's part: base64 in lines of 76 characters. */
static void attachment_part(struct buf *m, const struct mail_attachment *att)
{
	buf_printf(m, "Content-Type: %s\r\nContent-Transfer-Encoding: base64\r\n"
		      "Content-Disposition: attachment; filename=\"%s\"\r\n\r\n", att->type, att->name);
	size_t n = strlen(att->content);
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *enc = xmalloc(cap);
	sodium_bin2base64(enc, cap, (const unsigned char *)att->content, n, sodium_base64_VARIANT_ORIGINAL);
	for (size_t off = 0, len = strlen(enc); off < len; off += 76) {
		buf_append(m, enc + off, len - off < 76 ? len - off : 76);
		buf_puts(m, "\r\n");
	}
	free(enc);
}

/* The whole message as sent, CRLF line ends. */
static void build_message(struct buf *m, const struct config *cfg, const char *to,
			  const char *subject, const char *text, const char *html,
			  const struct mail_attachment *att, int64_t id)
{
	char date[64];
	time_t now = (time_t)clock_now();
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	unsigned char r[12];
	randombytes_buf(r, sizeof(r));
	char boundary[32];
	sodium_bin2hex(boundary, sizeof(boundary), r, 12);
	const char *domain = strchr(cfg->mail_from, '@') + 1;
	buf_printf(m, "Date: %s\r\nFrom: Maths Hubs <%s>\r\nTo: <%s>\r\nSubject: ", date, cfg->mail_from, to);
	header_value(m, subject);
	buf_printf(m, "\r\nMessage-ID: <outbox-%lld-%s@%s>\r\nMIME-Version: 1.0\r\n", (long long)id, boundary, domain);
	buf_puts(m, "Auto-Submitted: auto-generated\r\n");
	if (!att) {
		body_part(m, boundary, text, html);
		return;
	}
	/* the body, then the attachment; "m" makes the outer boundary differ from the inner */
	buf_printf(m, "Content-Type: multipart/mixed; boundary=\"m%s\"\r\n\r\n--m%s\r\n", boundary, boundary);
	body_part(m, boundary, text, html);
	buf_printf(m, "--m%s\r\n", boundary);
	attachment_part(m, att);
	buf_printf(m, "--m%s--\r\n", boundary);
}

struct reader {
	const char *data;
	size_t len, off;
};

static size_t read_cb(char *out, size_t size, size_t nmemb, void *userp)
{
	struct reader *r = userp;
	size_t room = size * nmemb, left = r->len - r->off;
	size_t n = left < room ? left : room;
	memcpy(out, r->data + r->off, n);
	r->off += n;
	return n;
}

/* Sends one message; on failure writes the reason (without credentials) to err. */
static bool smtp_send(const struct config *cfg, const char *to, const struct buf *msg, char *err,
		      size_t errlen)
{
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(err, errlen, "curl_easy_init failed");
		return false;
	}
	struct curl_slist *rcpt = NULL;
	char addr[600];
	snprintf(addr, sizeof(addr), "<%s>", to);
	rcpt = curl_slist_append(rcpt, addr);
	char from[300];
	snprintf(from, sizeof(from), "<%s>", cfg->mail_from);
	struct reader r = {msg->data, msg->len, 0};
	char ebuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg->len);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	/* TLS always (STARTTLS on smtp://, TLS from the start on smtps://), so a
	 * network attacker cannot strip it; only a relay on this machine may be
	 * plain */
	bool loopback = str_starts(cfg->smtp_url, "smtp://127.") || str_starts(cfg->smtp_url, "smtp://localhost") ||
			str_starts(cfg->smtp_url, "smtp://[::1]");
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(loopback ? CURLUSESSL_TRY : CURLUSESSL_ALL));
	CURLcode rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "%s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return rc == CURLE_OK;
}

static size_t discard(char *p, size_t size, size_t n, void *u)
{
	(void)p, (void)u;
	return size * n;
}

/* One text message or call to its gateway: POST {"to": ..., "message": ...}
 * with the API key as a Bearer token; any 2xx is delivered (docs/SMS.md). */
static bool gateway_send(const char *url, const char *key, const char *to, const char *message, char *err,
			 size_t errlen)
{
	json_t *j = json_pack("{s:s, s:s}", "to", to, "message", message);
	char *body = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	CURL *c = curl_easy_init();
	if (!body || !c) {
		snprintf(err, errlen, "out of memory");
		free(body);
		if (c)
			curl_easy_cleanup(c);
		return false;
	}
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	char auth[300];
	if (key[0]) {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
		h = curl_slist_append(h, auth);
	}
	char ebuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	CURLcode rc = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	bool ok = rc == CURLE_OK && status >= 200 && status < 300;
	if (rc != CURLE_OK)
		snprintf(err, errlen, "%s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
	else if (!ok)
		snprintf(err, errlen, "the gateway answered %ld", status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(body);
	return ok;
}

/* Leases message id for this process; false if another has it or it is sent. */
static enum err lease(struct db *db, int64_t id, int64_t now, struct buf *to, struct buf *subject,
		      struct buf *text, struct buf *html, bool *has_html, int64_t *attempts, struct buf *channel,
		      struct buf att[3], bool *has_att, bool *got)
{
	*got = false;
	enum err e = db_begin(db, DB_WRITE);
	if (e)
		return e;
	struct db_stmt *st = db_prepare(db, SQL_LEASE);
	if (!st || db_bind_int(st, 1, now + LEASE_SECONDS) || db_bind_int(st, 2, id) || db_bind_int(st, 3, now)) {
		db_rollback(db);
		return ERR_DB;
	}
	int rc = db_step(st);
	if (rc == 1) {
		*got = true;
		buf_puts(to, db_col_text(st, 0));
		buf_puts(subject, db_col_text(st, 1));
		buf_puts(text, db_col_text(st, 2));
		*has_html = !db_col_is_null(st, 3);
		buf_puts(html, db_col_text(st, 3));
		*attempts = db_col_int(st, 4);
		buf_puts(channel, db_col_text(st, 5));
		*has_att = !db_col_is_null(st, 6) && !db_col_is_null(st, 7) && !db_col_is_null(st, 8);
		for (int k = 0; k < 3; k++)
			buf_puts(&att[k], db_col_text(st, 6 + k));
		rc = db_step(st);
	}
	if (rc < 0) {
		db_rollback(db);
		return (enum err)rc;
	}
	return db_commit(db);
}

static enum err record(struct db *db, const char *sql, int64_t a, const char *text, int64_t id)
{
	enum err e = db_begin(db, DB_WRITE);
	if (e)
		return e;
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		e = ERR_DB;
	else if (text)
		e = db_bind_int(st, 1, a) ? ERR_DB : db_bind_text(st, 2, text) ? ERR_DB
						   : db_bind_int(st, 3, id) ? ERR_DB : db_step_done(st);
	else
		e = db_bind_int(st, 1, a) ? ERR_DB : db_bind_int(st, 2, id) ? ERR_DB : db_step_done(st);
	if (!e)
		e = db_commit(db);
	if (e)
		db_rollback(db);
	return e;
}

enum err mail_deliver_due(struct db *db, const struct config *cfg, int64_t now, int *sent)
{
	if (sent)
		*sent = 0;
	int64_t ids[BATCH];
	size_t n = 0;
	enum err e = db_begin(db, DB_READ);
	if (e)
		return e;
	struct db_stmt *st = db_prepare(db, SQL_DUE);
	int rc = !st || db_bind_int(st, 1, now) || db_bind_int(st, 2, cfg->smtp_url[0] != '\0') ||
			 db_bind_int(st, 3, cfg->sms_gateway_url[0] != '\0') ||
			 db_bind_int(st, 4, cfg->voice_gateway_url[0] != '\0')
		     ? ERR_DB : db_step(st);
	for (; rc == 1 && n < BATCH; rc = db_step(st))
		ids[n++] = db_col_int(st, 0);
	if (rc < 0) {
		db_rollback(db);
		return (enum err)rc;
	}
	if ((e = db_commit(db)))
		return e;
	for (size_t i = 0; i < n; i++) {
		struct buf to = {0}, subject = {0}, text = {0}, html = {0}, msg = {0}, channel = {0}, att[3] = {0};
		bool has_html = false, has_att = false, got = false;
		int64_t attempts = 0;
		e = lease(db, ids[i], now, &to, &subject, &text, &html, &has_html, &attempts, &channel, att, &has_att, &got);
		if (!e && got) {
			char err[CURL_ERROR_SIZE + 64];
			bool delivered;
			const char *ch = channel.data ? channel.data : "email";
			if (!strcmp(ch, "sms")) {
				delivered = gateway_send(cfg->sms_gateway_url, cfg->sms_api_key, to.data, text.data, err, sizeof(err));
			} else if (!strcmp(ch, "voice")) {
				delivered = gateway_send(cfg->voice_gateway_url, cfg->voice_api_key, to.data, text.data, err, sizeof(err));
			} else {
				struct mail_attachment a = {att[0].data, att[1].data, att[2].data ? att[2].data : ""};
				build_message(&msg, cfg, to.data, subject.data, text.data, has_html ? html.data : NULL,
					      has_att ? &a : NULL, ids[i]);
				delivered = smtp_send(cfg, to.data, &msg, err, sizeof(err));
			}
			if (delivered) {
				e = record(db, SQL_SENT, clock_now(), NULL, ids[i]);
				if (!e && sent)
					(*sent)++;
				log_msg("info", "mail %lld sent", (long long)ids[i]);
			} else {
				int64_t backoff = 30ll << (attempts < 7 ? attempts : 7);
				if (backoff > MAX_BACKOFF)
					backoff = MAX_BACKOFF;
				e = record(db, SQL_FAILED, clock_now() + backoff, err, ids[i]);
				log_msg("warn", "mail %lld not sent (attempt %lld), next try in %lld s: %s",
					(long long)ids[i], (long long)attempts + 1, (long long)backoff, err);
			}
		}
		buf_free(&to), buf_free(&subject), buf_free(&text), buf_free(&html), buf_free(&msg), buf_free(&channel);
		for (int k = 0; k < 3; k++)
			buf_free(&att[k]);
		if (e)
			return e;
	}
	return ERR_OK;
}

/* ---- the delivery thread ---- */

static struct ticker deliverer;

static void deliver_round(struct db *db, const struct config *cfg, void *arg)
{
	(void)arg;
	if (mail_deliver_due(db, cfg, clock_now(), NULL) == ERR_UNAVAILABLE)
		log_msg("warn", "mail: the database is unavailable; delivery waits");
}

enum err mail_start(const struct config *cfg)
{
	if (!cfg->smtp_url[0])
		log_msg("warn", "no --smtp-url: mail is kept in the outbox, not sent");
	if (!cfg->smtp_url[0] && !cfg->sms_gateway_url[0] && !cfg->voice_gateway_url[0])
		return ERR_OK;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return ERR_SYSTEM;
	deliverer = (struct ticker){.cfg = cfg, .every = 2, .round = deliver_round};
	return ticker_start(&deliverer);
}

void mail_stop(void)
{
	if (!deliverer.running)
		return;
	ticker_stop(&deliverer);
	curl_global_cleanup();
}

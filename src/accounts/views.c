/*
 * views.c - see views.h: what more than one page file draws (the phone
 * form, "we have sent a code", the second-factor page, the recovery codes'
 * one display). No database handle here: a view draws what its handler
 * read.
 */
#include <string.h>

#include "accounts/queries.h"
#include "accounts/views.h"
#include "auth/password.h"
#include "auth/recovery.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/config.h"
#include "html/form.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"

const char *new_password_check(const char *password, const void *owner)
{
	return password_problem(password, owner);
}

bool phone_offered(const struct config *cfg)
{
	return cfg->sms_gateway_url[0] || cfg->voice_gateway_url[0];
}

/* The phone form as the gateways set allow: a choice of text or call when
 * both are, a hidden "by" when only one is (it is still read and checked;
 * none sent is the only gateway's way, or a text). */
static const struct govuk_option PHONE_WAYS[] = {{"sms", "By text message (a mobile phone)"},
						 {"voice", "By phone call (a mobile or a landline)"}};
#define PHONE_BY_FIELD                                                                                     \
	{"by", FORM_CHOICE, "How should we send you codes?", .options = PHONE_WAYS, .noptions = 2,       \
	 .invalid = "Select how we should send you codes"}
#define PHONE_NUMBER_FIELD(label_, hint_, missing_)                                                          \
	{"phone", FORM_TEXT, (label_), .hint = (hint_), .required = true, .missing = (missing_), .max_chars = 32,   \
	 .autocomplete = "tel", .inputmode = "tel", .input_class = "govuk-input--width-20"}
#define ANY_NUMBER "For example, 07700 900 982 or 01632 960 001"
static const struct form_field PHONE_FIELDS[][PHONE_NFIELDS] = {
	{PHONE_BY_FIELD, PHONE_NUMBER_FIELD("UK phone number", ANY_NUMBER, "Enter a UK phone number, like 07700 900 982 or 01632 960 001")},
	{PHONE_BY_FIELD, PHONE_NUMBER_FIELD("UK mobile number", "For example, 07700 900 982", "Enter a UK mobile number, like 07700 900 982")},
};
static const struct form PHONE_FORMS[] = {FORM(PHONE_FIELDS[0]), FORM(PHONE_FIELDS[1])};

const struct form *phone_form(const struct config *cfg)
{
	bool sms_only = cfg->sms_gateway_url[0] && !cfg->voice_gateway_url[0];
	return &PHONE_FORMS[sms_only];
}

void phone_fields(struct html *w, struct req *rq, const struct form_data *sent, const char *button)
{
	bool sms = rq->cfg->sms_gateway_url[0], voice = rq->cfg->voice_gateway_url[0];
	struct form_data d;
	if (sent) {
		d = *sent;
	} else { /* nothing sent yet: a text message, unless calls are all there is */
		form_empty(phone_form(rq->cfg), rq->arena, &d);
		form_set(&d, PHONE_BY, voice && !sms ? "voice" : "sms");
	}
	H_RAW(w, "<form method=\"post\" action=\"/account/phone\" novalidate>\n");
	govuk_csrf(w, rq->session->csrf);
	if (sms && voice) {
		form_field(w, &d, PHONE_BY);
	} else {
		H_RAW(w, "<input type=\"hidden\" name=\"by\"");
		H_ATTR(w, "value", voice ? "voice" : "sms");
		H_RAW(w, ">\n");
	}
	form_field(w, &d, PHONE_NUMBER);
	govuk_button(w, &(struct govuk_button){.text = button, .variant = "secondary"});
	H_RAW(w, "</form>\n");
}

void code_sent_text(struct html *w, bool call, const char *to)
{
	H_RAW(w, "<p class=\"govuk-body\">");
	if (call)
		H_RAW(w, "We are calling ");
	else
		H_RAW(w, "We have sent a 6-digit code to ");
	html_text(w, to);
	if (call)
		H_RAW(w, " to read you a 6-digit code");
	H_RAW(w, ". It works for 10 minutes.</p>\n");
}

/* "Text message to 07*** ***123": a phone's way of getting codes. */
const char *phone_way(struct req *rq, const struct person *p)
{
	return arena_printf(rq->arena, "%s to %s", p->phone_by == PHONE_VOICE ? "Phone call" : "Text message",
			    phone_masked(rq->arena, p->phone));
}

/* A button that removes one way (POST /account/second-factor). */
static void remove_button(struct html *w, const struct req *rq, const char *which, const char *label)
{
	govuk_button_form(w, rq->session->csrf, "/account/second-factor", "remove", which, label);
}

void second_factor_view(struct req *rq, struct resp *rs, const struct person *pp, const struct form_data *phone,
			const char *ways_error)
{
	const struct person p = *pp;
	bool only_one = factor_count(&p) <= 1;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};
	struct govuk_error ways = {"ways", ways_error};
	page_begin(&w, &(struct page){.title = "How you get sign-in codes", .nav = "/account", .crumbs = crumbs, .ncrumbs = 2,
				      .errors = ways_error ? &ways : phone ? phone->errors : NULL,
				      .nerrors = ways_error ? 1 : phone ? phone->nerrors : 0,
				      .banner = session_banner(rq)});
	H_RAW(&w, "<p class=\"govuk-body\">Each time you sign in, you enter your password and then a code from one of these. "
		  "Having two ways means you can still sign in if you lose your phone.</p>\n");
	if (only_one)
		H_RAW(&w, "<p class=\"govuk-body\" id=\"ways\">You need at least one way, so you can remove this one only after adding another.</p>\n");

	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Authenticator app</h2>\n");
	if (p.totp_secret) {
		H_RAW(&w, "<p class=\"govuk-body\">You get codes from an authenticator app. "
			  "<a class=\"govuk-link\" href=\"/account/authenticator\">Set up a new app<span class=\"govuk-visually-hidden\"> instead of this one</span></a></p>\n");
		if (!only_one)
			remove_button(&w, rq, "app", "Stop using the app");
	} else {
		H_RAW(&w, "<p class=\"govuk-body\">The safest way: an app on your phone shows a new code every 30 seconds, even without a signal.</p>\n"
			  "<a class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" href=\"/account/authenticator\">Set up an authenticator app</a>\n");
	}

	if (phone_offered(rq->cfg) || p.phone) {
		H_RAW(&w, "<h2 class=\"govuk-heading-m\">Phone</h2>\n");
		if (p.phone) {
			H_RAW(&w, "<p class=\"govuk-body\">");
			html_text(&w, phone_way(rq, &p));
			H_RAW(&w, ".</p>\n");
			if (!only_one)
				remove_button(&w, rq, "phone", "Stop sending codes to this phone");
		}
		if (phone_offered(rq->cfg))
			phone_fields(&w, rq, phone, p.phone ? "Use this number instead" : "Send codes to this phone");
	}

	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Email</h2>\n");
	if (p.email_codes) {
		H_RAW(&w, "<p class=\"govuk-body\">Codes by email to ");
		html_text(&w, p.email);
		H_RAW(&w, ".</p>\n");
		if (!only_one)
			remove_button(&w, rq, "email", "Stop emailing me codes");
	} else {
		H_RAW(&w, "<p class=\"govuk-body\">Less safe than the others: anyone who can read your email could sign in with your password.</p>\n"
			  "<form method=\"post\" action=\"/account/email-codes\" novalidate>\n");
		govuk_csrf(&w, rq->session->csrf);
		H_RAW(&w, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Email me codes too</button>\n</form>\n");
	}
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account\">Back to your account</a></p>\n");
	page_end(&w);
}

enum err recovery_codes_flash(struct req *rq, const char *title, const char (*codes)[RECOVERY_LEN + 1])
{
	char all[RECOVERY_COUNT * (RECOVERY_LEN + 1)];
	size_t n = 0;
	for (int i = 0; i < RECOVERY_COUNT; i++) { /* "code code ... code" */
		size_t len = strlen(codes[i]);
		memcpy(all + n, codes[i], len);
		n += len;
		all[n++] = i + 1 < RECOVERY_COUNT ? ' ' : '\0';
	}
	return session_flash_secret(rq, title, all);
}

enum err recovery_codes_taken(struct req *rq, struct resp *rs, bool *shown)
{
	const char *all;
	*shown = false;
	enum err e = session_take_secret(rq, &all);
	if (e || !all)
		return e;
	char codes[RECOVERY_COUNT][RECOVERY_LEN + 1];
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		size_t len = strcspn(all, " ");
		if (!len || len > RECOVERY_LEN)
			return ERR_OK;
		memcpy(codes[i], all, len);
		codes[i][len] = '\0';
		all += len + (all[len] == ' ');
	}
	recovery_codes_page(rs, rq->session->flash ? rq->session->flash : "Your recovery codes", (const char (*)[RECOVERY_LEN + 1])codes);
	*shown = true;
	return ERR_OK;
}

void recovery_codes_page(struct resp *rs, const char *title, const char (*codes)[RECOVERY_LEN + 1])
{
	struct html w = resp_html(rs);
	page_begin(&w, &(struct page){.title = title, .heading = ""}); /* the panel's title is the h1 */
	govuk_panel(&w, title, NULL);
	H_RAW(&w, "<h2 class=\"govuk-heading-m\">Your recovery codes</h2>\n"
		  "<p class=\"govuk-body\">If you cannot get a code (a lost phone, say), sign in with one of these instead. Each code works once.</p>\n");
	govuk_warning_text(&w, "Keep them somewhere safe now, for example in a password manager or printed out. You will not see them again.");
	H_RAW(&w, "<ul class=\"govuk-list mh-codes\" id=\"recovery-codes\">");
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		H_RAW(&w, "<li><code>");
		html_text(&w, codes[i]);
		H_RAW(&w, "</code></li>");
	}
	H_RAW(&w, "</ul>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account\">Continue to your account</a></p>\n");
	page_end(&w);
}

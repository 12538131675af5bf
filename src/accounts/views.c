/*
 * views.c - see views.h: what more than one page file draws (the phone
 * form, "we have sent a code", the second-factor page, the recovery codes'
 * one display). No database handle here: a view draws what its handler
 * read.
 */
#include <string.h>

#include "accounts/queries.h"
#include "accounts/views.h"
#include "auth/recovery.h"
#include "auth/session.h"
#include "core/arena.h"
#include "core/config.h"
#include "html/govuk.h"
#include "html/layout.h"
#include "http/request.h"

const char *account_banner(const struct req *rq)
{
	return rq->session ? rq->session->flash : NULL;
}

bool phone_offered(const struct config *cfg)
{
	return cfg->sms_gateway_url[0] || cfg->voice_gateway_url[0];
}

void phone_fields(struct html *w, struct req *rq, const char *error, const char *button)
{
	bool sms = rq->cfg->sms_gateway_url[0], voice = rq->cfg->voice_gateway_url[0];
	H_RAW(w, "<form method=\"post\" action=\"/account/phone\" novalidate>\n");
	govuk_csrf(w, rq->session->csrf);
	const char *by = req_form(rq, "by");
	if (sms && voice) {
		bool call = by && !strcmp(by, "voice");
		struct govuk_choice ways[] = {{"sms", "By text message (a mobile phone)", !call},
					      {"voice", "By phone call (a mobile or a landline)", call}};
		govuk_choices(w, false, "by", "How should we send you codes?", ways, 2, NULL, true);
	} else {
		H_RAW(w, "<input type=\"hidden\" name=\"by\"");
		H_ATTR(w, "value", voice ? "voice" : "sms");
		H_RAW(w, ">\n");
	}
	govuk_input(w, &(struct govuk_input){.id = "phone", .label = sms ? (voice ? "UK phone number" : "UK mobile number") : "UK phone number",
		.type = "tel", .value = error ? req_form(rq, "phone") : NULL, .error = error,
		.hint = sms && !voice ? "For example, 07700 900 982" : "For example, 07700 900 982 or 01632 960 001",
		.autocomplete = "tel", .input_class = "govuk-input--width-20"});
	H_RAW(w, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">");
	html_text(w, button);
	H_RAW(w, "</button>\n</form>\n");
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

void second_factor_view(struct req *rq, struct resp *rs, const struct person *pp, const char *error)
{
	const struct person p = *pp;
	bool only_one = factor_count(&p) <= 1;
	struct html w = resp_html(rs);
	static const struct crumb crumbs[] = {{"Home", "/"}, {"Your account", "/account"}};
	layout_begin(&w, &(struct page){.title = "How you get sign-in codes", .has_errors = error != NULL, .nav = "/account",
					.crumbs = crumbs, .ncrumbs = 2});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (error)
		govuk_error_summary(&w, &(struct govuk_error){phone_offered(rq->cfg) ? "phone" : "ways", error}, 1);
	else
		session_flash_banner(&w, rq);
	H_RAW(&w, "<h1 class=\"govuk-heading-l\">How you get sign-in codes</h1>\n"
		  "<p class=\"govuk-body\">Each time you sign in, you enter your password and then a code from one of these. "
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
			phone_fields(&w, rq, error, p.phone ? "Use this number instead" : "Send codes to this phone");
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
	H_RAW(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account\">Back to your account</a></p>\n</div></div>\n");
	layout_end(&w);
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

bool recovery_codes_taken(struct req *rq, struct resp *rs)
{
	const char *all = rq->session ? rq->session->flash_secret : NULL;
	if (!all)
		return false;
	char codes[RECOVERY_COUNT][RECOVERY_LEN + 1];
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		size_t len = strcspn(all, " ");
		if (!len || len > RECOVERY_LEN)
			return false;
		memcpy(codes[i], all, len);
		codes[i][len] = '\0';
		all += len + (all[len] == ' ');
	}
	recovery_codes_page(rs, rq->session->flash ? rq->session->flash : "Your recovery codes", (const char (*)[RECOVERY_LEN + 1])codes);
	return true;
}

void recovery_codes_page(struct resp *rs, const char *title, const char (*codes)[RECOVERY_LEN + 1])
{
	struct html w = resp_html(rs);
	layout_begin(&w, &(struct page){.title = title});
	H_RAW(&w, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
		  "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">");
	html_text(&w, title);
	H_RAW(&w, "</h1></div>\n"
		  "<h2 class=\"govuk-heading-m\">Your recovery codes</h2>\n"
		  "<p class=\"govuk-body\">If you cannot get a code (a lost phone, say), sign in with one of these instead. Each code works once.</p>\n"
		  "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>"
		  "Keep them somewhere safe now, for example in a password manager or printed out. You will not see them again.</strong></div>\n"
		  "<ul class=\"govuk-list mh-codes\" id=\"recovery-codes\">");
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		H_RAW(&w, "<li><code>");
		html_text(&w, codes[i]);
		H_RAW(&w, "</code></li>");
	}
	H_RAW(&w, "</ul>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account\">Continue to your account</a></p>\n</div></div>\n");
	layout_end(&w);
}

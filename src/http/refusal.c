/* refusal.c - see refusal.h. */
#include "http/refusal.h"

#include "core/util.h"

static const struct http_header headers[] = {
	{"Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
				    "img-src 'self'; font-src 'self'; connect-src 'self'; "
				    "manifest-src 'self'; form-action 'self'; base-uri 'none'; "
				    "frame-ancestors 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
	{"X-Frame-Options", "DENY"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
};

/* a browser then never tries plain http for the site, nor its subdomains,
 * for a year */
const struct http_header hsts_header = {"Strict-Transport-Security", "max-age=31536000; includeSubDomains"};

const struct http_header *security_headers(size_t *n)
{
	*n = ARRAY_LEN(headers);
	return headers;
}

static const char UNAVAILABLE[] = "Sorry, the service is unavailable";
static const char SHORTLY[] = "You will be able to use the service again shortly.";
static const char BAD_REQUEST[] = "There is a problem with the request";
static const char TOO_LARGE[] = "The request is too large";
static const char CHECK_ADDRESS[] = "If you typed the web address, check it is correct.";

static const struct refusal refusals[] = {
	{400, BAD_REQUEST, "The request could not be understood. Check the web address."},
	{404, "Page not found", CHECK_ADDRESS},
	{405, "Method not allowed", "This page cannot be used that way."},
	{413, TOO_LARGE, "The data sent was larger than this service accepts."},
	{414, "The web address is too long", CHECK_ADDRESS},
	{429, "Too many requests", "There have been too many requests from your network. Try again in a few minutes."},
	{431, TOO_LARGE, "Your browser sent more with the request than this service accepts. "
			 "Clear this site's cookies in your browser, then try again."},
	{500, "Sorry, there is a problem with the service", "Try again later."},
	{501, "Not implemented", "This service does not know that method."},
	{502, UNAVAILABLE, SHORTLY},
	{503, UNAVAILABLE, SHORTLY},
	{504, UNAVAILABLE, SHORTLY},
	{505, BAD_REQUEST, "Your browser used a version of HTTP this service does not support. Try another browser."},
};

const struct refusal *refusal_of(int status)
{
	for (size_t i = 0; i < ARRAY_LEN(refusals); i++)
		if (refusals[i].status == status)
			return &refusals[i];
	return NULL;
}

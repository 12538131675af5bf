/* assets.c - see assets.h. Hashes with libsodium's BLAKE2b. */
#include "core/assets.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/embedded.h"
#include "core/util.h"

#define ASSETS_MAX 32

static struct asset assets[ASSETS_MAX];
static size_t nassets;

static const char *content_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".ico", "image/x-icon"},
		{".woff2", "font/woff2"},
		{".json", "application/json"},
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < ARRAY_LEN(types); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

void assets_init(void)
{
	if (sodium_init() < 0)
		fatal("libsodium failed to initialise");
	nassets = 0;
	for (size_t i = 0; i < embedded_count; i++) {
		const struct embedded_file *f = &embedded_files[i];
		if (!str_starts(f->name, "assets/"))
			continue;
		if (nassets == ASSETS_MAX)
			fatal("too many assets; raise ASSETS_MAX");
		unsigned char h[16];
		crypto_generichash(h, sizeof(h), f->data, f->len, NULL, 0);
		char hex[33];
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		hex[12] = '\0';
		const char *name = f->name + strlen("assets/");
		const char *dot = strrchr(name, '.');
		size_t stem = dot ? (size_t)(dot - name) : strlen(name);
		char url[256], etag[40];
		snprintf(url, sizeof(url), "/assets/%.*s-%s%s", (int)stem, name, hex, dot ? dot : "");
		snprintf(etag, sizeof(etag), "\"%s\"", hex);
		assets[nassets++] = (struct asset){
			.name = name,
			.url = xstrdup(url),
			.etag = xstrdup(etag),
			.content_type = content_type(name),
			.data = f->data,
			.len = f->len,
		};
	}
}

const char *assets_url(const char *name)
{
	for (size_t i = 0; i < nassets; i++)
		if (!strcmp(assets[i].name, name))
			return assets[i].url;
	assert(!"unknown asset");
	return "/assets/missing";
}

const struct asset *assets_by_url(const char *url)
{
	for (size_t i = 0; i < nassets; i++)
		if (!strcmp(assets[i].url, url))
			return &assets[i];
	return NULL;
}

const struct asset *assets_all(size_t *n)
{
	*n = nassets;
	return assets;
}

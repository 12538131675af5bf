/* fuzz_url.c - a raw request target (path and query) through url_parse_target,
 * and the URL writer's round trip: whatever a decoded segment holds,
 * url_path_join writes it so that it decodes back to itself. */
#include "fuzz.h"

#include "core/arena.h"
#include "core/url.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *target = fuzz_string(data, size);
	struct arena *a = arena_new();
	char *path;
	struct url_param *params;
	size_t n;
	if (url_parse_target(a, target, 64, &path, &params, &n) == ERR_OK) {
		FUZZ_ASSERT(utf8_valid(path, strlen(path)));
		FUZZ_ASSERT(n <= 64);
		for (size_t i = 0; i < n; i++) {
			FUZZ_ASSERT(utf8_valid(params[i].name, strlen(params[i].name)));
			FUZZ_ASSERT(utf8_valid(params[i].value, strlen(params[i].value)));
		}
		/* the decoded path as one segment: written, then read back */
		char *written = url_path_join(a, "/x/", path);
		char *back;
		FUZZ_ASSERT(url_decode(a, written + 3, strlen(written + 3), false, &back) == ERR_OK);
		FUZZ_ASSERT(!strcmp(back, path));
		FUZZ_ASSERT(!strpbrk(written + 3, "/?#<>\"' &"));
	}
	arena_free(a);
	free(target);
	return 0;
}

/* fuzz_html.c - any bytes through the HTML writer's escaping: what comes out
 * is valid UTF-8 with no character that could open markup or leave an
 * attribute, whatever went in. */
#include "fuzz.h"

#include "core/buf.h"
#include "core/utf8.h"
#include "html/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = {0};
	struct html w = html_writer_on(&b);
	html_textn(&w, (const char *)data, size);
	FUZZ_ASSERT(utf8_valid(b.data ? b.data : "", b.len));
	for (size_t i = 0; i < b.len; i++) {
		FUZZ_ASSERT(b.data[i] != '<' && b.data[i] != '>' && b.data[i] != '"' && b.data[i] != '\'');
		if (b.data[i] == '&') /* only as an entity */
			FUZZ_ASSERT(memchr(b.data + i, ';', b.len - i) != NULL);
	}
	buf_free(&b);
	return 0;
}

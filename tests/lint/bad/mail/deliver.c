/* A fixture for scripts/lint-html: markup in the MIME file is reported. */
static void bad(struct buf *m, const char *html)
{
	buf_puts(m, "<p>Hello</p>");
	buf_puts(m, html);
}

/* A fixture for scripts/lint-html: an email's HTML with printf is reported. */
static void bad(struct buf *h, const char *name)
{
	buf_printf(h, "<p>Hello %s</p>", name);
}

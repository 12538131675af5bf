/* A fixture for scripts/lint-html: each line below must be reported. */
static void bad(struct html *w, const char *name)
{
	html_raw_(w, name, strlen(name));
	buf_puts(w->out, name);
}

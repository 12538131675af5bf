/* A fixture for scripts/lint-html's rule 4: a capability writing a
 * response body itself (as ops.c and admin/audit.c once did); each line
 * below must be reported. */
static void bad(struct resp *rs, const char *name)
{
	metrics_render(&rs->body);
	buf_free(&rs->body);
	csv_writer_on(&rs->body, true);
	rs->body.len = strlen(name);
}

/* xlsx.c - see xlsx.h. */
#include "core/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/utf8.h"

#define XLSX_MAX_TEXT 32767 /* Excel's limit for a cell, in characters */

struct xlsx_writer xlsx_writer_on(struct buf *out, const char *sheet)
{
	struct xlsx_writer x = {.out = out};
	const char *tmp = getenv("TMPDIR");
	snprintf(x.path_, sizeof(x.path_), "%s/mathshubs-xlsx-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	int fd = mkstemp(x.path_);
	if (fd < 0) {
		log_msg("error", "xlsx: cannot make a temporary file in %s", tmp && tmp[0] ? tmp : "/tmp");
		x.path_[0] = '\0';
		x.failed = true;
		return x;
	}
	close(fd);
	char *env_tmp = getenv("TMPDIR"); /* libxlsxwriter's own temporary files go there too */
	lxw_workbook_options opt = {.tmpdir = env_tmp && env_tmp[0] ? env_tmp : NULL};
	lxw_workbook *wb = workbook_new_opt(x.path_, &opt);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, sheet) : NULL;
	if (!ws) {
		log_msg("error", "xlsx: libxlsxwriter cannot start a workbook");
		x.failed = true;
		return x;
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "d mmm yyyy");
	lxw_format *places2 = workbook_add_format(wb);
	format_set_num_format(places2, "0.00");
	lxw_format *percent = workbook_add_format(wb);
	format_set_num_format(percent, "0%");
	x.workbook_ = wb;
	x.places2_ = places2;
	x.percent_ = percent;
	x.sheet_ = ws;
	x.bold_ = bold;
	x.date_ = date;
	return x;
}

/* text as valid UTF-8 without control characters, at most XLSX_MAX_TEXT
 * characters, in b; returns its length in characters. */
static size_t clean(struct buf *b, const char *s)
{
	size_t n = strlen(s), chars = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (n && chars < XLSX_MAX_TEXT) {
		size_t k = utf8_seq_len(p, n);
		if (!k) {
			buf_puts(b, "\xEF\xBF\xBD");
			k = 1;
		} else if (k == 1 && (*p < 0x20 || *p == 0x7F) && *p != '\t' && *p != '\n') {
			buf_putc(b, ' ');
		} else {
			buf_append(b, p, k);
		}
		p += k;
		n -= k;
		chars++;
	}
	buf_putc(b, '\0');
	return chars;
}

static void widen(struct xlsx_writer *x, size_t chars)
{
	if (x->col < sizeof(x->widths_) / sizeof(x->widths_[0]) && (double)chars > x->widths_[x->col])
		x->widths_[x->col] = (double)chars;
}

static void text_cell(struct xlsx_writer *x, const char *text, lxw_format *f)
{
	if (!x->sheet_)
		return;
	if (text && text[0]) {
		struct buf b = {0};
		size_t chars = clean(&b, text);
		if (worksheet_write_string(x->sheet_, x->row, x->col, b.data, f) != LXW_NO_ERROR)
			x->failed = true;
		widen(x, chars);
		buf_free(&b);
	}
	x->col++;
}

void xlsx_header(struct xlsx_writer *x, const char *const *heads, size_t n)
{
	for (size_t i = 0; i < n; i++)
		text_cell(x, heads[i], x->bold_);
	if (x->sheet_ && n) {
		worksheet_freeze_panes(x->sheet_, x->row + 1, 0);
		x->ncols = (uint16_t)n;
	}
	xlsx_row_end(x);
}

void xlsx_cell(struct xlsx_writer *x, const char *text)
{
	text_cell(x, text, NULL);
}

void xlsx_cell_int(struct xlsx_writer *x, int64_t v)
{
	if (x->sheet_ && worksheet_write_number(x->sheet_, x->row, x->col, (double)v, NULL) != LXW_NO_ERROR)
		x->failed = true;
	char digits[24];
	widen(x, (size_t)snprintf(digits, sizeof(digits), "%lld", (long long)v));
	x->col++;
}

/* v as a number cell in format f, as wide as its text shown (digits). */
static void number_cell(struct xlsx_writer *x, double v, lxw_format *f, const char *shown)
{
	if (x->sheet_ && worksheet_write_number(x->sheet_, x->row, x->col, v, f) != LXW_NO_ERROR)
		x->failed = true;
	widen(x, strlen(shown));
	x->col++;
}

void xlsx_cell_real(struct xlsx_writer *x, double v)
{
	char digits[32];
	snprintf(digits, sizeof(digits), "%.2f", v);
	/* rounded to the two places shown: the number read is the number seen */
	number_cell(x, strtod(digits, NULL), x->places2_, digits);
}

void xlsx_cell_percent(struct xlsx_writer *x, double v)
{
	char digits[32];
	snprintf(digits, sizeof(digits), "%.0f%%", v * 100);
	number_cell(x, v, x->percent_, digits);
}

void xlsx_cell_code(struct xlsx_writer *x, const char *text)
{
	if (x->col < 32)
		x->code_cols_ |= 1u << x->col;
	text_cell(x, text, NULL);
}

/* The date of "YYYY-MM-DD" (a real one, 1900 to 9999), or false. */
static bool parse_date(const char *s, lxw_datetime *d)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	*d = (lxw_datetime){.year = atoi(s), .month = atoi(s + 5), .day = atoi(s + 8)};
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (d->year % 4 == 0 && d->year % 100 != 0) || d->year % 400 == 0;
	return d->year >= 1900 && d->month >= 1 && d->month <= 12 && d->day >= 1 && d->day <= days[d->month - 1] &&
	       (d->month != 2 || d->day <= 28 || leap);
}

void xlsx_cell_date(struct xlsx_writer *x, const char *ymd)
{
	lxw_datetime d;
	if (!ymd || !ymd[0] || !parse_date(ymd, &d)) {
		text_cell(x, ymd, NULL);
		return;
	}
	if (x->sheet_ && worksheet_write_datetime(x->sheet_, x->row, x->col, &d, x->date_) != LXW_NO_ERROR)
		x->failed = true;
	widen(x, 11); /* "30 Jun 2020" */
	x->col++;
}

/* "A2:A1048576 G2:G1048576": the rows under the header of the code columns. */
static void ignore_number_as_text(struct xlsx_writer *x)
{
	char range[32 * 24] = "";
	size_t len = 0;
	for (int c = 0; c < 32; c++) {
		if (!(x->code_cols_ & (1u << c)))
			continue;
		char col[LXW_MAX_COL_NAME_LENGTH];
		lxw_col_to_name(col, (lxw_col_t)c, false);
		len += (size_t)snprintf(range + len, sizeof(range) - len, "%s%s2:%s1048576", len ? " " : "", col, col);
	}
	if (len && worksheet_ignore_errors(x->sheet_, LXW_IGNORE_NUMBER_STORED_AS_TEXT, range) != LXW_NO_ERROR)
		x->failed = true;
}

void xlsx_row_end(struct xlsx_writer *x)
{
	x->row++;
	x->col = 0;
}

enum err xlsx_finish(struct xlsx_writer *x)
{
	enum err e = x->failed ? ERR_SYSTEM : ERR_OK;
	if (x->workbook_) {
		if (x->ncols) {
			worksheet_autofilter(x->sheet_, 0, 0, x->row ? x->row - 1 : 0, (lxw_col_t)(x->ncols - 1));
			for (uint16_t c = 0; c < x->ncols && c < sizeof(x->widths_) / sizeof(x->widths_[0]); c++) {
				double w = x->widths_[c] + 2;
				worksheet_set_column(x->sheet_, c, c, w < 8 ? 8 : w > 60 ? 60 : w, NULL);
			}
		}
		ignore_number_as_text(x);
		lxw_error le = workbook_close(x->workbook_);
		x->workbook_ = x->sheet_ = x->bold_ = x->date_ = x->places2_ = x->percent_ = NULL;
		if (le != LXW_NO_ERROR) {
			log_msg("error", "xlsx: libxlsxwriter: %s", lxw_strerror(le));
			e = ERR_SYSTEM;
		}
	}
	if (!e) {
		FILE *f = fopen(x->path_, "rb");
		char chunk[65536];
		size_t n;
		while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_append(x->out, chunk, n);
		if (!f || ferror(f)) {
			log_msg("error", "xlsx: cannot read the workbook back from %s", x->path_);
			e = ERR_SYSTEM;
		}
		if (f)
			fclose(f);
	}
	if (x->path_[0])
		unlink(x->path_);
	x->path_[0] = '\0';
	return e;
}

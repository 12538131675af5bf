/*
 * gias.h - reading the DfE's GIAS ("Get Information about Schools") files
 * into checked rows. Pure: bytes in, rows and rejections out through
 * callbacks; no database, no files (gias_import.h writes the rows).
 *
 * The files people have:
 *  - the establishments file, edubasealldata*.csv: "(code)"/"(name)"
 *    column pairs, 120 to 135+ columns by year, quoted or not, rows longer
 *    than the header;
 *  - the GIAS website's search-results download: "(name)" columns only,
 *    and a last column "Linked establishments" ("148213 Successor", or
 *    "Does not have links") whose further links spill into extra fields;
 *  - the links file, links_edubasealldata.csv: URN, LinkURN, LinkName,
 *    LinkType, LinkEstablishedDate.
 * Columns are found by their header name (any case), never by position.
 * Encoding: Windows-1252 as GIAS publishes, or UTF-8 (with or without a
 * byte-order mark). The caller says which (encoding_detect): ENC_UTF8 for a
 * file that is valid UTF-8 throughout; ENC_CP1252 for any other, whose
 * lines are then each read in their own encoding (a line that is valid
 * UTF-8 as UTF-8, any other as Windows-1252: line_decoder in
 * core/encoding.h), so that a file pieced together from both is not
 * garbled; gias_reader_encoding names what was found. UTF-16 is refused by
 * name. A file with a NUL byte, or a row over 1 MB, is refused (core/csv.h).
 * Every value is trimmed and made one line (line breaks, tabs and other
 * control characters folded to a space) and at most GIAS_MAX_NAME or
 * GIAS_MAX_FIELD characters long.
 *
 * Children's centres are not imported: they are not schools, GIAS
 * publishes them apart from the establishments (edubaseallchildrencentre
 * .csv, with no phase of education) and their URNs have 5 digits where a
 * school's has 6 or 7. That file is refused with a message saying so, and
 * children's centre rows of a website download are skipped and counted.
 */
#ifndef MH_GIAS_H
#define MH_GIAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/err.h"

enum gias_kind {
	GIAS_ANY,            /* whichever the header says (gias_reader_new) */
	GIAS_ESTABLISHMENTS, /* edubasealldata or the website's download */
	GIAS_LINKS,          /* links_edubasealldata */
};

/* A link: from a links file, or from a download's "Linked establishments"
 * (then name is "" and date NULL). */
struct gias_link {
	size_t line;
	const char *urn, *link_urn, *name, *type;
	const char *date; /* YYYY-MM-DD, or NULL */
};

#define GIAS_MAX_LINKS 32

/* The longest value a column may have, in characters: GIAS's longest names
 * are about 100 characters and its longest other values (websites) under
 * 200, so anything longer is not GIAS's (and would be stored and shown on
 * every page that lists it). A row with a longer value is invalid. */
#define GIAS_MAX_NAME 250   /* EstablishmentName, LA (name), Trusts (name), LinkName */
#define GIAS_MAX_FIELD 1000 /* any other */

/* One establishment, checked: urn 6 or 7 digits, name not empty, status
 * one of open, closed, open_proposed_to_close, proposed_to_open, phase one
 * of GIAS's (gias_phases), dates YYYY-MM-DD or NULL, numbers >= 0 or -1
 * (not given), la_code 3 digits (or "0", GIAS's "Does not apply"). Text is
 * trimmed and one line, as GIAS spells it otherwise. Valid during the
 * callback only. */
struct gias_school {
	size_t line;
	const char *urn, *name, *la_code, *la_name, *number, *type, *type_group, *phase, *status;
	const char *open_date, *open_reason, *close_date, *close_reason;
	int64_t low_age, high_age, pupils;
	const char *trust_code, *trust_name;
	const char *street, *locality, *address3, *town, *county, *postcode, *website, *telephone;
	const char *region, *ukprn, *changed_on;
	char digest[33]; /* hex of a hash of every field above but line: equal rows, equal digests */
	struct gias_link links[GIAS_MAX_LINKS]; /* its "Linked establishments", if the file has them */
	size_t nlinks;
};

/* The phases of education GIAS uses, as it spells them. */
extern const char *const gias_phases[8];

/* What the reader calls. Each returns ERR_OK to go on, or an error to stop
 * (then gias_reader_feed returns it; say why with gias_reader_fail). */
struct gias_handlers {
	enum err (*school)(void *ctx, const struct gias_school *s);
	enum err (*link)(void *ctx, const struct gias_link *l);
	/* a row that is not valid: its line, URN and name as the file has
	 * them (perhaps ""), and why ("the URN must be 6 or 7 digits") */
	enum err (*reject)(void *ctx, size_t line, const char *urn, const char *name, const char *reason);
};

struct gias_reader;

/* A reader of a file of the given kind (GIAS_ANY: either) in encoding enc
 * (ENC_UTF16 makes every feed fail with a message). Never NULL. */
struct gias_reader *gias_reader_new(enum gias_kind kind, enum text_encoding enc, const struct gias_handlers *h,
				    void *ctx);
void gias_reader_free(struct gias_reader *r); /* NULL is a no-op */

/* The next n bytes of the file, as it is (a byte-order mark included). */
enum err gias_reader_feed(struct gias_reader *r, const char *data, size_t n);
/* The end of the file. */
enum err gias_reader_end(struct gias_reader *r);

/* Why the reading stopped: "line 7: the URN must be 6 or 7 digits", "this is
 * GIAS's children's centres file ...". "" while it has not. */
const char *gias_reader_message(const struct gias_reader *r);
/* Records why a handler stops the reading (printf). */
void gias_reader_fail(struct gias_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The file's encoding, once read, for people: name ("UTF-8",
 * "Windows-1252", or "Windows-1252 and UTF-8" when its lines are in both)
 * and, for a file in both, a note naming the lines of the fewer ("Lines 2
 * and 3 are in UTF-8, the others in Windows-1252: ..."; else ""). enc is
 * the encoding the reader was made with. */
void gias_reader_encoding(const struct gias_reader *r, enum text_encoding enc, char *name, size_t namelen, char *note,
			  size_t notelen);

/* What the header said the file is (GIAS_ANY before the header is read). */
enum gias_kind gias_reader_kind(const struct gias_reader *r);
/* Data rows read, and children's centre rows skipped. */
size_t gias_reader_rows(const struct gias_reader *r);
size_t gias_reader_skipped(const struct gias_reader *r);

/* ---- writing rows back (the upload page keeps a checked file's rows) ----
 *
 * A school or link written here and read again by a reader is the same
 * row, with the same digest: a GIAS file of the columns the registry reads
 * (dates as yyyy-mm-dd, which the reader takes), through a plain CSV
 * writer (csv_writer_plain: no spreadsheet's formula guard, the text stays
 * as it is). The "Linked establishments" of a school are not written: they
 * go with the links. */

/* The header line of a file of schools / of links. */
void gias_write_schools_header(struct csv_writer *w);
void gias_write_links_header(struct csv_writer *w);
/* One row. */
void gias_write_school(struct csv_writer *w, const struct gias_school *s);
void gias_write_link(struct csv_writer *w, const struct gias_link *l);

/* ---- the checks, one value at a time (exported for the unit tests) ---- */

/* GIAS's status name ("Open, but proposed to close") to the stored one
 * ("open_proposed_to_close"), or NULL. */
const char *gias_status(const char *name);
/* The phase as GIAS spells it, for the name in any case, or NULL. */
const char *gias_phase(const char *name);
/* "dd-mm-yyyy" (GIAS), "dd/mm/yyyy" (a spreadsheet's) or "yyyy-mm-dd", a
 * real date, to "yyyy-mm-dd" in out (11 bytes). "" gives true with out "". */
bool gias_date(const char *s, char out[11]);
/* A URN: 6 or 7 digits. */
bool gias_urn_valid(const char *s);

#endif

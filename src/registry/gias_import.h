/*
 * gias_import.h - the GIAS import: files read by gias.h written into the
 * registry, in the caller's one write transaction. The command
 * (`mathshubs import-gias`) and the upload page run this same code.
 *
 * Schools are upserted by URN. Each row's digest (gias.h) is compared with
 * the one stored: the same digest is "unchanged" and nothing is written,
 * so a second import of the same file changes nothing. A row whose GIAS
 * LastChangedDate is older than the one the registry holds for its URN is
 * "older" and changes nothing either (an older file imported after a newer
 * one, or an upload checked before another import and confirmed after it,
 * never reopens a school GIAS has closed since): it is counted and said.
 * A row of the same date with other values is updated (GIAS corrects
 * records without always changing their date), and so is a row when
 * either date is missing (nothing to compare). A school the file
 * does not mention is left as it is (a download may hold one local
 * authority). Local authorities the registry does not know are added
 * (an existing one's name is never overwritten; a missing name or region
 * is filled in); trusts are matched by code, or by name when the file has
 * names only (the website's download), and added when new. Links are
 * upserted by (URN, LinkURN, LinkType); a download's link, which has no
 * name or date, never blanks those of a link already held.
 *
 * All or nothing: an invalid row stops the run (ERR_INVALID, with its line
 * and reason in msg), and the caller's transaction rolls back; with
 * skip_invalid the row is counted, listed, and the run goes on.
 */
#ifndef MH_GIAS_IMPORT_H
#define MH_GIAS_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/buf.h"
#include "core/encoding.h"
#include "core/err.h"
#include "registry/gias.h"

struct db;
struct req;

/* What a run did. closed counts schools the file closes (open before, closed
 * now); updated counts the other changed ones; older the rows older than
 * the registry's, kept as they are: new + updated + closed + unchanged +
 * older + rejected + skipped = rows. Links are counted once each, however
 * many rows name them (link_rows counts rows): links_created +
 * links_updated + links_unchanged is how many links the files hold. */
struct gias_counts {
	size_t rows, created, updated, closed, unchanged, older, rejected, skipped;
	size_t link_rows, links_created, links_updated, links_unchanged, links_rejected;
	size_t trusts_created, las_created;
};

/* One file of a run: read from the start by read (called until it gives 0;
 * -1 is an error), each time the run starts (a transaction run again
 * reads it again: rewind lets it). */
struct gias_file {
	const char *name; /* for messages and the rejected rows' report: "edubasealldata.csv" */
	enum gias_kind kind;
	enum text_encoding enc;
	int (*rewind)(void *ctx);
	ssize_t (*read)(void *ctx, char *buf, size_t n);
	void *ctx;
};

/* A row that cannot be imported: which file and line, what it names, why. */
struct gias_rejected {
	const char *file;
	size_t line;
	const char *urn, *name, *reason;
};

/* The report of rejected rows, one CSV for the command's file (--rejects)
 * and the upload page's download: its header (File, Line, URN, Name,
 * Reason), then a row for each. */
struct csv_writer;
void gias_rejected_header(struct csv_writer *w);
void gias_rejected_row(struct csv_writer *w, const struct gias_rejected *r);

/* A local authority the registry did not know (it has no hub until one is
 * set on /admin/hub-areas): its code and the file's name for it. */
struct gias_new_la {
	char code[4];
	char name[124];
};
#define GIAS_FIRST_NEW_LAS 20

/* What the registry holds that a run's counts depend on (schools' digests,
 * local authorities, trusts, links), as 32 hex digits: equal fingerprints,
 * equal counts for the same file. */
#define GIAS_FINGERPRINT_LEN 32

struct gias_run {
	/* in */
	struct gias_file files[2]; /* establishments and/or links, in that order */
	size_t nfiles;
	bool skip_invalid;
	bool dry_run; /* count what would change and write nothing (the upload's summary) */
	/* rows a check dropped before the run (the upload page keeps only the
	 * valid ones): its rejected and skipped rows, added to the counts */
	size_t rejected_before, skipped_before, links_rejected_before;
	/* the registry's fingerprint when the file was checked (the upload's
	 * confirmation), or NULL: when it is not the registry's now, the run
	 * sets stale and goes on as a dry run (its counts: what importing
	 * would do now), writing nothing */
	const char *register_was;
	int64_t actor_id;      /* for the audit log (0: the command line) */
	const struct req *rq;  /* the request, or NULL */
	/* called every few thousand rows and at the end of each file (may be NULL) */
	void (*progress)(void *ctx, const struct gias_run *run, size_t bytes, bool done);
	void *progress_ctx;
	/* called after each valid school and link is counted (the upload stages
	 * them; may be NULL): an error stops the run */
	enum err (*each_school)(void *ctx, const struct gias_school *s);
	enum err (*each_link)(void *ctx, const struct gias_link *l);
	/* with skip_invalid, called for each row rejected (may be NULL: the
	 * upload keeps them, for its page and its download) */
	enum err (*each_rejected)(void *ctx, const struct gias_rejected *r);
	void *each_ctx;
	/* out, set afresh by every run */
	struct gias_counts counts;
	size_t file_rows[2];       /* the data rows of each file */
	int failed_file;           /* the file (0 or 1) whose problem stopped the run, or -1 */
	struct buf rejected_csv; /* the report of every rejected row (gias_rejected_header, gias_rejected_row) */
	struct gias_new_la new_las[GIAS_FIRST_NEW_LAS]; /* the first of counts.las_created */
	size_t nnew_las;
	char fingerprint[GIAS_FINGERPRINT_LEN + 1]; /* the registry's, before the run wrote anything */
	bool stale;              /* register_was is not fingerprint: nothing was written */
	/* each file's encoding ("Windows-1252"; "Windows-1252 and UTF-8") and,
	 * for a file in both, which lines are in which (gias_reader_encoding) */
	char encoding[2][40];
	char encoding_note[2][200];
	char msg[600];           /* why the run stopped */
};

/* The body of a write transaction (db_transact): reads the run's files
 * and writes them into the registry, then audits "schools_imported" with
 * the counts (not in a dry run). Sets every output afresh. Returns ERR_OK;
 * ERR_INVALID with run->msg (a file that is not GIAS's, an invalid row
 * without skip_invalid: nothing must be committed); ERR_SYSTEM (a file
 * could not be read, run->msg); or the database's error. */
enum err gias_import_run(struct db *db, void *run);

/* Frees what a run holds (its rejected rows' report). */
void gias_run_free(struct gias_run *run);

struct arena;

/* What a run did (or would do) to links between schools, in words, in a:
 * "34,046 links between schools: 34,046 new"; on a second import of the
 * same files "34,046 links between schools: no change"; else the new,
 * updated and unchanged ones ("...: 2 new, 34,044 unchanged"), then "; 3
 * rows rejected" when some were. Each link once, however many rows of the
 * files name it. NULL when the run read no link. The command's summary
 * and the upload's pages say this. */
const char *gias_links_text(struct arena *a, const struct gias_counts *c);

/* Whether the run wrote nothing (every row unchanged, no new link). */
bool gias_counts_nothing_changed(const struct gias_counts *c);

#endif

/*
 * register_match.h - a paper sign-in sheet, typed up and uploaded as CSV,
 * read into rows and matched to a session's participants. Pure: no
 * database, no clock; everything lives in the caller's arena.
 *
 * The file: as people have it (core/csv_upload: UTF-8 with or without a
 * byte-order mark, or Windows-1252 from Excel; CR LF; ragged rows; blank
 * lines skipped). A title may come before the row naming the columns
 * (one of the first REGISTER_HEADER_WITHIN rows), whose headings are read
 * in any order, case and punctuation, other columns ignored:
 *   name       Name, Full name, Participant, Delegate, Print name, ... or
 *              First name (Forename) with Last name (Surname): one or the other is needed
 *   school     School, School name, Setting, Organisation (a URN alone in it is read as the URN)
 *   URN        URN, School URN
 *   mark       Mark, Attendance, Attended, Present, Status
 *   signature  Signature, Signed, Initials, Sign in
 *
 * The mark of a row (reg_mark_read says which words are read):
 *   - the mark column's word, when it has one;
 *   - else, with a signature column: signed is present, not signed is
 *     absent (the printed sheet lists every participant, so an empty box
 *     is someone who did not come); a signature box holding a word of
 *     three letters or more that is a mark ("Apols", "Late", "Absent")
 *     gives that mark, as organisers write in the box of someone who
 *     sent apologies;
 *   - else, with a mark column whose box is empty: absent (a column of
 *     ticks, the empty ones not ticked);
 *   - else (a plain list of names): present, the list being who came.
 * A mark that is not one of the words is not guessed: the row keeps
 * REG_MARK_UNREAD and says why in mark_problem.
 *
 * Matching. Names are compared folded (registry/search_text's
 * search_fold: case, accents, apostrophes and punctuation do not count;
 * "Zoë O'Neil" is "zoe oneil"), with a title dropped ("Mrs", "Dr", ...)
 * and "Archer, Ann" read as "Ann Archer". A school on the row is the
 * participant's when its URN is the participant school's or one of its
 * predecessors' or successors' (the lineage), or when its name, folded
 * (a leading "The" dropped, "Saint" as "St", "Church of England", "C of E"
 * and "CofE" as "CE"), is that school's or begins it word for word or is
 * begun by it ("St Mary's" is "St Mary's CE Primary School"). Then, of
 * the participants called by the row's name:
 *   - no school on the row: exactly one is REG_MATCHED; several are REG_AMBIGUOUS;
 *   - a school on the row: exactly one at that school is REG_MATCHED
 *     (the only one of that name, without a school in the activity, is too);
 *     several at it are REG_AMBIGUOUS; none at it: REG_AMBIGUOUS when
 *     several have the name, REG_UNMATCHED (the one of that name offered
 *     as a candidate) when one has;
 *   - nobody called that: REG_UNMATCHED (participants with the same
 *     surname offered as candidates); so is a row with no name.
 * A participant matched by an earlier row makes the later one
 * REG_DUPLICATE (not recorded; first_line says which row counts).
 */
#ifndef MH_ACTIVITIES_REGISTER_MATCH_H
#define MH_ACTIVITIES_REGISTER_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* The most rows a sheet may have (a national cohort's session, with room to spare). */
#define REGISTER_MAX_ROWS 2000
/* The largest file read: 1 MB. */
#define REGISTER_MAX_BYTES (1024 * 1024)
/* The row naming the columns is one of the first this many. */
#define REGISTER_HEADER_WITHIN 10

/* A register mark: register_marks.mark's four words, or none read. Their
 * keys and names are activities_marks' (activities.h), in this order. */
enum reg_mark { REG_MARK_UNREAD, REG_PRESENT, REG_LATE, REG_ABSENT, REG_APOLOGIES };

/* "present", "late", "absent", "apologies" (the database's words); "" for REG_MARK_UNREAD. */
const char *reg_mark_key(enum reg_mark m);
/* "Present", "Late", "Absent", "Apologies given"; "Not read". */
const char *reg_mark_name(enum reg_mark m);
/* The mark a key names (reg_mark_key's words); false for anything else. */
bool reg_mark_from_key(const char *key, enum reg_mark *m);

/* The mark a cell of a sheet says, in any case and punctuation:
 *   present:   present, P, Y, yes, attended, here, 1, x (a mark in the box), / (as a school register has it),
 *              ticks ✓ ✔ ☑ ✅ and ü (Excel's Wingdings tick, as a CSV file keeps it)
 *   late:      late, L, arrived late, late arrival
 *   absent:    absent, A, N, no, 0, did not attend, DNA, not present, no show, crosses ✗ ✘ ☒ ❌ and û (Wingdings)
 *   apologies: apologies, apols, apol, apology, apologies given, sent apologies, Ap, E, excused
 * False for anything else (an empty cell too). */
bool reg_mark_read(const char *cell, enum reg_mark *m);

/* A school a participant takes part for, or one in its lineage. */
struct reg_school {
	const char *urn;  /* NULL or "": not known */
	const char *name; /* NULL or "": not known */
};

/* A participant of the session's activity, as the caller read it. */
struct reg_participant {
	int64_t id;                      /* activity_participants.id */
	const char *name;                /* the person's name */
	struct reg_school school;        /* the school they take part for (both NULL: none) */
	const struct reg_school *lineage;/* its predecessors and successors (GIAS links), or NULL */
	size_t nlineage;
};

enum reg_status { REG_MATCHED, REG_AMBIGUOUS, REG_UNMATCHED, REG_DUPLICATE, REG_STATUS_COUNT };

/* How a row's mark was reached (see the top of this file). */
enum reg_mark_source {
	REG_FROM_MARK,         /* the mark column's word */
	REG_FROM_SIGNED,       /* signed: present */
	REG_FROM_SIGNATURE,    /* a mark written in the signature box */
	REG_FROM_NOT_SIGNED,   /* the signature box empty: absent */
	REG_FROM_BLANK,        /* the mark column's box empty: absent */
	REG_FROM_LISTED,       /* neither column: on the list, present */
};

struct reg_row {
	size_t line;            /* of the file (1: the first) */
	const char *name;       /* as read (first name and last name joined); "" when none */
	const char *school;     /* the school column as read; "" when none */
	const char *urn;        /* the URN read (the URN column, else a URN in the school column); "" when none */
	const char *name_key;   /* the name as compared (see above) */
	const char *school_key; /* the school's name as compared; "" when none */
	const char *mark_text;  /* the mark column as read; "" when none */
	bool signed_;           /* the signature box has something in it */
	enum reg_mark mark;
	enum reg_mark_source mark_from;
	const char *mark_problem; /* why the mark could not be read, or NULL */
	enum reg_status status;
	size_t participant;     /* REG_MATCHED, REG_DUPLICATE: the index in the caller's array; else SIZE_MAX */
	int64_t participant_id; /* its id; 0 when none */
	const size_t *candidates; /* REG_AMBIGUOUS: those it may be; REG_UNMATCHED: those it might be (indices) */
	size_t ncandidates;
	const char *reason;     /* why a row is not REG_MATCHED, in plain English; NULL when it is */
	size_t first_line;      /* REG_DUPLICATE: the line of the row that matched the participant first */
};

struct reg_sheet {
	const char *problem;    /* why the file cannot be read at all, or NULL */
	struct reg_row *rows;
	size_t n;
	size_t count[REG_STATUS_COUNT]; /* rows by status (after register_sheet_match) */
	size_t unread_marks;    /* rows whose mark could not be read */
	bool has_school, has_mark, has_signature; /* the columns the file has (a URN column is a school column) */
};

/* Reads the len bytes of an uploaded sheet into out (rows with status
 * REG_UNMATCHED and no reason until matched). */
void register_sheet_read(struct arena *a, const char *data, size_t len, struct reg_sheet *out);

/* Matches out's rows to the n participants p (see the top of this file). */
void register_sheet_match(struct arena *a, struct reg_sheet *sheet, const struct reg_participant *p, size_t n);

#endif

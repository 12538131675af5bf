/*
 * search_text.h - the words a school is found by, and a search as the
 * index reads it. Pure (no I/O); everything lives in the caller's arena.
 *
 * Both the index (what the import writes) and every query go through
 * search_fold, so SQLite's FTS5 and PostgreSQL's full-text search are
 * handed the same plain words (a-z and 0-9 separated by one space) and
 * find the same schools: "Ysgol Gymraeg Llundain", "St Mary’s C of E",
 * "Crème de la Crème" and "ST MARYS" are all plain lower-case ASCII by then.
 */
#ifndef MH_REGISTRY_SEARCH_TEXT_H
#define MH_REGISTRY_SEARCH_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* s (UTF-8) as words for the index: letters lower-cased, Latin letters with
 * accents as their plain letters ("é" e, "ŵ" w, "æ" ae, "ß" ss), apostrophes
 * dropped ("Mary’s" marys), "&" the word "and", anything else a break
 * between words; words separated by one space, none at either end. Invalid
 * UTF-8 is a break. "" when s has no letters or digits (or is NULL). */
char *search_fold(struct arena *a, const char *s);

/* The words a school is found by: its name (with "saint" for "st" and the
 * other way round), town, postcode as two words and as one ("ec3a 5de
 * ec3a5de") and URN. */
char *search_terms(struct arena *a, const char *name, const char *town, const char *postcode,
		   const char *urn);

/* The postcode without its space, folded: "EC3A 5DE" -> "ec3a5de". */
char *search_postcode_key(struct arena *a, const char *postcode);

/* At most this many words of a query are used (the rest are ignored). */
#define SEARCH_MAX_WORDS 8
/* A word longer than this is cut (no word of a school is longer). */
#define SEARCH_MAX_WORD 40

/* What someone typed, ready for the index. */
struct search_query {
	const char *match;    /* "aldg* sch*": every word a prefix, all needed ("" when there are none) */
	const char *folded;   /* "aldg sch": the words, for "the name starts with" */
	const char *compact;  /* "aldgsch": the words run together, for "this is the postcode" */
	const char *urn;      /* the URN that was picked or typed (6 digits), or NULL */
	bool picked;          /* urn came from the picker's text "... (URN 100000) ..." */
	size_t nwords;
};

/* Reads a query as a person types it: any words, prefixes of words, a URN,
 * a postcode with or without its space, or the text the school picker
 * gives ("The Aldgate School (URN 100000), London, EC3A 5DE"), in which
 * case urn is that URN (form_school_urn, html/form.h). Returns false when it has no letter or digit. */
bool search_query_parse(struct arena *a, const char *typed, struct search_query *out);

#endif

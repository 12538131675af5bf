/*
 * registry.h - the registry capability: schools from the DfE's GIAS file
 * (with their trusts, links and statuses), local authorities and the hub
 * whose area each is in, "find your Maths Hub", people's schools, LLME
 * designations and accreditations, and each hub's team.
 */
#ifndef MH_REGISTRY_H
#define MH_REGISTRY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "demo/demo.h"
#include "module.h"
#include "registry/school_link.h"

struct arena;
struct db;

extern const struct module registry_module;

/* Its part of the demo data (demo_schools.c: schools, trusts and links). */
extern const struct demo_part registry_demo_parts[1];

/* The school search index (school_search, migration 0010) brought in step
 * with schools: the words of every school that is new, or whose digest has
 * changed since its words were made (or whose words were made by an older
 * search_text.c: SEARCH_WORDS_VERSION), written; a school that is gone
 * takes its row with it (ON DELETE CASCADE). Runs inside the caller's
 * write transaction: the GIAS import calls it once after its upserts, in
 * the same transaction, so a search never sees schools without their
 * words. *changed (may be NULL) is how many rows it wrote. */
enum err school_search_sync(struct db *db, int64_t *changed);

/* Whether a school with this URN is in the register, for a form's school
 * field (FORM_SCHOOL gives the URN; the handler checks it, in its own
 * transaction, and form_fail()s "There is no school with the URN ..."):
 * ERR_OK, ERR_NOT_FOUND, or the database's error. */
enum err school_exists(struct db *db, const char *urn);

struct arena;

/* school_exists, with the school's name (in a) and whether it has closed;
 * name and closed may be NULL. */
enum err school_named(struct db *db, struct arena *a, const char *urn, const char **name, bool *closed);

/* A school's lineage: every predecessor, and (when asked for) every
 * successor, each followed through every link either way round (GIAS may
 * write only one side of a link), at most 30 links away, a cycle ended
 * where it started; each school once, at its nearest, nearest first. The
 * school itself is in neither list. The one reading of school_links'
 * chains: the school's page, what replaced a closed school, and a
 * school's history across academisation (activities) all use it. */
struct school_lineage {
	struct school_link *predecessors, *successors; /* link_type and linked_on NULL */
	size_t npredecessors, nsuccessors;             /* nsuccessors 0 when not asked for */
};
/* School urn's lineage into *out (in a), in the caller's transaction;
 * empty lists for a URN with no links (or not in the register). */
enum err school_lineage(struct db *db, struct arena *a, const char *urn, bool want_successors,
			struct school_lineage *out);

/* Someone's school as the pages about people show it (school_ref_read):
 * its name, whether it has closed, and for a closed one what GIAS records
 * in its place, as the school's page and Find your Maths Hub say it. */
struct school_ref {
	const char *urn;
	const char *name;                    /* "" when the URN is not in the register */
	bool closed;
	const struct school_link *successor; /* closed: the first school that replaced it directly, or NULL */
	const struct school_link *today;     /* closed: the school open in its place today (may be successor), or NULL */
};

/* School urn into *r (in a), in the caller's transaction: ERR_NOT_FOUND
 * (r->name "", not closed) when it is not in the register. */
enum err school_ref_read(struct db *db, struct arena *a, const char *urn, struct school_ref *r);

struct html;

/* After a school's name, when it has closed (nothing otherwise): a grey
 * "Closed" tag; what replaced it ("Its successor is <a>Name</a> (URN n)",
 * linked to its page, and the school open in its place today when that is
 * another); and that their school needs updating: a link to change_href
 * ("change their school"), or, when the reader may not change it
 * (change_href NULL), by whom. */
void school_ref_closed(struct html *w, struct arena *a, const struct school_ref *r, const char *change_href);

/* The school words typed without the picker name (a form's school field
 * with number 0: a name, part of one, a town or a postcode), as the school
 * search finds it, in the caller's transaction: *urn (in a) when exactly
 * one school matches; else *urn NULL and *matches how many do (0, or
 * more than one). */
enum err school_find_one(struct db *db, struct arena *a, const char *typed, const char **urn, int64_t *matches);

#endif

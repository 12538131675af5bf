/*
 * demo_rules.h - how the demo data makes GIAS rows of a register that has
 * only URNs, names, towns, postcodes and dates (the register-trainee-
 * teachers schools.csv): names put right, the phase and type a name
 * suggests, and the local authority of a postcode. Pure (no I/O; the
 * postcode table is data/postcode-districts.csv, compiled in), so each
 * rule is unit-tested.
 */
#ifndef MH_REGISTRY_DEMO_RULES_H
#define MH_REGISTRY_DEMO_RULES_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* That register's names and towns were once decoded as Windows-1251
 * instead of Windows-1252 ("Ecole Franзaise de Londres Jacques Prйvert"):
 * each Cyrillic letter is put back to the Latin letter of its byte
 * ("Ecole Française de Londres Jacques Prévert"). In a. */
char *demo_repair_name(struct arena *a, const char *s);

/* What a school's name suggests it is, as GIAS would name it. */
struct demo_kind {
	const char *phase;      /* GIAS's PhaseOfEducation: "Primary", "Secondary", "Not applicable" ... */
	const char *type;       /* TypeOfEstablishment: "Community school", "Academy sponsor led" ... */
	const char *type_group; /* EstablishmentTypeGroup: "Local authority maintained schools" ... */
	int low_age, high_age;
	bool may_convert;       /* a local authority maintained school that may become an academy */
	bool academy;
	bool independent;
};

/* The kind of the school named name ("St Mary's CofE Primary School":
 * Primary, Voluntary controlled school, 4 to 11). */
void demo_kind_of(const char *name, struct demo_kind *k);

/* k made an academy that converted ("Academy converter"), keeping its phase. */
void demo_kind_converter(struct demo_kind *k);

/* The programme's phase of a GIAS phase: "Primary" (nursery, primary,
 * middle deemed primary), "Secondary" (secondary, middle deemed secondary,
 * all-through), "Post-16" (16 plus), or NULL (not applicable). */
const char *demo_programme_phase(const char *gias_phase);

/* The local authority (GIAS code, static) of an English postcode, from
 * its district ("EX4") or else its area ("EX"); NULL when the postcode is
 * not one, or is not in England as far as the table knows (Wales,
 * Scotland, the islands, abroad). */
const char *demo_postcode_la(const char *postcode);

#endif

/* demo_texts.h - the words of HAPPI's part of the demo data (demo_texts.c):
 * the national outcomes of each kind of NCP, and what LLMEs and their
 * links write in a form. Private to demo_happi.c. */
#ifndef MH_HAPPI_DEMO_TEXTS_H
#define MH_HAPPI_DEMO_TEXTS_H

#include <stdbool.h>
#include <stddef.h>

#include "happi/happi.h"

struct arena;

/* The kinds of NCP whose outcomes read differently. */
enum hdt_class { HDT_WORK_GROUP, HDT_SKTM, HDT_LLME, HDT_PROGRAMME, HDT_COMMUNITY, HDT_SUPPORT, HDT_CLASSES };

enum hdt_class hdt_class_of(const char *kind, bool sktm, bool develops_llmes);

/* [class][kind]: national outcomes, NULL-ended; NULL: none of that kind are written for the class. */
extern const char *const *const hdt_outcomes[HDT_CLASSES][HAPPI_OUTCOME_KINDS];

/* How many texts a NULL-ended list holds (0 for NULL). */
size_t hdt_count(const char *const *list);

/* text with "{who}" replaced by who (in a). */
const char *hdt_fill(struct arena *a, const char *text, const char *who);

/* An outcome of kind tailored locally (with "{who}"), and evidence for one; i chooses. */
const char *hdt_local(size_t kind, size_t i);
const char *hdt_evidence(size_t kind, size_t i);

extern const char *const hdt_methods_other[];
extern const size_t hdt_nmethods_other;
/* Progress entries by term (autumn, spring, summer), NULL-ended. */
extern const char *const *const hdt_progress[3];
/* Analysis by how far an outcome was met (met or exceeded, partly, not), NULL-ended. */
extern const char *const *const hdt_analysis[3];
extern const char hdt_too_early[];
extern const char *const hdt_next_steps[];
extern const size_t hdt_nnext_steps;
extern const char *const hdt_planning_returns[];
extern const size_t hdt_nplanning_returns;
extern const char hdt_planning_revision[];
extern const char *const hdt_final_returns[];
extern const size_t hdt_nfinal_returns;
extern const char hdt_final_revision[];
/* The four mechanisms: each its key and a note on it. */
extern const char *const hdt_qa_mechanism[4][2];
extern const char *const hdt_qa_visits[];
extern const size_t hdt_nqa_visits;
extern const char *const hdt_qa_notes[];
extern const size_t hdt_nqa_notes;

#endif

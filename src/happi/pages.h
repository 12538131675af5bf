/*
 * pages.h - the HAPPI capability's handlers (module.c routes them).
 */
#ifndef MH_HAPPI_PAGES_H
#define MH_HAPPI_PAGES_H

#include "core/err.h"

struct req;
struct resp;

/* outcomes.c: an NCP's expected outcomes */
enum err happi_outcomes_page(struct req *rq, struct resp *rs);
enum err happi_outcome_new(struct req *rq, struct resp *rs);
enum err happi_outcome_new_post(struct req *rq, struct resp *rs);
enum err happi_outcome_edit(struct req *rq, struct resp *rs);
enum err happi_outcome_edit_post(struct req *rq, struct resp *rs);
enum err happi_outcome_remove_page(struct req *rq, struct resp *rs);
enum err happi_outcome_remove_post(struct req *rq, struct resp *rs);
enum err happi_outcomes_copy_post(struct req *rq, struct resp *rs);

#endif

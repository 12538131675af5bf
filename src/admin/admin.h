/*
 * admin.h - pages for the national team and hub leadership: people and
 * their roles, the audit log (with CSV export), undelivered mail.
 */
#ifndef MH_ADMIN_H
#define MH_ADMIN_H

#include "core/err.h"

struct req;
struct resp;

enum err page_people(struct req *rq, struct resp *rs);       /* GET  /admin/people */
enum err page_people_add(struct req *rq, struct resp *rs);   /* POST /admin/people */
enum err page_audit(struct req *rq, struct resp *rs);        /* GET  /admin/audit */
enum err page_audit_csv(struct req *rq, struct resp *rs);    /* GET  /admin/audit.csv */
enum err page_outbox(struct req *rq, struct resp *rs);       /* GET  /admin/outbox */
enum err page_person(struct req *rq, struct resp *rs);       /* GET  /admin/people/{id} */
enum err page_person_grant(struct req *rq, struct resp *rs); /* POST /admin/people/{id} */
enum err page_person_revoke(struct req *rq, struct resp *rs); /* POST /admin/people/{id}/revoke */
enum err page_person_reset_sign_in(struct req *rq, struct resp *rs); /* POST /admin/people/{id}/reset-sign-in */

/* The admin capability as a module (module.c), for src/routes.c. */
struct module;
extern const struct module admin_module;

#endif

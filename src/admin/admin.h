/*
 * admin.h - pages for the national team and hub leadership: people, their
 * details, accounts and roles, the audit log (with CSV export),
 * undelivered mail.
 */
#ifndef MH_ADMIN_H
#define MH_ADMIN_H

#include "core/err.h"
#include "demo/demo.h"

struct req;
struct resp;

enum err admin_people(struct req *rq, struct resp *rs);       /* GET  /admin/people */
enum err admin_people_add(struct req *rq, struct resp *rs);   /* POST /admin/people */
enum err admin_upload_page(struct req *rq, struct resp *rs);     /* GET  /admin/people/upload */
enum err admin_upload_template(struct req *rq, struct resp *rs); /* GET  /admin/people/upload/template.csv */
enum err admin_upload_post(struct req *rq, struct resp *rs);     /* POST /admin/people/upload */
enum err admin_upload_review(struct req *rq, struct resp *rs);   /* GET  /admin/people/upload/{token} */
enum err admin_upload_confirm(struct req *rq, struct resp *rs);  /* POST /admin/people/upload/{token} */
enum err admin_audit(struct req *rq, struct resp *rs);        /* GET  /admin/audit */
enum err admin_audit_csv(struct req *rq, struct resp *rs);    /* GET  /admin/audit.csv */
enum err admin_outbox(struct req *rq, struct resp *rs);       /* GET  /admin/outbox */
enum err admin_person(struct req *rq, struct resp *rs);       /* GET  /admin/people/{id} */
enum err admin_person_grant(struct req *rq, struct resp *rs); /* POST /admin/people/{id} */
enum err admin_person_revoke(struct req *rq, struct resp *rs); /* POST /admin/people/{id}/revoke */
enum err admin_person_reset_sign_in(struct req *rq, struct resp *rs); /* POST /admin/people/{id}/reset-sign-in */
enum err admin_person_details(struct req *rq, struct resp *rs);        /* GET  /admin/people/{id}/details */
enum err admin_person_details_post(struct req *rq, struct resp *rs);   /* POST /admin/people/{id}/details */
enum err admin_person_email(struct req *rq, struct resp *rs);          /* GET  /admin/people/{id}/email */
enum err admin_person_email_post(struct req *rq, struct resp *rs);     /* POST /admin/people/{id}/email */
enum err admin_person_deactivate(struct req *rq, struct resp *rs);     /* GET  /admin/people/{id}/deactivate */
enum err admin_person_deactivate_post(struct req *rq, struct resp *rs); /* POST /admin/people/{id}/deactivate */
enum err admin_person_reactivate(struct req *rq, struct resp *rs);      /* GET  /admin/people/{id}/reactivate */
enum err admin_person_reactivate_post(struct req *rq, struct resp *rs); /* POST /admin/people/{id}/reactivate */

/* Its part of the demo data (demo_people.c: people and their roles). */
extern const struct demo_part admin_demo_parts[1];

/* The admin capability as a module (module.c), for src/routes.c. */
struct module;
extern const struct module admin_module;

#endif

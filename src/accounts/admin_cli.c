/*
 * admin_cli.c - `mathshubs admin create --email E --name N`: the first
 * national administrator (or another), with a one-time set-up link printed
 * for the operator to send. Refuses an email address already held.
 */
#include <stdio.h>
#include <string.h>

#include "accounts/accounts.h"
#include "accounts/queries.h"
#include "auth/audit.h"
#include "auth/sealed.h"
#include "auth/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "core/utf8.h"
#include "db/db.h"

struct create {
	const char *email, *name;
	char token[TOKEN_LEN + 1];
	bool exists;
};

static enum err create(struct db *db, void *ctx)
{
	struct create *c = ctx;
	c->exists = false; /* a transaction run again starts afresh */
	struct arena *a = arena_new();
	struct person p;
	enum err e = person_by_email(db, a, c->email, &p);
	arena_free(a);
	if (e != ERR_NOT_FOUND) {
		c->exists = e == ERR_OK;
		return e ? e : ERR_CONFLICT;
	}
	int64_t now = clock_now(), id;
	if ((e = person_insert(db, c->email, c->name, &id)))
		return e;
	char subject[32];
	snprintf(subject, sizeof(subject), "person:%lld", (long long)id);
	if ((e = person_grant_national_admin(db, id, now, "mathshubs admin create")) ||
	    (e = link_create(db, id, "setup", SETUP_LINK_SECONDS, c->token)) ||
	    (e = audit(db, NULL, 0, "person_created", subject, "national administrator, from the command line")))
		return e;
	return audit(db, NULL, 0, "role_granted", subject, "national_admin");
}

int accounts_admin_create(const struct config *cfg, int argc, char **argv)
{
	struct create c = {0};
	const char *given = NULL;
	for (int i = 0; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--email"))
			given = argv[i + 1];
		else if (!strcmp(argv[i], "--name"))
			c.name = argv[i + 1];
	}
	struct arena *a = arena_new();
	const char *email = email_normalise(a, given);
	c.email = email;
	if (!email_plausible(email) || !c.name || !c.name[0] || strlen(c.name) > 200 ||
	    !utf8_valid(c.name, strlen(c.name))) {
		fprintf(stderr, "mathshubs: admin create needs --email ADDRESS --name \"FULL NAME\"\n");
		arena_free(a);
		return 2;
	}
	struct db *db;
	char msg[512];
	int rc = 1;
	if (db_open_config(cfg, &db, msg, sizeof(msg))) {
		fprintf(stderr, "mathshubs: %s\n", msg);
		goto out;
	}
	enum err e = db_transact(db, DB_WRITE, create, &c);
	db_close(db);
	if (c.exists) {
		fprintf(stderr, "mathshubs: %s already has an account\n", email);
		goto out;
	}
	if (e) {
		fprintf(stderr, "mathshubs: cannot create the administrator: %s\n", err_str(e));
		goto out;
	}
	printf("Created national administrator %s <%s>.\n"
	       "Send them this one-time set-up link (valid for 24 hours, works once):\n%s/set-up/%s\n",
	       c.name, email, cfg->base_url, c.token);
	rc = 0;
out:
	arena_free(a);
	return rc;
}

/* ---- sealing authenticator secrets stored before there was a key ---- */

struct reseal {
	struct arena *a;
	int sealed;
};

static enum err reseal(struct db *db, void *ctx)
{
	struct reseal *r = ctx;
	r->sealed = 0;
	int64_t *ids;
	const char **plain;
	size_t n;
	enum err e = totp_unsealed(db, r->a, &ids, &plain, &n);
	if (e)
		return e;
	for (size_t i = 0; i < n; i++) {
		const char *s = seal(r->a, plain[i], arena_printf(r->a, "totp:%lld", (long long)ids[i]));
		if (!s)
			return ERR_SYSTEM;
		if ((e = totp_reseal(db, ids[i], s, plain[i])))
			return e;
		r->sealed++;
	}
	return ERR_OK;
}

int accounts_reseal(const struct config *cfg)
{
	if (!sealed_has_key())
		return 0;
	struct db *db;
	char msg[512];
	if (db_open_config(cfg, &db, msg, sizeof(msg))) {
		fprintf(stderr, "mathshubs: %s\n", msg);
		return 1;
	}
	struct reseal r = {.a = arena_new()};
	enum err e = db_transact(db, DB_WRITE, reseal, &r);
	db_close(db);
	arena_free(r.a);
	if (e) {
		fprintf(stderr, "mathshubs: cannot encrypt the stored authenticator secrets: %s\n", err_str(e));
		return 1;
	}
	if (r.sealed)
		log_msg("info", "encrypted %d authenticator secret%s stored before --secret-key-file was set", r.sealed,
			r.sealed == 1 ? "" : "s");
	return 0;
}

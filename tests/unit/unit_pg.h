/*
 * unit_pg.h - a throw-away database on the PostgreSQL test cluster
 * (MATHSHUBS_TEST_PG_URL, set by scripts/check; missing is a failure) for
 * unit tests that run on both backends (header only).
 */
#ifndef MH_UNIT_PG_H
#define MH_UNIT_PG_H

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"

static inline struct db *unit_pg_admin(void)
{
	const char *admin = getenv("MATHSHUBS_TEST_PG_URL");
	if (!admin || !strrchr(admin, '/')) {
		fprintf(stderr, "MATHSHUBS_TEST_PG_URL is not set: run through make check "
				"(a missing prerequisite is a failure)\n");
		return NULL;
	}
	struct db *db = NULL;
	char msg[512];
	if (db_open(DB_POSTGRES, admin, &db, msg, sizeof(msg)))
		fprintf(stderr, "%s\n", msg);
	return db;
}

/* Creates an empty database with a random name; writes its name (32
 * bytes) and URL (1024 bytes). Returns 0 on success. */
static inline int unit_pg_create(char name[32], char url[1024])
{
	struct db *admin = unit_pg_admin();
	if (!admin || sodium_init() < 0) {
		db_close(admin);
		return -1;
	}
	unsigned char r[6];
	randombytes_buf(r, sizeof(r));
	snprintf(name, 32, "mh_unit_%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5]);
	char sql[128];
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	enum err e = db_exec(admin, sql);
	db_close(admin);
	const char *base = getenv("MATHSHUBS_TEST_PG_URL");
	const char *slash = strrchr(base, '/');
	snprintf(url, 1024, "%.*s/%s", (int)(slash - base), base, name);
	return e ? -1 : 0;
}

/* Drops the database unit_pg_create made (closing its connections). */
static inline int unit_pg_drop(const char *name)
{
	struct db *admin = unit_pg_admin();
	if (!admin)
		return -1;
	char sql[128];
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	enum err e = db_exec(admin, sql);
	db_close(admin);
	return e ? -1 : 0;
}

#endif

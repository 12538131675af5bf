/*
 * password.c - see password.h. libsodium's crypto_pwhash (argon2id) and a
 * sorted copy of the embedded list of common passwords.
 */
#include "auth/password.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "core/log.h"
#include "core/utf8.h"
#include "core/util.h"

#define COMMON_FILE "data/common-passwords.txt"
#define COMMENT_PREFIX "#!comment:"

/* The cost, read by every hashing thread, set by tests. */
static _Atomic unsigned long long cost_ops = PASSWORD_OPSLIMIT;
static _Atomic size_t cost_mem = PASSWORD_MEMLIMIT;

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void sodium_start(void)
{
	if (sodium_init() < 0)
		fatal("libsodium failed to initialise");
}

/* ---- the list of common passwords (process lifetime, read-only once loaded) ---- */

static pthread_once_t common_once = PTHREAD_ONCE_INIT;
static char **common;   /* lowercased, sorted by strcmp */
static size_t ncommon;

static unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static int cmp_entries(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The key is the password as typed; entries are already lowercase. */
static int cmp_key_entry(const void *key, const void *entry)
{
	const unsigned char *k = key;
	const unsigned char *e = (const unsigned char *)*(char *const *)entry;
	for (;; k++, e++) {
		unsigned char lk = ascii_lower(*k);
		if (lk != *e || lk == '\0')
			return (int)lk - (int)*e;
	}
}

static void common_load(void)
{
	const struct embedded_file *f = embedded_find(COMMON_FILE);
	if (!f)
		fatal("%s is not embedded in this binary", COMMON_FILE);
	/* One copy of the file, split into lines in place. */
	char *text = xmalloc(f->len + 1);
	memcpy(text, f->data, f->len + 1);
	size_t cap = 1024;
	common = xmalloc(cap * sizeof(*common));
	for (char *line = text; *line;) {
		char *end = line + strcspn(line, "\n");
		char *next = *end ? end + 1 : end;
		if (end > line && end[-1] == '\r')
			end--;
		*end = '\0';
		if (*line && !str_starts(line, COMMENT_PREFIX)) {
			for (char *c = line; *c; c++)
				*c = (char)ascii_lower((unsigned char)*c);
			if (ncommon == cap)
				common = xrealloc(common, (cap *= 2) * sizeof(*common));
			common[ncommon++] = line;
		}
		line = next;
	}
	if (ncommon == 0)
		fatal("%s holds no passwords", COMMON_FILE);
	qsort(common, ncommon, sizeof(*common), cmp_entries);
}

bool password_is_common(const char *password)
{
	pthread_once(&common_once, common_load);
	return bsearch(password, common, ncommon, sizeof(*common), cmp_key_entry) != NULL;
}

/* ---- the policy ---- */

static bool equal_ignoring_ascii_case(const char *a, const char *b, size_t blen)
{
	size_t i = 0;
	for (; i < blen && a[i]; i++)
		if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
			return false;
	return i == blen && a[i] == '\0';
}

static bool is_email_or_local_part(const char *password, const char *email)
{
	if (!email || !*email)
		return false;
	if (equal_ignoring_ascii_case(password, email, strlen(email)))
		return true;
	const char *at = strrchr(email, '@');
	return at && at > email && equal_ignoring_ascii_case(password, email, (size_t)(at - email));
}

const char *password_problem(const char *password, const char *email)
{
	size_t len = strlen(password);
	if (len == 0)
		return "Enter a password";
	if (!utf8_valid(password, len))
		return "Password must only include letters, numbers, spaces and symbols";
	size_t chars = 0;
	for (size_t i = 0; i < len; i++)
		chars += ((unsigned char)password[i] & 0xC0) != 0x80; /* lead bytes */
	if (chars < PASSWORD_MIN_CHARS)
		return "Password must be 12 characters or more";
	if (chars > PASSWORD_MAX_CHARS)
		return "Password must be 256 characters or fewer";
	if (password_is_common(password))
		return "Choose a password that is harder to guess: this one is on a list of common passwords";
	if (is_email_or_local_part(password, email))
		return "Password must not be your email address";
	return NULL;
}

/* ---- hashing ---- */

void password_set_cost(unsigned long long ops, size_t mem)
{
	if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_MAX ||
	    mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_MAX)
		fatal("password_set_cost: %llu passes over %zu bytes is outside libsodium's limits",
		      ops, mem);
	atomic_store(&cost_ops, ops);
	atomic_store(&cost_mem, mem);
}

/* Hashes the len bytes at password (which may hold anything) at the given cost. */
static enum err hash_bytes(const char *password, size_t len, unsigned long long ops, size_t mem,
			   char out[crypto_pwhash_STRBYTES])
{
	pthread_once(&sodium_once, sodium_start);
	/* Explicitly argon2id, whatever a future libsodium makes the default. */
	if (crypto_pwhash_str_alg(out, password, len, ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return ERR_SYSTEM;
	return ERR_OK;
}

enum err password_hash(const char *password, char out[crypto_pwhash_STRBYTES])
{
	return hash_bytes(password, strlen(password), atomic_load(&cost_ops), atomic_load(&cost_mem),
			  out);
}

enum err password_verify(const char *hash, const char *password)
{
	pthread_once(&sodium_once, sodium_start);
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 ? ERR_OK : ERR_INVALID;
}

bool password_needs_rehash(const char *hash)
{
	pthread_once(&sodium_once, sodium_start);
	/* The argon2id variant: an argon2i hash at the same cost needs it too
	 * (crypto_pwhash_str_needs_rehash would say no). -1 (not an argon2id
	 * string) counts as yes. */
	return crypto_pwhash_argon2id_str_needs_rehash(hash, atomic_load(&cost_ops),
						       atomic_load(&cost_mem)) != 0;
}

/* The dummy hash: made on first use, and made again if the cost has changed
 * since (so it always costs what a real hash costs). */
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;
static char dummy_hash[crypto_pwhash_STRBYTES];

void password_dummy_verify(const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	pthread_once(&sodium_once, sodium_start);
	pthread_mutex_lock(&dummy_lock);
	if (!dummy_hash[0] || password_needs_rehash(dummy_hash)) {
		unsigned char secret[32];
		randombytes_buf(secret, sizeof(secret));
		if (hash_bytes((const char *)secret, sizeof(secret), atomic_load(&cost_ops),
			       atomic_load(&cost_mem), dummy_hash) != ERR_OK) {
			dummy_hash[0] = '\0';
			log_msg("error", "password_dummy_verify: argon2id failed (out of memory?)");
		}
	}
	memcpy(hash, dummy_hash, sizeof(hash));
	pthread_mutex_unlock(&dummy_lock);
	if (hash[0])
		(void)password_verify(hash, password);
}

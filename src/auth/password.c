/*
 * password.c - see password.h. libsodium's crypto_pwhash (argon2id) and
 * zxcvbn-c's ZxcvbnMatch.
 */
#include "auth/password.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <zxcvbn.h>

#include "core/log.h"
#include "core/utf8.h"
#include "core/util.h"

/* The cost, read by every hashing thread, set by tests. */
static _Atomic unsigned long long cost_ops = PASSWORD_OPSLIMIT;
static _Atomic size_t cost_mem = PASSWORD_MEMLIMIT;

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void sodium_start(void)
{
	if (sodium_init() < 0)
		fatal("libsodium failed to initialise");
}

static unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* ---- how guessable: zxcvbn with the owner's words ---- */

/* This service's own words: what someone choosing a password here thinks of first. */
static const char *const SERVICE_WORDS[] = {"maths", "hub", "hubs", "mathshub", "mathshubs", "ncetm"};

/* The user dictionary: lowercased copies in text, a NULL-terminated list,
 * likeliest first (zxcvbn-c scores a word by its place in the list: the
 * person's own words, then the service's). A word that does not fit is
 * left out (an address of 254 bytes and a name of 200 characters, with
 * their parts, do fit). */
#define OWNER_TEXT 1024
#define OWNER_WORDS 64
struct user_dict {
	char text[OWNER_TEXT];
	size_t used;
	const char *words[OWNER_WORDS + 1];
	size_t n;
};

static void dict_add(struct user_dict *d, const char *word, size_t len)
{
	if (len < 2 || d->n == OWNER_WORDS || d->used + len + 1 > sizeof(d->text))
		return;
	char *copy = d->text + d->used;
	for (size_t i = 0; i < len; i++)
		copy[i] = (char)ascii_lower((unsigned char)word[i]);
	copy[len] = '\0';
	d->used += len + 1;
	d->words[d->n++] = copy;
}

static bool is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Adds the whole of text, and each run of letters and digits in it
 * ("ada.lovelace@school.example": "ada", "lovelace", "school", "example";
 * "Mary-Jane O'Neill": "mary", "jane", "neill": a single letter is no help). */
static void dict_add_parts(struct user_dict *d, const char *text)
{
	dict_add(d, text, strlen(text));
	for (const char *p = text; *p;) {
		size_t run = 0;
		while (is_word_byte((unsigned char)p[run]))
			run++;
		dict_add(d, p, run);
		p += run ? run : 1;
	}
}

double password_guess_bits(const char *password, const struct password_owner *owner)
{
	struct user_dict d = {.n = 0};
	if (owner && owner->email && *owner->email) {
		const char *at = strrchr(owner->email, '@');
		if (at)
			dict_add(&d, owner->email, (size_t)(at - owner->email)); /* the local part */
		dict_add_parts(&d, owner->email);
	}
	if (owner && owner->name && *owner->name)
		dict_add_parts(&d, owner->name);
	for (size_t i = 0; i < sizeof(SERVICE_WORDS) / sizeof(SERVICE_WORDS[0]); i++)
		dict_add(&d, SERVICE_WORDS[i], strlen(SERVICE_WORDS[i]));
	d.words[d.n] = NULL;
	return ZxcvbnMatch(password, d.words, NULL);
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

const char *password_problem(const char *password, const struct password_owner *owner)
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
	if (is_email_or_local_part(password, owner ? owner->email : NULL))
		return "Password must not be your email address";
	if (password_guess_bits(password, owner) < PASSWORD_MIN_BITS)
		return "Choose a password that is harder to guess: a few unrelated words work well";
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

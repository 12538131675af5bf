/*
 * password.h - the password policy and argon2id password hashes.
 *
 * The policy follows the NCSC's guidance: a minimum length (12 characters),
 * a generous maximum, no easily guessed passwords, no composition rules
 * ("one capital, one digit ...") and no expiry. How guessable a password is
 * is zxcvbn's estimate (Debian's libzxcvbn, zxcvbn-c): the number of
 * guesses an attacker trying the likeliest passwords first (common
 * passwords, words, names, keyboard runs, repeats, sequences, dates, and
 * the person's own email address and name) would need. Hashes are
 * libsodium's argon2id strings ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"),
 * which carry their own salt and cost, so the cost can be raised later and
 * old hashes upgraded at the next sign-in (password_needs_rehash).
 *
 * No I/O. Thread-safe (zxcvbn-c's dictionary is read-only data).
 */
#ifndef MH_AUTH_PASSWORD_H
#define MH_AUTH_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include <sodium.h>

#include "core/err.h"

/* Shortest password, in characters (Unicode code points). */
#define PASSWORD_MIN_CHARS 12
/* Longest password, in characters too (at most 1024 bytes of UTF-8). */
#define PASSWORD_MAX_CHARS 256

/* argon2id cost: libsodium's "interactive" level (2 passes over 64 MiB). */
#define PASSWORD_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PASSWORD_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

/* The fewest guesses zxcvbn may estimate a new password needs, as bits
 * (log2 of the guesses): 10^10 guesses, zxcvbn's own line for "strong
 * protection from an offline slow-hash attack". Online guessing is capped
 * by the sign-in limits; this is for a stolen database. Each guess there
 * costs an argon2id hash at PASSWORD_MEMLIMIT (64 MiB, 2 passes: about
 * 0.4 GB of memory traffic), so a high-end GPU manages some 10^3 a second
 * (its memory bandwidth, ~1 TB/s, is the limit): 10^10 guesses is about
 * four months of one GPU, or twelve days of ten, for one account (each has
 * its own salt). Three unrelated words with spaces are typically 40 to 75
 * bits; "password1234" is 3, "qwertyuiopas" 15, "winniethepooh" 23. */
#define PASSWORD_MIN_BITS 33.2

/* Whose password it is (either may be NULL): the words of their email
 * address and name are the likeliest guesses of all. */
struct password_owner {
	const char *email;
	const char *name;
};

/* NULL if password is acceptable for owner (NULL when there is nobody
 * yet), or else why not, as a GOV.UK error message (a string literal:
 * static, never freed):
 *   ""                               "Enter a password"
 *   not valid UTF-8                  "Password must only include letters, numbers, spaces and symbols"
 *   fewer than 12 characters         "Password must be 12 characters or more"
 *   more than 256 characters         "Password must be 256 characters or fewer"
 *   the email address or the part
 *   before its "@" (any case)        "Password must not be your email address"
 *   zxcvbn's estimate below
 *   PASSWORD_MIN_BITS, counting the
 *   owner's words and this service's
 *   name as the likeliest guesses    "Choose a password that is harder to guess: a few unrelated words work well"
 * Checked in that order; the first that applies is returned. */
const char *password_problem(const char *password, const struct password_owner *owner);

/* zxcvbn's estimate of the guesses password needs, in bits (log2), with
 * owner's words (owner may be NULL) and this service's name as the
 * likeliest guesses; what password_problem compares with
 * PASSWORD_MIN_BITS. password must be valid UTF-8. */
double password_guess_bits(const char *password, const struct password_owner *owner);

/* Writes the argon2id hash string of password (NUL-terminated) into out,
 * with a fresh random salt and the current cost. ERR_OK, or ERR_SYSTEM if
 * libsodium fails (the memory for the cost could not be had). */
enum err password_hash(const char *password, char out[crypto_pwhash_STRBYTES]);

/* ERR_OK if password matches the hash string, ERR_INVALID if it does not or
 * if hash is not a hash string libsodium understands. Takes the time and
 * memory of the hash's own cost. */
enum err password_verify(const char *hash, const char *password);

/* true if hash is not an argon2id hash at the current cost (so it should be
 * replaced by password_hash of the password just verified). */
bool password_needs_rehash(const char *hash);

/* Verifies password against a hash of a random password, made once at the
 * current cost, and ignores the result: call it when a sign-in names an
 * email address that has no account, so that answer takes as long as a
 * wrong password for a real one (no account enumeration by timing). */
void password_dummy_verify(const char *password);

/* Sets the argon2id cost used from now on by password_hash,
 * password_needs_rehash and password_dummy_verify (the defaults are
 * PASSWORD_OPSLIMIT and PASSWORD_MEMLIMIT). For tests, which use the
 * minimum (crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) to run
 * fast. Values outside libsodium's limits abort (a programming error). */
void password_set_cost(unsigned long long ops, size_t mem);

#endif

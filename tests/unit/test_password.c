/*
 * test_password.c - the password policy and argon2id hashes
 * (auth/password.h).
 *
 * The policy's guessable passwords are those of the security review
 * (issue 11), which the old list of common passwords let through; the
 * passphrases that must pass are those the HTTP and browser suites set.
 * Expected hashes' shapes are libsodium's documented string format.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "auth/password.h"
#include "core/log.h"
#include "core/util.h"

#define TOO_SHORT "Password must be 12 characters or more"
#define TOO_LONG "Password must be 256 characters or fewer"
#define GUESSABLE "Choose a password that is harder to guess: a few unrelated words work well"
#define IS_EMAIL "Password must not be your email address"

static const struct password_owner ADA = {"ada.lovelace@school.example", "Ada Lovelace"};

static void check_problem(const char *password, const struct password_owner *owner, const char *expected)
{
	const char *got = password_problem(password, owner);
	if (!expected && got)
		fail_msg("\"%s\": \"%s\", expected no problem", password, got);
	if (expected && (!got || strcmp(got, expected)))
		fail_msg("\"%s\": \"%s\", expected \"%s\"", password, got ? got : "(none)", expected);
}

/* ---- the policy ---- */

static void test_password_length(void **state)
{
	(void)state;
	check_problem("", NULL, "Enter a password");
	check_problem("kestrel ruby", NULL, GUESSABLE); /* 12 characters: long enough, too guessable */
	check_problem("kestrel rub", NULL, TOO_SHORT);
	check_problem("owl jazz fig", NULL, NULL);	/* 12 characters */
	check_problem("owl jazz fi", NULL, TOO_SHORT);
	/* characters, not bytes: 11 characters (13 bytes) are too few */
	check_problem("crème brûlé", NULL, TOO_SHORT);
	check_problem("crème brûlée", NULL, NULL);
	check_problem("密码密码密码密码密码密", NULL, TOO_SHORT); /* 11 chars, 33 bytes */
	check_problem("🔑 kestrel ruby", NULL, NULL);	 /* 14 chars, 17 bytes */
	/* 256 characters is the most (zxcvbn looks closely at the first 100) */
	char big[300] = "correct horse battery staple ";
	size_t start = strlen(big);
	memset(big + start, 'q', 256 - start);
	big[256] = '\0';
	check_problem(big, NULL, NULL);
	big[256] = 'q', big[257] = '\0';
	check_problem(big, NULL, TOO_LONG);
	/* characters, not bytes: 256 four-byte characters (1024 bytes) are
	 * allowed, 257 are too many */
	char *keys = calloc(1, 4 * 257 + 1);
	strcpy(keys, "owl jazz fig ");
	for (int i = 0; i < 256 - 13; i++)
		strcat(keys, "🔑");
	check_problem(keys, NULL, NULL);
	strcat(keys, "🔑");
	check_problem(keys, NULL, TOO_LONG);
	free(keys);
}

static void test_password_invalid_utf8(void **state)
{
	(void)state;
	const char *bad[] = {
		"correct horse battery\xff",	     /* not a UTF-8 byte */
		"correct horse battery\xc3",	     /* truncated sequence */
		"correct horse battery\xc0\xaf",     /* overlong '/' */
		"correct horse battery\xed\xa0\x80", /* a surrogate */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *got = password_problem(bad[i], NULL);
		assert_non_null(got);
		assert_string_equal(got, "Password must only include letters, numbers, spaces and symbols");
	}
}

/* The security review's passwords: 12 characters or more, and guessed at
 * once (a common password with digits, a repeat, a sequence, a keyboard
 * row). */
static void test_password_guessable(void **state)
{
	(void)state;
	const char *guessable[] = {
		"password1234", "Password1234", "aaaaaaaaaaaa", "123456789012", "qwertyuiopas", "iloveyou1234",
		/* the only entry of 12 characters or more on john-data's list */
		"winniethepooh", "WinnieThePooh",
		/* more of the same kinds, and this service's own name */
		"passwordpassword", "qwerty123456789", "sunshine2024", "abcdefghijkl", "mathshubs2024",
		"MathsHub12345",
	};
	for (size_t i = 0; i < sizeof(guessable) / sizeof(guessable[0]); i++) {
		check_problem(guessable[i], NULL, GUESSABLE);
		check_problem(guessable[i], &ADA, GUESSABLE);
		assert_true(password_guess_bits(guessable[i], NULL) < PASSWORD_MIN_BITS);
	}
}

/* Passphrases: every password the HTTP and browser suites set, and the
 * hint's advice (a few unrelated words). No rule about digits or symbols. */
static void test_password_passphrases(void **state)
{
	(void)state;
	const char *fine[] = {
		"correct horse battery staple", "a long and unusual passphrase", "a brand new long passphrase",
		"a completely new passphrase",	"copper kettle uphill lantern",	 "seven quiet harbour pebbles",
		"glow worm harbour kestrel",	"admiral tulip orbit walnut",	 "another long password here",
		"correct horse battery",	"coffee train fish",		 "purple monkey dishwasher",
		"coffeetrainfishlamp",
	};
	for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
		check_problem(fine[i], NULL, NULL);
		check_problem(fine[i], &ADA, NULL);
	}
}

/* The person's email address and name are the likeliest guesses: what
 * would pass for someone else is refused for them. */
static void test_password_owner_words(void **state)
{
	(void)state;
	const char *theirs[] = {"Ada Lovelace 2024", "ada lovelace school", "lovelace school example"};
	for (size_t i = 0; i < sizeof(theirs) / sizeof(theirs[0]); i++) {
		check_problem(theirs[i], NULL, NULL);
		check_problem(theirs[i], &(struct password_owner){"grace.hopper@school.example", "Grace Hopper"},
			      NULL);
		check_problem(theirs[i], &ADA, GUESSABLE);
	}
	/* refused for anyone, and far more so for her */
	check_problem("adalovelace2024", &ADA, GUESSABLE);
	check_problem("AdaLovelace2024", &ADA, GUESSABLE);
	assert_true(password_guess_bits("adalovelace2024", &ADA) + 10 < password_guess_bits("adalovelace2024", NULL));
	/* the name alone, the email address alone, and names with other separators */
	check_problem("Ada Lovelace 2024", &(struct password_owner){NULL, "Ada Lovelace"}, GUESSABLE);
	check_problem("Ada Lovelace 2024", &(struct password_owner){"ada.lovelace@school.example", NULL}, GUESSABLE);
	check_problem("lovelace.augusta.king", &(struct password_owner){"x@y.example", "Augusta King-Lovelace"},
		      GUESSABLE);
	check_problem("lovelace.augusta.king", &(struct password_owner){"x@y.example", "Grace Hopper"}, NULL);
	/* an owner with nothing to go on is nobody */
	check_problem("Ada Lovelace 2024", &(struct password_owner){"", ""}, NULL);
}

static void test_password_email(void **state)
{
	(void)state;
	const struct password_owner ada = {"Ada.Lovelace.Computing@Example.com", NULL};
	check_problem("ada.lovelace.computing@example.com", &ada, IS_EMAIL);
	check_problem("ADA.LOVELACE.COMPUTING", &ada, IS_EMAIL);
	check_problem("ada.lovelace.computing", &ada, IS_EMAIL);
	check_problem("correct horse battery", &ada, NULL);
	check_problem("ada.lovelace.computing", NULL, NULL); /* nobody's yet: 3 words */
	check_problem("ada.lovelace.computing", &(struct password_owner){"", NULL}, NULL);
	/* the last '@' ends the local part */
	check_problem("\"a@b\"lovelace.computing", &(struct password_owner){"\"a@b\"lovelace.computing@example.com", NULL},
		      IS_EMAIL);
	/* the email address comes before the guessing (the clearer message) */
	check_problem("aaaaaaaaaaaa", &(struct password_owner){"aaaaaaaaaaaa@example.com", NULL}, IS_EMAIL);
}

/* ---- hashing ---- */

static void test_password_hash_verify(void **state)
{
	(void)state;
	char h1[crypto_pwhash_STRBYTES], h2[crypto_pwhash_STRBYTES];
	assert_int_equal(password_hash("correct horse battery", h1), ERR_OK);
	assert_int_equal(password_hash("correct horse battery", h2), ERR_OK);
	/* argon2id at the cost the tests set (group_setup): 8 KiB, 1 pass */
	assert_true(str_starts(h1, "$argon2id$v=19$m=8,t=1,p=1$"));
	assert_string_not_equal(h1, h2); /* salted */
	assert_int_equal(password_verify(h1, "correct horse battery"), ERR_OK);
	assert_int_equal(password_verify(h2, "correct horse battery"), ERR_OK);
	assert_int_equal(password_verify(h1, "correct horse batterY"), ERR_INVALID);
	assert_int_equal(password_verify(h1, ""), ERR_INVALID);
	assert_int_equal(password_verify("", "correct horse battery"), ERR_INVALID);
	assert_int_equal(password_verify("$argon2id$v=19$m=8,t=1,p=1$garbage", "x"), ERR_INVALID);
	/* multibyte passwords hash as their bytes */
	assert_int_equal(password_hash("éééééééééééé", h1), ERR_OK);
	assert_int_equal(password_verify(h1, "éééééééééééé"), ERR_OK);
	assert_int_equal(password_verify(h1, "eeeeeeeeeeee"), ERR_INVALID);
}

static void test_password_default_cost(void **state)
{
	(void)state;
	/* libsodium's interactive level for argon2id: 64 MiB, 2 passes */
	assert_int_equal(PASSWORD_OPSLIMIT, 2);
	assert_int_equal(PASSWORD_MEMLIMIT, 64 * 1024 * 1024);
	password_set_cost(PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT);
	char h[crypto_pwhash_STRBYTES];
	assert_int_equal(password_hash("correct horse battery", h), ERR_OK);
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	assert_true(str_starts(h, "$argon2id$v=19$m=65536,t=2,p=1$"));
	assert_int_equal(password_verify(h, "correct horse battery"), ERR_OK);
	assert_true(password_needs_rehash(h)); /* against the tests' cost */
}

static void test_password_needs_rehash(void **state)
{
	(void)state;
	char h[crypto_pwhash_STRBYTES];
	assert_int_equal(password_hash("correct horse battery", h), ERR_OK);
	assert_false(password_needs_rehash(h));
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN + 1, crypto_pwhash_MEMLIMIT_MIN);
	assert_true(password_needs_rehash(h));
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN * 2);
	assert_true(password_needs_rehash(h));
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	assert_false(password_needs_rehash(h));
	/* argon2i at the same cost still verifies, but should become argon2id */
	char h2i[crypto_pwhash_STRBYTES];
	assert_int_equal(crypto_pwhash_str_alg(h2i, "correct horse battery", 21,
					       crypto_pwhash_argon2i_OPSLIMIT_MIN + 2,
					       crypto_pwhash_MEMLIMIT_MIN,
					       crypto_pwhash_ALG_ARGON2I13),
			 0);
	assert_true(str_starts(h2i, "$argon2i$"));
	assert_int_equal(password_verify(h2i, "correct horse battery"), ERR_OK);
	assert_true(password_needs_rehash(h2i));
	assert_true(password_needs_rehash("not a hash"));
}

static void test_password_dummy_verify(void **state)
{
	(void)state;
	/* No result to check: it must run (and make its hash again after a
	 * change of cost) without failing, at about a real verify's cost. */
	password_dummy_verify("correct horse battery");
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN + 1, crypto_pwhash_MEMLIMIT_MIN);
	password_dummy_verify("correct horse battery");
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	password_dummy_verify("");
}


static int group_setup(void **state)
{
	(void)state;
	/* hashes at libsodium's minimum cost, so the tests run fast */
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	return 0;
}

int main(void)
{
	log_set_quiet(1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_length),
		cmocka_unit_test(test_password_invalid_utf8),
		cmocka_unit_test(test_password_guessable),
		cmocka_unit_test(test_password_passphrases),
		cmocka_unit_test(test_password_owner_words),
		cmocka_unit_test(test_password_email),
		cmocka_unit_test(test_password_hash_verify),
		cmocka_unit_test(test_password_default_cost),
		cmocka_unit_test(test_password_needs_rehash),
		cmocka_unit_test(test_password_dummy_verify),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}

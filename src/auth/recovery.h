/*
 * recovery.h - recovery codes: ten single-use codes given to a user when
 * they set up their authenticator app, each of which stands in for a
 * one-time code once (a lost phone).
 *
 * A code is 10 characters from an alphabet without look-alikes (no i, l, o,
 * 0 or 1), shown as "xxxxx-xxxxx": about 49.5 bits each. The codes are
 * shown once and stored only as keyed_hash(code) (auth/sealed.h) of the
 * normalised form. Thread-safe.
 */
#ifndef MH_AUTH_RECOVERY_H
#define MH_AUTH_RECOVERY_H

/* Codes made at a time. */
#define RECOVERY_COUNT 10
/* Characters of a code as shown and stored: "xxxxx-xxxxx". */
#define RECOVERY_LEN 11

/* Writes RECOVERY_COUNT new codes into codes, each in its normalised form
 * ("xxxxx-xxxxx" in lowercase, NUL-terminated); every character is drawn
 * uniformly (libsodium's randombytes_uniform). */
void recovery_new(char codes[RECOVERY_COUNT][RECOVERY_LEN + 1]);

/* Writes the normalised form of the code a user typed into out: ASCII
 * lowercased, spaces, tabs and dashes dropped, then the dash put back after
 * the fifth character ("ABCDE FGHJK", "abcdefghjk" and " abcde-fghjk " all
 * give "abcde-fghjk"). If what remains is not 10 characters of the code
 * alphabet, out is "" (which matches no code), so callers can answer at
 * once. */
void recovery_normalise(const char *in, char out[RECOVERY_LEN + 1]);

#endif

// Codes from an authenticator app, for the HTTP and browser suites:
// computed by Debian's oathtool (an implementation other than the
// server's), and never one the server has already accepted (it refuses a
// replay), so a test never waits more than one 30-second step.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const OATHTOOL = '/usr/bin/oathtool';
export const STEP = 30;

/** The current 30-second time step. */
export const stepNow = () => Math.floor(Date.now() / 1000 / STEP);

/** The TOTP code of a base32 secret for time step s, from oathtool; asserts it has 6 digits. */
export function totpAt(secret, s) {
  const t = new Date(s * STEP * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const code = execFileSync(OATHTOOL, ['--totp', '-b', secret, '--now', t], { encoding: 'utf8' }).trim();
  assert.match(code, /^\d{6}$/, 'oathtool gives a 6-digit code');
  return code;
}

/**
 * A code for who ({secret, lastStep}) that the server has not seen used:
 * the current step's, or the next one's if the current was used (the
 * server accepts one step either side); waits for the clock only if both
 * were used. Records the step in who.lastStep.
 */
export async function freshCode(who) {
  for (;;) {
    const now = stepNow();
    const s = Math.max(now, (who.lastStep ?? -1) + 1);
    if (s <= now + 1) {
      who.lastStep = s;
      return totpAt(who.secret, s);
    }
    await sleep(((now + 1) * STEP * 1000) - Date.now() + 50);
  }
}

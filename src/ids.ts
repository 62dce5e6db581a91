import { randomBytes } from 'node:crypto';

export type IdPrefix = 'emp' | 'vac' | 'cand' | 'key' | 'audit' | 'match' | 'dec' | 'cont' | 'req' | 'job' | 'run' | 'upl' | 'alert' | 'creq' | 'scr';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

let lastMs = 0;
let lastRandom = new Uint8Array(10);

/**
 * Prefixed, time-ordered ids (ULID layout: 48-bit ms timestamp + 80-bit random, monotonic within a ms),
 * so ordering by id is ordering by creation and cursors need no second column.
 */
export function newId(prefix: IdPrefix): string {
  let now = Date.now();
  if (now <= lastMs) {
    now = lastMs;
    // Monotonic: increment the random part within the same millisecond.
    for (let i = lastRandom.length - 1; i >= 0; i--) {
      lastRandom[i] = (lastRandom[i]! + 1) & 0xff;
      if (lastRandom[i] !== 0) break;
    }
  } else {
    lastMs = now;
    lastRandom = new Uint8Array(randomBytes(10));
  }
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  let bits = 0;
  let acc = 0;
  for (const byte of lastRandom) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rand += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return `${prefix}_${time}${rand}`;
}

export const ID_PATTERN = (prefix: IdPrefix): RegExp => new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`);

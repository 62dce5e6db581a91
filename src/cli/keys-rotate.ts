/**
 * Rotate the keys kept outside the database (the key file, KEYRING_PATH or keyring.json next to DATABASE_PATH):
 *   npm run keys:rotate -- [--audit-mac] [--signing]     (neither flag: both)
 * A new audit MAC key signs new records and a new Ed25519 key signs new heads once the service restarts; the old
 * keys stay in the file to verify what they signed. Keys given in AUDIT_MAC_KEYS are rotated there, not here.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { keyringPath, rotateKeyring } from '../keyring.js';

const { values } = parseArgs({ options: { 'audit-mac': { type: 'boolean', default: false }, signing: { type: 'boolean', default: false } }, strict: true });
const both = !values['audit-mac'] && !values.signing;
const config = loadConfig();
const path = keyringPath(config);
if (!path) {
  console.error('keys:rotate: DATABASE_PATH is :memory: and KEYRING_PATH is empty; there is no key file to rotate');
  process.exit(2);
}
const out = rotateKeyring(path, { mac: both || values['audit-mac'], signing: both || values.signing });
if (out.mac) console.log(`New audit MAC key ${out.mac}${config.AUDIT_MAC_KEYS ? ' (AUDIT_MAC_KEYS is set: its first key still signs)' : ''}`);
if (out.signing) console.log(`New checkpoint signing key ${out.signing}`);
console.log(`Written to ${path}. Restart the service to use the new keys; the old ones keep verifying older records.`);

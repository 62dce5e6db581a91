// Server-side secrets kept outside the database: the audit MAC keys, the checkpoint signing keys and the key that
// protects stored idempotency replies. A copy of the database alone can neither forge the audit log nor read replies.
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const KEYRING_FORMAT = 1;

export interface MacKey {
  id: string;
  key: Buffer;
}

export interface SigningKey {
  id: string;
  privateKey: KeyObject | null;
  publicKey: KeyObject;
  publicKeyPem: string;
  createdAt: string;
}

export interface Keyring {
  /** Where the keys came from ('memory' for an in-memory database: they die with the process). */
  source: string;
  /** Audit MAC keys; `currentMac` signs new records, the others only verify older ones. */
  macKeys: Map<string, MacKey>;
  currentMac: MacKey;
  /** Ed25519 checkpoint keys; `currentSigning` signs new checkpoints, the others only verify older ones. */
  signingKeys: Map<string, SigningKey>;
  currentSigning: SigningKey;
  /** The server secret behind idempotency lookups and the encryption of stored replies. */
  idempotencySecret: Buffer;
  /** Problems worth telling the operator (e.g. a key file readable by others). */
  warnings: string[];
}

interface KeyringFile {
  format: number;
  createdAt: string;
  auditMac: { id: string; key: string; createdAt: string }[];
  checkpointSigning: { id: string; privateKey: string; publicKey: string; createdAt: string }[];
  idempotency: { key: string; createdAt: string };
}

const keyId = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

function newMacEntry(): KeyringFile['auditMac'][number] {
  return { id: keyId('amk'), key: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() };
}

function newSigningEntry(): KeyringFile['checkpointSigning'][number] {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    id: keyId('ask'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    createdAt: new Date().toISOString(),
  };
}

function newKeyringFile(): KeyringFile {
  const now = new Date().toISOString();
  return {
    format: KEYRING_FORMAT,
    createdAt: now,
    auditMac: [newMacEntry()],
    checkpointSigning: [newSigningEntry()],
    idempotency: { key: randomBytes(32).toString('base64'), createdAt: now },
  };
}

/** Write the key file atomically, readable by its owner only. */
function writeKeyringFile(path: string, file: KeyringFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  chmodSync(path, 0o600);
}

function readKeyringFile(path: string): KeyringFile {
  const file = JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
  if (file.format !== KEYRING_FORMAT || !Array.isArray(file.auditMac) || !Array.isArray(file.checkpointSigning) || !file.idempotency?.key) {
    throw new Error(`key file ${path} is not a Passerelle keyring (format ${KEYRING_FORMAT})`);
  }
  if (file.auditMac.length === 0 || file.checkpointSigning.length === 0) throw new Error(`key file ${path} holds no audit or signing key`);
  return file;
}

/** Where the key file lives: KEYRING_PATH, else next to the database file; null for an in-memory database. */
export function keyringPath(config: { KEYRING_PATH: string; DATABASE_PATH: string }): string | null {
  if (config.KEYRING_PATH) return resolve(config.KEYRING_PATH);
  if (config.DATABASE_PATH === ':memory:') return null;
  return join(dirname(resolve(config.DATABASE_PATH)), 'keyring.json');
}

/** `id:base64[,id:base64…]`: the first key signs new records, the others verify older ones. */
export function parseMacKeys(value: string): MacKey[] {
  const keys: MacKey[] = [];
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]{1,40}):([A-Za-z0-9+/=_-]+)$/.exec(part);
    if (!m) throw new Error('each entry must be id:base64key');
    const key = Buffer.from(m[2]!, 'base64');
    if (key.length < 32) throw new Error(`key ${m[1]} must be at least 32 bytes (base64 of 32 random bytes)`);
    keys.push({ id: m[1]!, key });
  }
  if (keys.length === 0) throw new Error('no key given');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('key ids must be unique');
  return keys;
}

function toKeyring(file: KeyringFile, source: string, envMacKeys: MacKey[] | null, warnings: string[]): Keyring {
  const fileMac = file.auditMac.map((e) => ({ id: e.id, key: Buffer.from(e.key, 'base64') }));
  // Environment keys come first (the first signs); keys only in the file still verify older records.
  const macList = envMacKeys ? [...envMacKeys, ...fileMac.filter((k) => !envMacKeys.some((e) => e.id === k.id))] : [...fileMac].reverse();
  const macKeys = new Map(macList.map((k) => [k.id, k]));
  const signingList = file.checkpointSigning.map((e) => ({
    id: e.id,
    privateKey: createPrivateKey(e.privateKey),
    publicKey: createPublicKey(e.publicKey),
    publicKeyPem: e.publicKey,
    createdAt: e.createdAt,
  }));
  return {
    source,
    macKeys,
    currentMac: macList[0]!,
    signingKeys: new Map(signingList.map((k) => [k.id, k])),
    currentSigning: signingList[signingList.length - 1]!,
    idempotencySecret: Buffer.from(file.idempotency.key, 'base64'),
    warnings,
  };
}

/**
 * Load the keyring, creating the key file (mode 0600) on the first start. `AUDIT_MAC_KEYS`, when set, supplies the
 * audit MAC keys from the environment (e.g. a secret manager) instead of the file.
 */
export function loadKeyring(config: { KEYRING_PATH: string; DATABASE_PATH: string; AUDIT_MAC_KEYS: string }): Keyring {
  const envMac = config.AUDIT_MAC_KEYS ? parseMacKeys(config.AUDIT_MAC_KEYS) : null;
  const path = keyringPath(config);
  const warnings: string[] = [];
  if (!path) return toKeyring(newKeyringFile(), 'memory', envMac, warnings);
  if (!existsSync(path)) writeKeyringFile(path, newKeyringFile());
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) warnings.push(`key file ${path} is readable by group or others (mode ${mode.toString(8)}); chmod 600 it`);
  return toKeyring(readKeyringFile(path), path, envMac, warnings);
}

/** Add a new current key (audit MAC and/or checkpoint signing); older keys stay to verify what they signed. */
export function rotateKeyring(path: string, what: { mac?: boolean; signing?: boolean }): { mac?: string; signing?: string } {
  const file = existsSync(path) ? readKeyringFile(path) : newKeyringFile();
  const out: { mac?: string; signing?: string } = {};
  if (what.mac) {
    const e = newMacEntry();
    file.auditMac.push(e);
    out.mac = e.id;
  }
  if (what.signing) {
    const e = newSigningEntry();
    file.checkpointSigning.push(e);
    out.signing = e.id;
  }
  writeKeyringFile(path, file);
  return out;
}

export const hmacSha256 = (key: Buffer, ...parts: string[]): Buffer => {
  const h = createHmac('sha256', key);
  parts.forEach((p, i) => {
    if (i > 0) h.update('\u0000');
    h.update(p);
  });
  return h.digest();
};

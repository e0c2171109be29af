import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The ciphertext envelope of one personal-data field (AES-256-GCM, `node:crypto`):
 *
 *   pd1.<keyId>.<keyVersion>.<iv>.<ciphertext>.<tag>      (iv, ciphertext, tag in base64url)
 *
 * A fresh random 96-bit IV per encryption; the 128-bit tag authenticates the ciphertext and the
 * associated data `pd1|<keyId>|<keyVersion>|<context>`, where the context names the person and the
 * field: an envelope copied to another person or field fails to open.
 */
export const ENVELOPE_PREFIX = 'pd1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[0-9a-f]{32}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

export interface DataKey {
  /** Opaque id (32 hex digits) that envelopes carry to name their key. */
  keyId: string;
  version: number;
  /** 32 bytes. */
  bytes: Buffer;
}

export interface EnvelopeParts {
  keyId: string;
  keyVersion: number;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export class PersonalDataCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
/** Not an envelope of this format. */
export class MalformedEnvelopeError extends PersonalDataCryptoError {}
/** The envelope names another key (id or version) than the one given. */
export class WrongKeyError extends PersonalDataCryptoError {}
/** Authentication failed: the envelope, its context or the key bytes are not the ones it was sealed with. */
export class TamperedEnvelopeError extends PersonalDataCryptoError {}

export function newDataKey(version = 1): DataKey {
  return { keyId: randomBytes(16).toString('hex'), version, bytes: randomBytes(KEY_BYTES) };
}

export function seal(key: DataKey, plaintext: string, context: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(key.keyId, key.version, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [ENVELOPE_PREFIX, key.keyId, String(key.version), iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
}

export function open(key: DataKey, envelope: string, context: string): string {
  checkKey(key);
  const parts = parseEnvelope(envelope);
  if (parts.keyId !== key.keyId || parts.keyVersion !== key.version) {
    throw new WrongKeyError(`The envelope was sealed with key ${parts.keyId} v${parts.keyVersion}, not ${key.keyId} v${key.version}`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, parts.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(parts.keyId, parts.keyVersion, context));
  decipher.setAuthTag(parts.tag);
  try {
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new TamperedEnvelopeError('The envelope does not authenticate: it was altered, or belongs to another person or field');
  }
}

export function parseEnvelope(envelope: string): EnvelopeParts {
  const fields = typeof envelope === 'string' ? envelope.split('.') : [];
  if (fields.length !== 6 || fields[0] !== ENVELOPE_PREFIX) throw new MalformedEnvelopeError(`Not a ${ENVELOPE_PREFIX} envelope`);
  const [, keyId, version, iv, ciphertext, tag] = fields as [string, string, string, string, string, string];
  if (!KEY_ID.test(keyId)) throw new MalformedEnvelopeError('Bad key id');
  if (!/^[1-9]\d{0,8}$/.test(version)) throw new MalformedEnvelopeError('Bad key version');
  if (![iv, ciphertext, tag].every((part) => B64URL.test(part))) throw new MalformedEnvelopeError('Bad base64url');
  const parts = {
    keyId,
    keyVersion: Number(version),
    iv: Buffer.from(iv, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
  };
  if (parts.iv.length !== IV_BYTES) throw new MalformedEnvelopeError(`The IV must be ${IV_BYTES} bytes`);
  if (parts.tag.length !== TAG_BYTES) throw new MalformedEnvelopeError(`The tag must be ${TAG_BYTES} bytes`);
  return parts;
}

/** Whether the text is a well-formed envelope under this key id and version (no key needed). */
export function isEnvelopeFor(envelope: unknown, keyId: string, keyVersion: number): boolean {
  if (typeof envelope !== 'string') return false;
  try {
    const parts = parseEnvelope(envelope);
    return parts.keyId === keyId && parts.keyVersion === keyVersion;
  } catch {
    return false;
  }
}

function associatedData(keyId: string, version: number, context: string): Buffer {
  return Buffer.from(`${ENVELOPE_PREFIX}|${keyId}|${version}|${context}`, 'utf8');
}

function checkKey(key: DataKey) {
  if (!KEY_ID.test(key.keyId) || key.bytes.length !== KEY_BYTES || !Number.isInteger(key.version) || key.version < 1) {
    throw new PersonalDataCryptoError('A data key is a 32-hex-digit id, a positive version and 32 bytes');
  }
}

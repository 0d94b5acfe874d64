import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { randomBase62 } from './ids.js';

/**
 * API token format (documented in emulator/README.md): 6 upper-case alphanumerics (the prefix shown in
 * token lists) followed by 42 base62 characters of secret, 48 characters in all, about 250 random bits.
 * Only the prefix, a random salt and SHA-512(salt || token) are stored.
 */
const TOKEN_PREFIX_LENGTH = 6;
const TOKEN_SECRET_LENGTH = 42;
const PREFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const TOKEN_SHAPE = /^[A-Z0-9]{6}[0-9A-Za-z]{42}$/;

export interface StoredSecret {
  salt: string;
  hash: string;
}

export interface NewToken extends StoredSecret {
  fullToken: string;
  prefix: string;
}

function randomPrefix(): string {
  let out = '';
  for (const byte of randomBytes(TOKEN_PREFIX_LENGTH * 4)) {
    if (byte < 252 && out.length < TOKEN_PREFIX_LENGTH) out += PREFIX_ALPHABET[byte % 36];
  }
  return out.length === TOKEN_PREFIX_LENGTH ? out : randomPrefix();
}

function tokenHash(salt: string, token: string): string {
  return createHash('sha512').update(salt, 'hex').update(token, 'utf8').digest('hex');
}

export function generateToken(): NewToken {
  const prefix = randomPrefix();
  const fullToken = prefix + randomBase62(TOKEN_SECRET_LENGTH);
  const salt = randomBytes(16).toString('hex');
  return { fullToken, prefix, salt, hash: tokenHash(salt, fullToken) };
}

/** The prefix of a presented token, or undefined when it cannot be one of ours (no lookup needed). */
export function tokenPrefixOf(presented: string): string | undefined {
  return TOKEN_SHAPE.test(presented) ? presented.slice(0, TOKEN_PREFIX_LENGTH) : undefined;
}

export function tokenMatches(stored: StoredSecret, presented: string): boolean {
  return timingSafeEqual(Buffer.from(tokenHash(stored.salt, presented), 'hex'), Buffer.from(stored.hash, 'hex'));
}

// Passwords use scrypt with a modest cost: this is a local test server, and every Basic request re-checks.
const SCRYPT_OPTIONS = { N: 1024, r: 8, p: 1 };

export function hashPassword(password: string): StoredSecret {
  const salt = randomBytes(16).toString('hex');
  return { salt, hash: scryptSync(password, Buffer.from(salt, 'hex'), 64, SCRYPT_OPTIONS).toString('hex') };
}

// Pairs (stored hash, presented password) already verified, kept in memory only as digests, so the many Basic
// requests of one terraform run pay scrypt once; a changed password has another stored hash and misses.
const verified = new Set<string>();
const VERIFIED_LIMIT = 1024;

export function passwordMatches(stored: StoredSecret, presented: string): boolean {
  const key = createHash('sha256').update(stored.hash).update('\0').update(presented).digest('hex');
  if (verified.has(key)) return true;
  const computed = scryptSync(presented, Buffer.from(stored.salt, 'hex'), 64, SCRYPT_OPTIONS);
  const matches = timingSafeEqual(computed, Buffer.from(stored.hash, 'hex'));
  if (matches) {
    if (verified.size >= VERIFIED_LIMIT) verified.clear();
    verified.add(key);
  }
  return matches;
}

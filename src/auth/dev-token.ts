import { SignJWT } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER } from './token-verifier.js';
import type { Role } from '../shared/principal.js';

/** Where `npm start` keeps the generated development secret when AUTH_DEV_SECRET is not set. */
export const DEV_SECRET_FILE = './data/dev-secret';

export function signDevToken(secret: string, claims: { subject: string; actorId: string; role: Role; expiresIn?: string }): Promise<string> {
  return new SignJWT({ actor_id: claims.actorId, role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(secret));
}

/** The configured development secret, or the one a development start generated before. */
export function readDevSecret(env: NodeJS.ProcessEnv = process.env, file = DEV_SECRET_FILE): string | undefined {
  if (env.AUTH_DEV_SECRET) return env.AUTH_DEV_SECRET;
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Development only: creates a random secret once, kept under ./data (never committed). */
export function ensureDevSecret(file = DEV_SECRET_FILE): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

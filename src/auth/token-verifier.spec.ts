import { jest } from '@jest/globals';
import { SignJWT } from 'jose';
import { AuthenticationError } from '../graphql/errors.js';
import { TokenVerifier } from './token-verifier.js';
import { signDevToken } from './dev-token.js';

const secret = 'a-development-secret-of-at-least-32-chars';
const auth = { devSecret: secret, requireTokenForQueries: false };

describe('TokenVerifier cache of verified tokens', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = Date.now();
  });

  it('verifies a token once, then answers from the cache the same principal until its expiry', async () => {
    const verifier = new TokenVerifier(auth, { cacheSize: 10, now: clock });
    const signatureChecks = jest.spyOn(verifier as unknown as { verifySignature(t: string): Promise<unknown> }, 'verifySignature');
    const token = await signDevToken(secret, { subject: 'ada', actorId: 'sgar-52', role: 'admin', expiresIn: '1h' });
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    expect(second).toBe(first);
    expect(first).toMatchObject({ subject: 'ada', actorId: 'sgar-52', role: 'admin' });
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    // Past its expiry the cached entry no longer answers: the token is refused as expired.
    now = first.expiresAt! * 1000 + 1;
    await expect(verifier.verify(token)).rejects.toThrow(new AuthenticationError('The token has expired'));
  });

  it('never caches a refusal: a bad signature is refused every time, and a good token after it still verifies', async () => {
    const verifier = new TokenVerifier(auth, { cacheSize: 10, now: clock });
    const forged = await new SignJWT({ actor_id: 'sgar-52', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('scoran-ledger-dev')
      .setAudience('scoran-ledger')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-at-least-32-characters'));
    await expect(verifier.verify(forged)).rejects.toThrow(/not valid/);
    await expect(verifier.verify(forged)).rejects.toThrow(/not valid/);
    const good = await signDevToken(secret, { subject: 'ada', actorId: 'sgar-52', role: 'admin' });
    expect(await verifier.verify(good)).toMatchObject({ subject: 'ada' });
  });

  it('keeps at most cacheSize tokens (least recently used leave and are verified again) and none at size 0', async () => {
    const verifier = new TokenVerifier(auth, { cacheSize: 2, now: clock });
    const checks = jest.spyOn(verifier as unknown as { verifySignature(t: string): Promise<unknown> }, 'verifySignature');
    const tokens = await Promise.all(['a', 'b', 'c'].map((subject) => signDevToken(secret, { subject, actorId: subject, role: 'admin' })));
    for (const token of tokens) await verifier.verify(token);
    expect(checks).toHaveBeenCalledTimes(3);
    await verifier.verify(tokens[2]);
    await verifier.verify(tokens[1]);
    expect(checks).toHaveBeenCalledTimes(3);
    await verifier.verify(tokens[0]); // evicted by the third
    expect(checks).toHaveBeenCalledTimes(4);

    const uncached = new TokenVerifier(auth, { cacheSize: 0, now: clock });
    const uncachedChecks = jest.spyOn(uncached as unknown as { verifySignature(t: string): Promise<unknown> }, 'verifySignature');
    await uncached.verify(tokens[0]);
    await uncached.verify(tokens[0]);
    expect(uncachedChecks).toHaveBeenCalledTimes(2);
  });
});

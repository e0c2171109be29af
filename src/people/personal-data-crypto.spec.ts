import { MalformedEnvelopeError, newDataKey, open, parseEnvelope, seal, TamperedEnvelopeError, WrongKeyError, isEnvelopeFor } from './personal-data-crypto.js';

describe('Personal-data envelope (AES-256-GCM)', () => {
  const key = newDataKey();
  const name = 'Hélène Géraud-Lefèvre';

  it('round-trips UTF-8 text and carries the key id and version', () => {
    const envelope = seal(key, name, 'p-1/name');
    expect(open(key, envelope, 'p-1/name')).toBe(name);
    expect(envelope).toMatch(new RegExp(`^pd1\\.${key.keyId}\\.1\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$`));
    expect(isEnvelopeFor(envelope, key.keyId, 1)).toBe(true);
    expect(envelope).not.toContain('Hél');
  });

  it('uses a fresh random IV each time: the same text never gives the same envelope', () => {
    const envelopes = Array.from({ length: 50 }, () => seal(key, name, 'p-1/name'));
    expect(new Set(envelopes).size).toBe(50);
    expect(new Set(envelopes.map((e) => parseEnvelope(e).iv.toString('hex'))).size).toBe(50);
    expect(parseEnvelope(envelopes[0]).iv).toHaveLength(12);
  });

  it('detects any altered byte of IV, ciphertext or tag with a typed error', () => {
    const envelope = seal(key, name, 'p-1/name');
    const [prefix, keyId, version, ...rest] = envelope.split('.');
    rest.forEach((part, index) => {
      const bytes = Buffer.from(part, 'base64url');
      for (let i = 0; i < bytes.length; i++) {
        const altered = Buffer.from(bytes);
        altered[i] ^= 0x01;
        const parts = [...rest];
        parts[index] = altered.toString('base64url');
        expect(() => open(key, [prefix, keyId, version, ...parts].join('.'), 'p-1/name')).toThrow(TamperedEnvelopeError);
      }
    });
  });

  it('refuses an envelope moved to another person or field', () => {
    const envelope = seal(key, name, 'p-1/name');
    expect(() => open(key, envelope, 'p-2/name')).toThrow(TamperedEnvelopeError);
    expect(() => open(key, envelope, 'p-1/title')).toThrow(TamperedEnvelopeError);
  });

  it('refuses a wrong key: another key id or version, or other bytes under the same id', () => {
    const envelope = seal(key, name, 'p-1/name');
    expect(() => open(newDataKey(), envelope, 'p-1/name')).toThrow(WrongKeyError);
    expect(() => open({ ...key, version: 2 }, envelope, 'p-1/name')).toThrow(WrongKeyError);
    expect(() => open({ ...key, bytes: newDataKey().bytes }, envelope, 'p-1/name')).toThrow(TamperedEnvelopeError);
    const relabelled = envelope.replace(`.${key.keyId}.`, `.${'0'.repeat(32)}.`);
    expect(() => open({ ...key, keyId: '0'.repeat(32) }, relabelled, 'p-1/name')).toThrow(TamperedEnvelopeError);
  });

  it('refuses what is not an envelope', () => {
    for (const bad of [
      '',
      'Hélène',
      'pd1.x.1.a.b.c',
      `pd2.${key.keyId}.1.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA`,
      `pd1.${key.keyId}.0.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA`,
      `pd1.${key.keyId}.1.AAAA.AA.AAAAAAAAAAAAAAAAAAAAAA`,
    ]) {
      expect(() => open(key, bad, 'p-1/name')).toThrow(MalformedEnvelopeError);
      expect(isEnvelopeFor(bad, key.keyId, 1)).toBe(false);
    }
  });
});

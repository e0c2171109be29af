import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyStore } from './key-store.js';

describe('Key store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fileBytes = (path: string) => Buffer.concat([path, `${path}-wal`, `${path}-journal`].filter(existsSync).map((p) => readFileSync(p)));

  it('gives each person one key, the same on every call and after reopening', () => {
    const path = join(dir, 'keys.db');
    const store = new KeyStore(path);
    const a = store.keyFor('p-1')!;
    const b = store.keyFor('p-2')!;
    expect(a.keyId).not.toBe(b.keyId);
    expect(a.bytes.equals(b.bytes)).toBe(false);
    expect(a.bytes).toHaveLength(32);
    store.close();
    const reopened = new KeyStore(path);
    expect(reopened.keyFor('p-1')).toEqual(a);
    reopened.close();
  });

  it('destroys a key for good, keeps a tombstone, and leaves no key byte in the file or WAL', () => {
    const path = join(dir, 'keys.db');
    const store = new KeyStore(path);
    const keys = Array.from({ length: 20 }, (_, i) => store.keyFor(`p-${i}`)!);
    const victim = keys[7];
    expect(fileBytes(path).includes(victim.bytes)).toBe(true);
    expect(store.destroy('p-7')).toBe(true);
    expect(store.destroy('p-7')).toBe(false);
    expect(store.lookup('p-7')).toMatchObject({ status: 'destroyed', keyId: victim.keyId, version: 1 });
    expect(store.keyFor('p-7')).toBeUndefined();
    expect(fileBytes(path).includes(victim.bytes)).toBe(false);
    expect(fileBytes(path).includes(victim.bytes.subarray(0, 8))).toBe(false);
    expect(fileBytes(path).includes(keys[8].bytes)).toBe(true);
    store.close();
    expect(fileBytes(path).includes(victim.bytes.subarray(0, 8))).toBe(false);
    expect(new KeyStore(path).lookup('p-7').status).toBe('destroyed');
  });
});

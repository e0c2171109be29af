import { eitherEvent } from '../projections/projection.js';
import { type CommitmentStatus, isCommitmentEvent, type CommitmentEvent } from '../commitments/commitment.decider.js';
import { commitmentHealth } from '../commitments/commitment-health.js';
import { byText, type ReportSection, type Row } from '../reports/report-section.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { DEPLOYMENT_ZONES, type DeploymentZone, isCommuneZoneEvent, type CommuneZoneEvent } from './commune-zone.decider.js';
import { type LegalBasis, isOperatorCommitmentsEvent, type OperatorCommitmentsEvent } from './operator-commitments.decider.js';
import { isRegulatorQuarterEvent, type RegulatorQuarterEvent } from './regulator-quarter.decider.js';

interface CommuneCommitment {
  communeCode: string;
  operatorId: string;
  legalBasis: LegalBasis;
  reference: string;
  madeOn: CalendarDate;
  premises: number;
  dueDate: CalendarDate;
  status: CommitmentStatus;
  /** Ended by an amendment or a change of zone (the commitment itself is then withdrawn). */
  ended: boolean;
  endedOn: CalendarDate | null;
  value: number | null;
}

interface State {
  /** Each commune's zones, oldest first. */
  zones: Record<string, { zone: DeploymentZone; from: CalendarDate }[]>;
  commitments: Record<string, CommuneCommitment>;
  /** quarter → as-of date; figures[commune][quarter] = [connectable, estimate]. */
  quarters: Record<string, CalendarDate>;
  figures: Record<string, Record<string, [number, number]>>;
}

type Standing = 'on_track' | 'at_risk' | 'late' | 'breached' | 'fulfilled' | 'withdrawn';
const LABEL: Record<Standing, string> = {
  on_track: 'à l’heure',
  at_risk: 'à risque',
  late: 'en retard',
  breached: 'non tenu',
  fulfilled: 'tenu',
  withdrawn: 'retiré',
};
const BASIS: Record<LegalBasis, string> = { amii_intention: 'intention AMII', amel: 'AMEL', l33_13_binding: 'engagement L.33-13' };
const ZONE: Record<DeploymentZone, string> = { ztd: 'ZTD', amii: 'AMII', amel: 'AMEL', rip: 'RIP' };

/** 2021-Q1 → "T1 2021", as the regulator writes it. */
const frenchQuarter = (quarter: string) => quarter.replace(/^(\d{4})-Q(\d)$/, 'T$2 $1');
const departementOf = (commune: string) => (commune.startsWith('97') ? commune.slice(0, 3) : commune.slice(0, 2));
const zoneOn = (history: { zone: DeploymentZone; from: CalendarDate }[] | undefined, day: CalendarDate) =>
  history?.filter((z) => z.from <= day).at(-1)?.zone ?? null;

/**
 * Operators' commitments in private-investment zones, judged on the regulator's figures: the late
 * and at-risk communes at the cut-off, the split by operator, zone, département and legal basis,
 * and the trend quarter by quarter. Labels in French (the report is French first).
 */
export function zonesReportSection(
  atRiskThreshold: number,
): ReportSection<State, CommuneZoneEvent | OperatorCommitmentsEvent | RegulatorQuarterEvent | CommitmentEvent> {
  const standingAt = (c: CommuneCommitment, day: CalendarDate, value: number | null): Standing => {
    if (c.status !== 'active') return c.status;
    if (value !== null && value >= c.premises) return 'on_track';
    return commitmentHealth({ madeOn: c.madeOn, dueDate: c.dueDate, target: c.premises, value }, day, atRiskThreshold);
  };
  return {
    key: 'operator-commitments',
    title: 'Zones de déploiement et engagements des opérateurs',
    checklist: ['commitments made by the actors and their status', 'semestrial update of coverage plans (map, calendar) and of cost and financing estimates'],
    categories: ['communeZone', 'operatorCommitments', 'regulatorQuarter', 'commitment'],
    order: 35,
    events: eitherEvent(eitherEvent(isCommuneZoneEvent, isOperatorCommitmentsEvent), eitherEvent(isRegulatorQuarterEvent, isCommitmentEvent)),
    initialState: () => ({ zones: {}, commitments: {}, quarters: {}, figures: {} }),
    evolve(state, event) {
      switch (event.type) {
        case 'CommuneZoneSet':
          (state.zones[event.data.communeCode] ??= []).push({ zone: event.data.zone, from: event.data.effectiveFrom });
          break;
        case 'OperatorCommitmentsRecorded': {
          const { operatorId, legalBasis, reference, madeOn } = event.data;
          for (const c of event.data.communes) {
            state.commitments[c.commitmentId] = {
              communeCode: c.communeCode,
              operatorId,
              legalBasis,
              reference,
              madeOn,
              premises: c.premises,
              dueDate: c.dueDate,
              status: 'active',
              ended: false,
              endedOn: null,
              value: null,
            };
          }
          break;
        }
        case 'OperatorCommitmentsAmended':
          for (const r of event.data.revised) Object.assign(state.commitments[r.commitmentId] ?? {}, { premises: r.premises, dueDate: r.dueDate });
          for (const w of event.data.withdrawn)
            Object.assign(state.commitments[w.commitmentId] ?? {}, { ended: true, endedOn: event.metadata.occurredAt.slice(0, 10) });
          break;
        case 'OperatorCommuneCommitmentEnded':
          Object.assign(state.commitments[event.data.commitmentId] ?? {}, { ended: true, endedOn: event.data.effectiveFrom });
          break;
        case 'RegulatorQuarterRecorded':
          state.quarters[event.data.quarter] = event.data.asOf;
          for (const row of event.data.rows) (state.figures[row.communeCode] ??= {})[event.data.quarter] = [row.connectable, row.premisesEstimate];
          break;
        default: {
          const commitment = state.commitments[(event.data as { commitmentId?: string }).commitmentId ?? ''];
          if (!commitment) break;
          if (event.type === 'CommitmentProgressReported' && event.data.supersedesCurrent) commitment.value = event.data.value;
          else if (event.type === 'CommitmentFulfilled') commitment.status = 'fulfilled';
          else if (event.type === 'CommitmentWithdrawn') commitment.status = 'withdrawn';
          else if (event.type === 'CommitmentBreached') commitment.status = 'breached';
          break;
        }
      }
    },
    render({ current, inRegion, actorName, cutoffDate }) {
      const communes = Object.keys(current.zones).filter((code) => inRegion(`communeZone-${code}`));
      const zoneCounts = DEPLOYMENT_ZONES.map((zone) => communes.filter((code) => zoneOn(current.zones[code], cutoffDate) === zone).length);
      const commitments = Object.entries(current.commitments)
        .filter(([id]) => inRegion(`commitment-${id}`))
        .map(([id, c]) => ({ id, ...c, standing: standingAt(c, cutoffDate, c.value), zone: zoneOn(current.zones[c.communeCode], cutoffDate) }));
      const latestFigures = (commune: string, until: string) => {
        const quarter = Object.keys(current.figures[commune] ?? {})
          .filter((q) => q <= until)
          .sort(byText)
          .at(-1);
        return quarter ? { quarter, figures: current.figures[commune][quarter] } : null;
      };
      const shortfall = (c: { premises: number; value: number | null }) => Math.max(0, c.premises - (c.value ?? 0));
      const rank: Record<Standing, number> = { breached: 0, late: 1, at_risk: 2, on_track: 3, fulfilled: 4, withdrawn: 5 };
      const flagged = commitments
        .filter((c) => c.standing === 'late' || c.standing === 'at_risk' || c.standing === 'breached')
        .sort((a, b) => rank[a.standing] - rank[b.standing] || shortfall(b) - shortfall(a) || byText(a.communeCode, b.communeCode));
      const detail: Row[] = flagged.map((c) => {
        const figures = latestFigures(c.communeCode, '9999');
        return {
          commune: c.communeCode,
          departement: departementOf(c.communeCode),
          zone: c.zone ? ZONE[c.zone] : null,
          operateur: actorName(c.operatorId),
          fondement: BASIS[c.legalBasis],
          engagement: c.reference,
          locaux_engages: c.premises,
          locaux_raccordables: c.value,
          estimation_locaux: figures?.figures[1] ?? null,
          echeance: c.dueDate,
          situation: LABEL[c.standing],
          locaux_manquants: shortfall(c),
        };
      });
      const split = (dimension: string, keyOf: (c: (typeof commitments)[number]) => string): Row[] => {
        const keys = [...new Set(commitments.map(keyOf))].sort(byText);
        return keys.map((key) => {
          const of = commitments.filter((c) => keyOf(c) === key);
          const count = (s: Standing) => of.filter((c) => c.standing === s).length;
          return {
            repartition: dimension,
            valeur: key,
            a_l_heure: count('on_track'),
            a_risque: count('at_risk'),
            en_retard: count('late'),
            non_tenus: count('breached'),
            tenus: count('fulfilled'),
            locaux_manquants_en_retard: of.filter((c) => c.standing === 'late' || c.standing === 'breached').reduce((n, c) => n + shortfall(c), 0),
          };
        });
      };
      const splits = [
        ...split('opérateur', (c) => actorName(c.operatorId)),
        ...split('zone', (c) => (c.zone ? ZONE[c.zone] : 'aucune')),
        ...split('département', (c) => departementOf(c.communeCode)),
        ...split('fondement juridique', (c) => BASIS[c.legalBasis]),
      ];
      const quarters = Object.entries(current.quarters)
        .filter(([, asOf]) => asOf <= cutoffDate)
        .sort(([a], [b]) => byText(a, b));
      const trend: Row[] = quarters.map(([quarter, asOf]) => {
        const row = { trimestre: frenchQuarter(quarter), a_l_heure: 0, a_risque: 0, en_retard: 0, locaux_manquants_en_retard: 0 };
        for (const c of commitments) {
          if (c.madeOn > asOf || (c.endedOn !== null && c.endedOn <= asOf)) continue;
          const value = latestFigures(c.communeCode, quarter)?.figures[0] ?? null;
          const standing = standingAt({ ...c, status: 'active' }, asOf, value);
          if (standing === 'late') {
            row.en_retard++;
            row.locaux_manquants_en_retard += c.premises - (value ?? 0);
          } else if (standing === 'at_risk') row.a_risque++;
          else row.a_l_heure++;
        }
        return row;
      });
      const count = (s: Standing) => commitments.filter((c) => c.standing === s).length;
      return {
        summary: [
          ...DEPLOYMENT_ZONES.map((zone, i): [string, number] => [`communes en zone ${ZONE[zone]}`, zoneCounts[i]]),
          ['engagements d’opérateurs (communes)', commitments.length],
          ['en retard', count('late')],
          ['à risque', count('at_risk')],
          ['non tenus', count('breached')],
          [
            'locaux manquants sur les engagements en retard ou non tenus',
            commitments.filter((c) => c.standing === 'late' || c.standing === 'breached').reduce((n, c) => n + shortfall(c), 0),
          ],
          ['dernier trimestre publié par le régulateur', quarters.length ? frenchQuarter(quarters.at(-1)![0]) : null],
        ],
        tables: [
          {
            name: 'operator-commitments-flagged',
            title: 'Engagements des opérateurs en retard, à risque ou non tenus',
            columns: [
              'commune',
              'departement',
              'zone',
              'operateur',
              'fondement',
              'engagement',
              'locaux_engages',
              'locaux_raccordables',
              'estimation_locaux',
              'echeance',
              'situation',
              'locaux_manquants',
            ],
            rows: detail,
          },
          {
            name: 'operator-commitments-split',
            title: 'Répartition par opérateur, zone, département et fondement juridique',
            columns: ['repartition', 'valeur', 'a_l_heure', 'a_risque', 'en_retard', 'non_tenus', 'tenus', 'locaux_manquants_en_retard'],
            rows: splits,
          },
          {
            name: 'operator-commitments-trend',
            title: 'Tendance par trimestre (chiffres du régulateur)',
            columns: ['trimestre', 'a_l_heure', 'a_risque', 'en_retard', 'locaux_manquants_en_retard'],
            rows: trend,
          },
        ],
        charts: [
          {
            name: 'operator-commitments-trend',
            title: 'Engagements des opérateurs en retard et à risque, par trimestre',
            labels: trend.map((r) => r.trimestre as string),
            series: [
              { name: 'en retard', values: trend.map((r) => r.en_retard as number) },
              { name: 'à risque', values: trend.map((r) => r.a_risque as number) },
            ],
            unit: 'communes',
          },
        ],
      };
    },
  };
}

import { byText, type ReportSection, type Row } from '../reports/report-section.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import {
  PRIORITY_SITES,
  WHITE_ZONE_KINDS,
  type PrioritySites,
  type WhiteZoneKind,
  type WhiteZoneStatus,
  isWhiteZoneEvent,
  type WhiteZoneEvent,
} from './white-zone.decider.js';

interface ReportedZone {
  streamId: string;
  kind: WhiteZoneKind;
  communeCodes: string[];
  prioritySites: PrioritySites;
  estimatedCost: number | null;
  status: WhiteZoneStatus;
  identifiedOn: CalendarDate;
  networkProjectId: string | null;
  resolvedOn: CalendarDate | null;
}

interface State {
  zones: Record<string, ReportedZone>;
}

const MOBILE: readonly WhiteZoneKind[] = ['mobile_2g_3g', 'mobile_4g_demand'];

/** The white-zone inventory: counts, priority sites, estimated costs (fixed, and the last 2G zones), resolved this semester. */
export function whiteZonesReportSection(): ReportSection<State, WhiteZoneEvent> {
  return {
    key: 'white-zones',
    title: 'White zones',
    checklist: ['inventory of fixed-broadband white zones', 'estimated cost of resolving the last 2G white zones'],
    categories: ['whiteZone'],
    order: 40,
    events: isWhiteZoneEvent,
    initialState: () => ({ zones: {} }),
    evolve(state, event) {
      if (event.type === 'WhiteZoneRecorded') {
        const d = event.data;
        state.zones[d.zoneId] = {
          streamId: event.streamId,
          kind: d.kind,
          communeCodes: d.communeCodes,
          prioritySites: d.prioritySites,
          estimatedCost: d.estimatedCost,
          status: 'identified',
          identifiedOn: d.identifiedOn,
          networkProjectId: null,
          resolvedOn: null,
        };
        return;
      }
      const zone = state.zones[event.data.zoneId];
      if (!zone) return;
      switch (event.type) {
        case 'WhiteZoneEstimateRevised':
          [zone.prioritySites, zone.estimatedCost] = [event.data.prioritySites, event.data.estimatedCost];
          break;
        case 'WhiteZoneResolutionPlanned':
          [zone.status, zone.networkProjectId] = ['planned', event.data.networkProjectId];
          break;
        case 'WhiteZoneResolved':
          [zone.status, zone.resolvedOn] = ['resolved', event.data.resolvedOn];
          zone.networkProjectId = event.data.networkProjectId ?? zone.networkProjectId;
          break;
        default:
          break;
      }
    },
    render({ current, inRegion, period }) {
      const zones = Object.entries(current.zones)
        .filter(([, z]) => inRegion(z.streamId))
        .sort(([a], [b]) => byText(a, b));
      const open = zones.filter(([, z]) => z.status !== 'resolved').map(([, z]) => z);
      const cost = (kinds: readonly WhiteZoneKind[]) => open.filter((z) => kinds.includes(z.kind)).reduce((n, z) => n + (z.estimatedCost ?? 0), 0);
      const byKind: Row[] = WHITE_ZONE_KINDS.map((kind) => {
        const ofKind = zones.map(([, z]) => z).filter((z) => z.kind === kind);
        return {
          kind,
          identified: ofKind.filter((z) => z.status === 'identified').length,
          planned: ofKind.filter((z) => z.status === 'planned').length,
          resolved: ofKind.filter((z) => z.status === 'resolved').length,
          resolved_this_semester: ofKind.filter((z) => z.resolvedOn !== null && z.resolvedOn >= period.from && z.resolvedOn <= period.to).length,
          communes: new Set(ofKind.flatMap((z) => z.communeCodes)).size,
          ...Object.fromEntries(
            PRIORITY_SITES.map((site) => [`priority_${site}`, ofKind.filter((z) => z.status !== 'resolved').reduce((n, z) => n + z.prioritySites[site], 0)]),
          ),
          open_estimated_cost: ofKind.filter((z) => z.status !== 'resolved').reduce((n, z) => n + (z.estimatedCost ?? 0), 0),
        };
      });
      return {
        summary: [
          ['zones', zones.length],
          ['open', open.length],
          ['resolved this semester', byKind.reduce((n, r) => n + (r.resolved_this_semester as number), 0)],
          ['estimated cost of the open fixed-broadband zones (€)', cost(['fixed_below_threshold'])],
          ['estimated cost of the open 2G/3G zones (€)', cost(['mobile_2g_3g'])],
          ['open zones without an estimate', open.filter((z) => z.estimatedCost === null).length],
        ],
        tables: [
          {
            name: 'white-zones-by-kind',
            title: 'White zones by kind',
            columns: [
              'kind',
              'identified',
              'planned',
              'resolved',
              'resolved_this_semester',
              'communes',
              ...PRIORITY_SITES.map((s) => `priority_${s}`),
              'open_estimated_cost',
            ],
            rows: byKind,
          },
          {
            name: 'white-zones',
            title: 'Inventory',
            columns: ['zone', 'kind', 'communes', 'status', 'identified_on', 'network_project', 'resolved_on', 'estimated_cost', 'mobile'],
            rows: zones.map(([id, z]) => ({
              zone: id,
              kind: z.kind,
              communes: z.communeCodes.join(' '),
              status: z.status,
              identified_on: z.identifiedOn,
              network_project: z.networkProjectId,
              resolved_on: z.resolvedOn,
              estimated_cost: z.estimatedCost,
              mobile: MOBILE.includes(z.kind),
            })),
          },
        ],
        charts: [
          {
            name: 'white-zones-by-status',
            title: 'White zones by kind and status',
            labels: [...WHITE_ZONE_KINDS],
            series: (['identified', 'planned', 'resolved'] as const).map((status) => ({ name: status, values: byKind.map((r) => r[status] as number) })),
            unit: 'zones',
          },
        ],
      };
    },
  };
}

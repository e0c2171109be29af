import { Injectable } from '@nestjs/common';
import { badUserInput } from '../graphql/errors.js';
import { decodeCursor, encodeCursor, type Connection } from '../graphql/pagination.js';
import { isCalendarDate } from '../shared/calendar-date.js';
import { TerritoryService } from '../territory/territory.service.js';
import { checkTerritoryRefs } from '../territory/territory-input.js';
import type { Territory, TerritoryRef } from '../territory/territory.types.js';
import type { Lang } from '../reports/document/format.js';
import { titled } from './feed-titles.js';
import { CALENDAR_ITEM_KINDS, FeedsReadModel, SOURCE_ROW_CAP, type CalendarItem, type FeedScope } from './feeds.read-model.js';

/** Longest calendar range: ten years. */
export const MAX_RANGE_YEARS = 10;
/** Most items one calendar (range and territory) may hold; GraphQL pages through them, the ICS file holds them all. */
export const MAX_FEED_ITEMS = SOURCE_ROW_CAP;

export type MapLevel = 'commune' | 'departement';

export const ATTRIBUTION_RULE =
  'A network project counts in every département it covers; its latest FttH premises planned and connectable are split evenly between those départements ' +
  '(whole premises, the remainder one each to the first départements by code), so summing départements gives the project figure once. ' +
  'At commune level network projects are left out (null): they are recorded per département.';

export interface CalendarQuery {
  from: string;
  to: string;
  territory?: { kind: string; code: string } | null;
}

export interface MapFeature {
  kind: 'commune' | 'departement';
  code: string;
  name: string;
  departementCode: string | null;
  regionCode: string | null;
  networkProjects: number | null;
  ftthPremisesPlanned: number | null;
  ftthPremisesConnectable: number | null;
  usageProjects: number;
  whiteZonesOpen: number;
  whiteZonesResolved: number;
  commitments: number;
  activeCommitments: number;
}

export interface MapData {
  territory: string | null;
  level: MapLevel;
  attribution: string;
  features: MapFeature[];
}

/** The calendar and map feeds: read-only views over the features' read models, checked at the edge. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly readModel: FeedsReadModel,
    private readonly territories: TerritoryService,
  ) {}

  /**
   * Every dated item from `from` to `to` (inclusive) on the territory or inside it, by date, kind, uid,
   * titled in `lang` (the API's titles are English; the iCalendar file's French by default).
   */
  calendar(query: CalendarQuery, lang: Lang = 'en'): CalendarItem[] {
    const { from, to } = query;
    if (!isCalendarDate(from)) throw badUserInput('from must be a calendar date YYYY-MM-DD', ['from']);
    if (!isCalendarDate(to)) throw badUserInput('to must be a calendar date YYYY-MM-DD', ['to']);
    if (to < from) throw badUserInput(`to (${to}) is before from (${from})`, ['to']);
    if (to >= `${String(Number(from.slice(0, 4)) + MAX_RANGE_YEARS).padStart(4, '0')}${from.slice(4)}`) {
      throw badUserInput(`A calendar covers less than ${MAX_RANGE_YEARS} years: narrow from/to`, ['to']);
    }
    const territory = query.territory ? checkTerritoryRefs(this.territories, [query.territory], 'territory', true)[0] : undefined;
    const items = this.readModel.calendarItems(from, to, this.scopeOf(territory));
    if (items.length > MAX_FEED_ITEMS) {
      throw badUserInput(`More than ${MAX_FEED_ITEMS} dated items from ${from} to ${to}: narrow the range or the territory`, ['from', 'to']);
    }
    return items.map((item) => titled(item, lang)).sort(compareItems);
  }

  /** A page of the calendar, keyed on (date, kind, uid). */
  calendarPage(query: CalendarQuery, first: number, after?: string): Connection<CalendarItem> {
    const items = this.calendar(query);
    let start = 0;
    if (after !== undefined) {
      const [date, kind, uid] = decodeCursor(after, 3);
      if (typeof date !== 'string' || typeof kind !== 'number' || typeof uid !== 'string')
        throw badUserInput('Invalid cursor: use the endCursor of a previous page', ['after']);
      const index = items.findIndex((item) => compareKeys(keysOf(item), [date, kind, uid]) > 0);
      start = index === -1 ? items.length : index;
    }
    const page = items.slice(start, start + first);
    const edges = page.map((node) => ({ cursor: encodeCursor(keysOf(node)), node }));
    return {
      edges,
      pageInfo: {
        hasNextPage: start + first < items.length,
        hasPreviousPage: start > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: items.length,
    };
  }

  /** Figures per commune or per département within the territory (the whole country by département when none). */
  map(territoryInput: { kind: string; code: string } | null | undefined, levelInput?: MapLevel | null): MapData {
    const territory = territoryInput ? checkTerritoryRefs(this.territories, [territoryInput], 'territory', true)[0] : undefined;
    const level: MapLevel = levelInput ?? (territory && territory.kind !== 'region' ? 'commune' : 'departement');
    const units = this.unitsOf(territory, level);
    const figures = this.readModel.unitFigures(
      level,
      units.map((u) => u.code),
    );
    const network = level === 'departement' ? this.networkByDepartement(units.map((u) => u.code)) : undefined;
    return {
      territory: territory ? `${territory.kind}:${territory.code}` : null,
      level,
      attribution: ATTRIBUTION_RULE,
      features: units.map((unit) => {
        const f = figures.get(unit.code);
        const n = network?.get(unit.code);
        return {
          kind: level,
          code: unit.code,
          name: unit.name,
          departementCode: level === 'commune' ? (unit.departementCode ?? null) : unit.code,
          regionCode: unit.regionCode ?? null,
          networkProjects: network ? (n?.projects ?? 0) : null,
          ftthPremisesPlanned: network ? (n?.planned ?? null) : null,
          ftthPremisesConnectable: network ? (n?.connectable ?? null) : null,
          usageProjects: f?.usageProjects ?? 0,
          whiteZonesOpen: f?.whiteZonesOpen ?? 0,
          whiteZonesResolved: f?.whiteZonesResolved ?? 0,
          commitments: f?.commitments ?? 0,
          activeCommitments: f?.activeCommitments ?? 0,
        };
      }),
    };
  }

  private scopeOf(territory: TerritoryRef | undefined): FeedScope {
    if (!territory) return {};
    const departements =
      territory.kind === 'region'
        ? this.territories.departementsOfRegion(territory.code).map((d) => d.code)
        : territory.kind === 'departement'
          ? [territory.code]
          : [];
    return { territory, departements };
  }

  private unitsOf(territory: TerritoryRef | undefined, level: MapLevel): readonly Territory[] {
    if (level === 'commune') {
      if (!territory || territory.kind === 'region')
        throw badUserInput('A commune-level map is for a département, an EPCI or a commune: use level DEPARTEMENT for a region or the whole country', [
          'level',
        ]);
      if (territory.kind === 'departement') return this.territories.communesOfDepartement(territory.code);
      if (territory.kind === 'epci') return this.territories.communesOfEpci(territory.code);
      return [this.territories.commune(territory.code)!];
    }
    if (!territory) return this.territories.list({ kind: 'region', first: 100 }).flatMap((region) => this.territories.departementsOfRegion(region.code));
    if (territory.kind === 'region') return this.territories.departementsOfRegion(territory.code);
    return this.territories
      .enclosing(territory)
      .filter((ref) => ref.kind === 'departement')
      .map((ref) => this.territories.departement(ref.code)!)
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** Network project counts and premises per département, by the attribution rule above. */
  private networkByDepartement(codes: readonly string[]): Map<string, { projects: number; planned: number | null; connectable: number | null }> {
    const wanted = new Set(codes);
    const result = new Map<string, { projects: number; planned: number | null; connectable: number | null }>();
    for (const project of this.readModel.networkProjectsOn(codes)) {
      const departements = [...project.departementCodes].sort();
      const planned = splitEvenly(project.ftthPremisesPlanned, departements.length);
      const connectable = splitEvenly(project.ftthPremisesConnectable, departements.length);
      departements.forEach((code, i) => {
        if (!wanted.has(code)) return;
        const entry = result.get(code) ?? { projects: 0, planned: null, connectable: null };
        entry.projects += 1;
        if (planned) entry.planned = (entry.planned ?? 0) + planned[i];
        if (connectable) entry.connectable = (entry.connectable ?? 0) + connectable[i];
        result.set(code, entry);
      });
    }
    return result;
  }
}

/** `value` in `parts` whole shares, the remainder one each to the first shares; null when unknown. */
export function splitEvenly(value: number | null, parts: number): number[] | null {
  if (value === null || parts === 0) return null;
  const base = Math.floor(value / parts);
  const remainder = value - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < remainder ? 1 : 0));
}

type ItemKeys = [string, number, string];

function keysOf(item: CalendarItem): ItemKeys {
  return [item.date, CALENDAR_ITEM_KINDS.indexOf(item.kind), item.uid];
}

function compareKeys(a: ItemKeys, b: ItemKeys): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

function compareItems(a: CalendarItem, b: CalendarItem): number {
  return compareKeys(keysOf(a), keysOf(b));
}

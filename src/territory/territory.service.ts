import { Injectable, type OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { sirenProblem } from './siren.js';
import {
  TERRITORY_KINDS,
  TerritoryKind,
  type InvalidTerritoryRef,
  type Territory,
  type TerritoryKindValue,
  type TerritoryListQuery,
  type TerritoryRef,
} from './territory.types.js';

/** Where the official geography comes from (shown in messages). */
export const GEOGRAPHY_SOURCE = '@etalab/decoupage-administratif (COG INSEE, EPCI DGCL)';
export const DEFAULT_LIST_SIZE = 20;
export const MAX_LIST_SIZE = 100;

export const CODE_FORMATS: Record<TerritoryKindValue, { pattern: RegExp; description: string }> = {
  region: { pattern: /^\d{2}$/, description: 'a region code is 2 digits (e.g. 52, 11, 01-06 overseas)' },
  departement: { pattern: /^(\d{2}|2A|2B|\d{3})$/, description: 'a département code is 2 digits, 2A, 2B or 3 digits overseas (e.g. 44, 2A, 971)' },
  commune: { pattern: /^(\d{5}|2[AB]\d{3})$/, description: 'a commune INSEE code is 5 characters (e.g. 44109, 2A004)' },
  epci: { pattern: /^\d{9}$/, description: 'an EPCI is identified by its SIREN, 9 digits (e.g. 244400404)' },
};

const KIND_LABEL: Record<TerritoryKindValue, string> = { region: 'region', departement: 'département', commune: 'commune', epci: 'EPCI' };

/** The message for a code of the wrong shape for its kind (the same at the edge and in validate). */
export function malformedCodeMessage(kind: TerritoryKindValue, code: unknown): string {
  return `Malformed ${KIND_LABEL[kind]} code '${String(code)}': ${CODE_FORMATS[kind].description}`;
}

// Shapes of the package's JSON files (only the fields read here).
interface RawRegion {
  code: string;
  nom: string;
  zone?: string;
}
interface RawDepartement extends RawRegion {
  region: string;
}
interface RawCommune extends RawDepartement {
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement: string;
  chefLieu?: string;
  commune?: string;
  anciensCodes?: string[];
}
interface RawEpci {
  code: string;
  nom: string;
  membres: { code: string; nom: string; populationTotale?: number }[];
}

interface Entry {
  territory: Territory;
  /** Normalised name for search. */
  key: string;
}

interface Geography {
  regions: Map<string, Territory>;
  departements: Map<string, Territory>;
  communes: Map<string, Territory>;
  epcis: Map<string, Territory>;
  departementsByRegion: Map<string, readonly Territory[]>;
  communesByDepartement: Map<string, readonly Territory[]>;
  communesByEpci: Map<string, readonly Territory[]>;
  /** Every region an EPCI's member communes lie in, most populated first. */
  epciRegions: Map<string, readonly string[]>;
  epciDepartements: Map<string, readonly string[]>;
  epciOfCommune: Map<string, string>;
  /** Per kind, sorted by code, with search keys. */
  entries: Record<TerritoryKindValue, readonly Entry[]>;
  /** Codes that are not current communes but point to one: communes déléguées/associées, arrondissements municipaux, former codes. */
  replacedCommunes: Map<string, { current: string; what: string }>;
  /** Collectivités d'outre-mer (Saint-Pierre-et-Miquelon, Polynésie…) and their communes, left out on purpose. */
  overseasCollectivities: Map<string, string>;
  stats: GeographyStats;
}

export interface GeographyStats {
  regions: number;
  departements: number;
  communes: number;
  epcis: number;
  loadMs: number;
}

/**
 * The official French administrative geography (COG) as shipped by @etalab/decoupage-administratif:
 * the 18 regions, 101 départements, current communes and EPCI à fiscalité propre, indexed by code.
 *
 * Scope: regions and départements of France (metropolitan and the five DROM). The collectivités
 * d'outre-mer (975, 977, 978, 984, 986-989) are left out: they are not regions. Only current
 * communes ('commune-actuelle') are territories; a commune déléguée, associée or an arrondissement
 * municipal (Paris, Lyon, Marseille) is refused with the current commune to use instead.
 *
 * The data is read once, on first use (or at module init in the app), and never changes afterwards.
 */
@Injectable()
export class TerritoryService implements OnModuleInit {
  private geography?: Geography;

  onModuleInit(): void {
    this.load();
  }

  /** Loads the data if not yet loaded (idempotent); returns counts and load time. */
  load(): GeographyStats {
    this.geography ??= loadGeography();
    return this.geography.stats;
  }

  region(code: string): Territory | undefined {
    return this.data.regions.get(code);
  }

  departement(code: string): Territory | undefined {
    return this.data.departements.get(code);
  }

  commune(code: string): Territory | undefined {
    return this.data.communes.get(code);
  }

  epci(siren: string): Territory | undefined {
    return this.data.epcis.get(siren);
  }

  resolve(ref: { kind: string; code: string }): Territory | undefined {
    switch (ref.kind) {
      case 'region':
        return this.region(ref.code);
      case 'departement':
        return this.departement(ref.code);
      case 'commune':
        return this.commune(ref.code);
      case 'epci':
        return this.epci(ref.code);
      default:
        return undefined;
    }
  }

  /** The refs that are not official territories, with the reason; empty when all are valid. */
  validate(refs: readonly { kind: string; code: string }[]): InvalidTerritoryRef[] {
    return refs.flatMap((ref, index) => {
      const problem = this.problemOf(ref);
      return problem ? [{ index, ref: { kind: ref.kind, code: ref.code }, ...problem }] : [];
    });
  }

  /** Départements of a region, by code (empty for an unknown region). */
  departementsOfRegion(regionCode: string): readonly Territory[] {
    return this.data.departementsByRegion.get(regionCode) ?? [];
  }

  /** Current communes of a département, by code (empty for an unknown département). */
  communesOfDepartement(departementCode: string): readonly Territory[] {
    return this.data.communesByDepartement.get(departementCode) ?? [];
  }

  /** Member communes of an EPCI, by code (empty for an unknown EPCI). */
  communesOfEpci(siren: string): readonly Territory[] {
    return this.data.communesByEpci.get(siren) ?? [];
  }

  /** The EPCI à fiscalité propre a commune belongs to (a few island communes belong to none). */
  epciOfCommune(communeCode: string): Territory | undefined {
    const siren = this.data.epciOfCommune.get(communeCode);
    return siren === undefined ? undefined : this.epci(siren);
  }

  departementOf(communeCode: string): Territory | undefined {
    const commune = this.commune(communeCode);
    return commune?.departementCode === undefined ? undefined : this.departement(commune.departementCode);
  }

  /**
   * The region a territory belongs to (a region: itself). An EPCI spanning two regions (26 do):
   * the region holding most of its population; see regionsOf for all of them.
   */
  regionOf(ref: { kind: string; code: string }): Territory | undefined {
    const territory = this.resolve(ref);
    if (!territory) return undefined;
    return territory.kind === TerritoryKind.REGION ? territory : territory.regionCode === undefined ? undefined : this.region(territory.regionCode);
  }

  /** Every region a territory lies in: one, except for an EPCI across a regional border. */
  regionsOf(ref: { kind: string; code: string }): readonly Territory[] {
    const territory = this.resolve(ref);
    if (!territory) return [];
    if (territory.kind === TerritoryKind.EPCI) return (this.data.epciRegions.get(territory.code) ?? []).map((code) => this.region(code)!);
    const region = this.regionOf(ref);
    return region ? [region] : [];
  }

  /**
   * The territory and every territory it lies in (its EPCI, départements, regions): the keys under
   * which a record about it is found by a filter on a larger territory. Unknown refs: only themselves.
   */
  enclosing(ref: { kind: string; code: string }): TerritoryRef[] {
    const territory = this.resolve(ref);
    if (!territory) return [{ kind: ref.kind as TerritoryRef['kind'], code: ref.code }];
    const refs: TerritoryRef[] = [{ kind: territory.kind, code: territory.code }];
    if (territory.kind === TerritoryKind.COMMUNE) {
      const epci = this.data.epciOfCommune.get(territory.code);
      if (epci !== undefined) refs.push({ kind: TerritoryKind.EPCI, code: epci });
      if (territory.departementCode !== undefined) refs.push({ kind: TerritoryKind.DEPARTEMENT, code: territory.departementCode });
    }
    if (territory.kind === TerritoryKind.EPCI) {
      for (const code of this.data.epciDepartements.get(territory.code) ?? []) refs.push({ kind: TerritoryKind.DEPARTEMENT, code });
    }
    if (territory.kind !== TerritoryKind.REGION) {
      for (const region of this.regionsOf(territory)) refs.push({ kind: TerritoryKind.REGION, code: region.code });
    }
    return refs;
  }

  /**
   * Whether `inner` lies in `outer` (a territory contains itself). An EPCI is in a region or
   * département when any of its member communes is; an EPCI contains its member communes.
   */
  contains(outer: { kind: string; code: string }, inner: { kind: string; code: string }): boolean {
    const container = this.resolve(outer);
    const item = this.resolve(inner);
    if (!container || !item) return false;
    if (container.kind === item.kind) return container.code === item.code;
    switch (container.kind) {
      case TerritoryKind.REGION:
        return item.kind === TerritoryKind.EPCI ? (this.data.epciRegions.get(item.code) ?? []).includes(container.code) : item.regionCode === container.code;
      case TerritoryKind.DEPARTEMENT:
        if (item.kind === TerritoryKind.EPCI) return (this.data.epciDepartements.get(item.code) ?? []).includes(container.code);
        return item.kind === TerritoryKind.COMMUNE && item.departementCode === container.code;
      case TerritoryKind.EPCI:
        return item.kind === TerritoryKind.COMMUNE && this.data.epciOfCommune.get(item.code) === container.code;
      default:
        return false;
    }
  }

  /**
   * Territories of a kind, optionally in a region and matching a name (case-, accent- and
   * punctuation-insensitive) or the start of a code. Without search: by code; with search: exact
   * name first, then names starting with it, then words starting with it, then the rest, by name.
   * At most 100 (default 20).
   */
  list(query: TerritoryListQuery): Territory[] {
    const size = Math.min(Math.max(Math.trunc(query.first ?? DEFAULT_LIST_SIZE), 0), MAX_LIST_SIZE);
    const entries = this.data.entries[query.kind] ?? [];
    const inRegion = query.regionCode === undefined ? () => true : (t: Territory) => this.contains({ kind: 'region', code: query.regionCode! }, t);
    const search = query.search?.trim() ?? '';
    if (search === '') {
      const result: Territory[] = [];
      for (const entry of entries) {
        if (result.length >= size) break;
        if (inRegion(entry.territory)) result.push(entry.territory);
      }
      return result;
    }
    const wanted = normalizeName(search);
    const codePrefix = search.toUpperCase();
    const ranked: { entry: Entry; rank: number }[] = [];
    for (const entry of entries) {
      const rank = matchRank(entry, wanted, codePrefix);
      if (rank !== undefined && inRegion(entry.territory)) ranked.push({ entry, rank });
    }
    ranked.sort((a, b) => a.rank - b.rank || compare(a.entry.key, b.entry.key) || compare(a.entry.territory.code, b.entry.territory.code));
    return ranked.slice(0, size).map((r) => r.entry.territory);
  }

  private get data(): Geography {
    this.geography ??= loadGeography();
    return this.geography;
  }

  private problemOf(ref: { kind: string; code: string }): Omit<InvalidTerritoryRef, 'index' | 'ref'> | undefined {
    if (!(TERRITORY_KINDS as readonly string[]).includes(ref.kind)) {
      return { field: 'kind', reason: 'kind', message: `Unknown territory kind '${String(ref.kind)}' (region, departement, commune or epci)` };
    }
    const kind = ref.kind as TerritoryKindValue;
    const code = ref.code;
    const format = CODE_FORMATS[kind];
    if (typeof code !== 'string' || !format.pattern.test(code)) {
      return { field: 'code', reason: 'format', message: malformedCodeMessage(kind, code) };
    }
    if (kind === 'epci') {
      const siren = sirenProblem(code);
      if (siren) return { field: 'code', reason: siren.reason, message: siren.message };
    }
    if (this.resolve(ref)) return undefined;
    const unknown = (detail: string, replacedBy?: string) => ({
      field: 'code' as const,
      reason: 'unknown' as const,
      message: `Unknown ${KIND_LABEL[kind]} code '${code}': ${detail}`,
      ...(replacedBy === undefined ? {} : { replacedBy }),
    });
    const com = this.data.overseasCollectivities.get(code);
    if (com !== undefined && kind !== 'epci') return unknown(`${com} is an overseas collectivity (COM), outside the regions and départements covered`);
    if (kind === 'commune') {
      const replaced = this.data.replacedCommunes.get(code);
      const current = replaced && this.commune(replaced.current);
      if (replaced && current) return unknown(`it is ${replaced.what}; the current commune is ${current.code} (${current.name})`, current.code);
    }
    if (kind === 'epci') return unknown(`no EPCI à fiscalité propre has this SIREN in ${GEOGRAPHY_SOURCE}`);
    return unknown(`not in the official geography, ${GEOGRAPHY_SOURCE}`);
  }
}

/** Lower case, no accents (œ → oe), punctuation as single spaces: "L'Île-d'Yeu" → "l ile d yeu". */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function matchRank(entry: Entry, wanted: string, codePrefix: string): number | undefined {
  const { key, territory } = entry;
  if (territory.code === codePrefix || (wanted !== '' && key === wanted)) return 0;
  if (wanted !== '' && key.startsWith(wanted)) return 1;
  if (territory.code.startsWith(codePrefix)) return 1;
  if (wanted === '') return undefined;
  const at = key.indexOf(wanted);
  if (at < 0) return undefined;
  return key[at - 1] === ' ' ? 2 : 3;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const requireFromHere = createRequire(import.meta.url);

/** Reads one of the package's JSON files (not through require: no copy of the raw data stays in the module cache). */
function readData<T>(file: string): T {
  const path = requireFromHere.resolve(`@etalab/decoupage-administratif/data/${file}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function loadGeography(): Geography {
  const started = performance.now();
  const overseasCollectivities = new Map<string, string>();

  const regions = new Map<string, Territory>();
  for (const raw of readData<RawRegion[]>('regions')) {
    if (raw.zone === 'com' || !CODE_FORMATS.region.pattern.test(raw.code)) overseasCollectivities.set(raw.code, raw.nom);
    else regions.set(raw.code, freeze({ kind: TerritoryKind.REGION, code: raw.code, name: raw.nom }));
  }

  const departements = new Map<string, Territory>();
  for (const raw of readData<RawDepartement[]>('departements')) {
    if (raw.zone === 'com' || !regions.has(raw.region)) overseasCollectivities.set(raw.code, raw.nom);
    else departements.set(raw.code, freeze({ kind: TerritoryKind.DEPARTEMENT, code: raw.code, name: raw.nom, regionCode: raw.region }));
  }

  const communes = new Map<string, Territory>();
  const others: RawCommune[] = [];
  const rawCommunes = readData<RawCommune[]>('communes');
  for (const raw of rawCommunes) {
    if (raw.type !== 'commune-actuelle') others.push(raw);
    else if (!departements.has(raw.departement)) overseasCollectivities.set(raw.code, overseasCollectivities.get(raw.departement) ?? raw.nom);
    else
      communes.set(raw.code, freeze({ kind: TerritoryKind.COMMUNE, code: raw.code, name: raw.nom, regionCode: raw.region, departementCode: raw.departement }));
  }

  const replacedCommunes = new Map<string, { current: string; what: string }>();
  const WHAT: Record<string, string> = {
    'commune-deleguee': 'a commune déléguée',
    'commune-associee': 'a commune associée',
    'arrondissement-municipal': 'an arrondissement municipal',
  };
  for (const raw of others) {
    const current = raw.type === 'arrondissement-municipal' ? raw.commune : raw.chefLieu;
    if (!communes.has(raw.code) && current !== undefined && communes.has(current))
      replacedCommunes.set(raw.code, { current, what: WHAT[raw.type] ?? raw.type });
  }
  for (const raw of rawCommunes) {
    if (raw.type !== 'commune-actuelle' || !communes.has(raw.code)) continue;
    for (const old of raw.anciensCodes ?? []) {
      if (!communes.has(old) && !replacedCommunes.has(old)) replacedCommunes.set(old, { current: raw.code, what: 'a former code' });
    }
  }

  const epcis = new Map<string, Territory>();
  const communesByEpci = new Map<string, readonly Territory[]>();
  const epciRegions = new Map<string, readonly string[]>();
  const epciDepartements = new Map<string, readonly string[]>();
  const epciOfCommune = new Map<string, string>();
  for (const raw of readData<RawEpci[]>('epci')) {
    const members: Territory[] = [];
    const regionWeight = new Map<string, number>();
    const departementWeight = new Map<string, number>();
    for (const member of raw.membres) {
      const commune = communes.get(member.code);
      if (!commune) continue;
      members.push(commune);
      epciOfCommune.set(commune.code, raw.code);
      const weight = member.populationTotale ?? 1;
      regionWeight.set(commune.regionCode!, (regionWeight.get(commune.regionCode!) ?? 0) + weight);
      departementWeight.set(commune.departementCode!, (departementWeight.get(commune.departementCode!) ?? 0) + weight);
    }
    if (members.length === 0) continue;
    const byWeight = (weights: Map<string, number>) => Object.freeze([...weights].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([code]) => code));
    const regionCodes = byWeight(regionWeight);
    const departementCodes = byWeight(departementWeight);
    epcis.set(raw.code, freeze({ kind: TerritoryKind.EPCI, code: raw.code, name: raw.nom, regionCode: regionCodes[0], departementCode: departementCodes[0] }));
    communesByEpci.set(raw.code, Object.freeze(members.sort(byCode)));
    epciRegions.set(raw.code, regionCodes);
    epciDepartements.set(raw.code, departementCodes);
  }

  const group = (items: Iterable<Territory>, keyOf: (t: Territory) => string | undefined) => {
    const groups = new Map<string, Territory[]>();
    for (const item of items) {
      const key = keyOf(item);
      if (key === undefined) continue;
      const list = groups.get(key) ?? [];
      list.push(item);
      groups.set(key, list);
    }
    return new Map([...groups].map(([key, list]) => [key, Object.freeze(list.sort(byCode))] as const));
  };
  const entriesOf = (map: Map<string, Territory>) =>
    Object.freeze([...map.values()].sort(byCode).map((territory) => ({ territory, key: normalizeName(territory.name) })));

  return {
    regions,
    departements,
    communes,
    epcis,
    departementsByRegion: group(departements.values(), (t) => t.regionCode),
    communesByDepartement: group(communes.values(), (t) => t.departementCode),
    communesByEpci,
    epciRegions,
    epciDepartements,
    epciOfCommune,
    entries: { region: entriesOf(regions), departement: entriesOf(departements), commune: entriesOf(communes), epci: entriesOf(epcis) },
    replacedCommunes,
    overseasCollectivities,
    stats: {
      regions: regions.size,
      departements: departements.size,
      communes: communes.size,
      epcis: epcis.size,
      loadMs: Math.round(performance.now() - started),
    },
  };
}

function byCode(a: Territory, b: Territory): number {
  return compare(a.code, b.code);
}

function freeze(territory: Territory): Territory {
  return Object.freeze(territory);
}

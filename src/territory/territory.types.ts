/**
 * Plain types of the territory module (no Nest/GraphQL dependency): the GraphQL registration of
 * TerritoryKind lives in territory.model.ts.
 */

/** The four kinds of official territory. GraphQL names are upper case; values are the domain's. */
export enum TerritoryKind {
  REGION = 'region',
  DEPARTEMENT = 'departement',
  COMMUNE = 'commune',
  EPCI = 'epci',
}

/** 'region' | 'departement' | 'commune' | 'epci': a TerritoryKind member or its string value. */
export type TerritoryKindValue = `${TerritoryKind}`;

export const TERRITORY_KINDS: readonly TerritoryKindValue[] = Object.values(TerritoryKind);

/** A reference to an official territory: kind + INSEE code (EPCI: SIREN). */
export interface TerritoryRef {
  kind: TerritoryKindValue;
  code: string;
}

/** An official territory from the COG (INSEE) / DGCL list of EPCI à fiscalité propre. */
export interface Territory {
  readonly kind: TerritoryKind;
  /** INSEE code (region, département, commune) or SIREN (EPCI). */
  readonly code: string;
  readonly name: string;
  /** Region containing it (an EPCI spanning two regions: the one holding most of its population). */
  readonly regionCode?: string;
  /** Département containing it (communes; EPCI: the one holding most of its population). */
  readonly departementCode?: string;
}

/**
 * Why a reference is refused: `kind` not one of the four, `format` malformed code, `checksum`
 * 9 digits failing the SIREN key, `unknown` well formed but absent from the official geography.
 */
export type TerritoryProblemReason = 'kind' | 'format' | 'checksum' | 'unknown';

export interface InvalidTerritoryRef {
  /** Position in the list given to validate(). */
  index: number;
  /** The ref as given (its kind may be anything when it came from outside GraphQL). */
  ref: { kind: string; code: string };
  /** The failing field of the ref, to build a field path such as `territories.2.code`. */
  field: 'kind' | 'code';
  reason: TerritoryProblemReason;
  message: string;
  /** For a former or infra-communal code (commune déléguée, arrondissement municipal): the current commune to use. */
  replacedBy?: string;
}

export interface TerritoryListQuery {
  kind: TerritoryKindValue;
  /** Only territories in this region (an EPCI: when any of its member communes is). */
  regionCode?: string;
  /** Part of the name, case-, accent- and punctuation-insensitive; or the start of the code. */
  search?: string;
  /** Page size, default 20, capped at 100. */
  first?: number;
}

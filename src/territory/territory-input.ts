import { badUserInput } from '../graphql/errors.js';
import type { TerritoryService } from './territory.service.js';
import type { TerritoryRef } from './territory.types.js';

/**
 * Official codes are checked at the edge, before deciding (decide does no lookups). `field` names
 * the list in the input (`territories` → `territories.0.code`), or one ref when `single`.
 */
export function checkTerritoryRefs(service: TerritoryService, refs: readonly { kind: string; code: string }[], field: string, single = false): TerritoryRef[] {
  const problems = service.validate(refs);
  if (problems.length > 0) {
    throw badUserInput(
      problems.map((p) => p.message).join('; '),
      problems.map((p) => (single ? `${field}.${p.field}` : `${field}.${p.index}.${p.field}`)),
    );
  }
  return refs.map(toTerritoryRef);
}

export function toTerritoryRef(ref: { kind: string; code: string }): TerritoryRef {
  return { kind: ref.kind.toLowerCase() as TerritoryRef['kind'], code: ref.code };
}

/** Commune codes given as plain strings (a convention's scope): checked one by one, reported by index. */
export function checkCommuneCodes(service: TerritoryService, codes: readonly string[], field: string): void {
  const problems = service.validate(codes.map((code) => ({ kind: 'commune', code })));
  if (problems.length > 0)
    throw badUserInput(
      problems.map((p) => p.message).join('; '),
      problems.map((p) => `${field}.${p.index}`),
    );
}

import { Inject, Injectable } from '@nestjs/common';
import { CODE_FIELDS, type CodeFields } from '../runtime/feature.js';
import { ActorAccess } from '../actors/actor-access.js';
import type { Principal } from '../shared/principal.js';
import { TerritoryService } from '../territory/territory.service.js';
import { AuditReadModel } from './audit.read-model.js';
import { regionsNamedIn } from './audit.projection.js';
import { recordsNamedIn } from '../auth/authority.js';
import type { WriteScopeLookup } from '../auth/auth.guard.js';

/** Roles whose remit is national: they read every region's records. */
const NATIONAL_ROLES = new Set(['auditor', 'admin', 'national_body']);

/**
 * Who may read a record's full history (principals, metadata): national roles everywhere, anyone
 * else only on records that concern a region their actor is in, and their own actor's record.
 */
@Injectable()
export class RegionScope implements WriteScopeLookup {
  constructor(
    private readonly audit: AuditReadModel,
    private readonly actors: ActorAccess,
    private readonly territories: TerritoryService,
    @Inject(CODE_FIELDS) private readonly codeFields: CodeFields,
  ) {}

  mayReadStream(principal: Principal, streamId: string): boolean {
    if (NATIONAL_ROLES.has(principal.role) || streamId === `actor-${principal.actorId}`) return true;
    const own = this.regionsOfActor(principal.actorId);
    return this.audit.regionsOfStream(streamId).some((region) => own.has(region));
  }

  /**
   * The regions a write touches: those its input names (territories, codes, a report's region) and
   * those of the records it names, as the log recorded them. Never what the caller says of itself.
   */
  regionsOfWrite(operation: string, input: Record<string, unknown>): Set<string> {
    const regions = regionsNamedIn(input, this.territories, this.codeFields);
    for (const stream of recordsNamedIn(operation, input)) for (const region of this.audit.regionsOfStream(stream)) regions.add(region);
    return regions;
  }

  regionsOfActor(actorId: string): ReadonlySet<string> {
    return this.actors.regionsOf(actorId);
  }
}

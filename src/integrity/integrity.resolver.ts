import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireRoles } from '../auth/access.decorators.js';
import { apiError, badUserInput } from '../graphql/errors.js';
import { ListSize } from '../graphql/query-limits.js';
import { IntegrityService } from './integrity.service.js';
import {
  ConsistencyProofArgs,
  VerifyIntegrityArgs,
  ConsistencyProofModel,
  InclusionProofArgs,
  InclusionProofModel,
  IntegrityReportModel,
  SealModel,
} from './integrity.model.js';

@Resolver()
export class IntegrityResolver {
  constructor(private readonly integrity: IntegrityService) {}

  @RequireRoles('auditor', 'admin')
  @ListSize(50)
  @Query(() => [SealModel], { description: 'Every seal of the log, oldest first. Auditor or admin.' })
  seals() {
    return this.integrity.seals();
  }

  @RequireRoles('auditor', 'admin')
  @ListSize(1)
  @Query(() => InclusionProofModel, { description: 'Proof that an event is in a sealed tree (default: the latest seal). Auditor or admin.' })
  async inclusionProof(@Args() args: InclusionProofArgs) {
    if (args.sealPosition !== undefined && args.treeSize !== undefined)
      throw badUserInput('Give sealPosition or treeSize, not both', ['sealPosition', 'treeSize']);
    let treeSize = args.treeSize;
    if (treeSize === undefined) {
      const seal = await this.integrity.sealAt({ position: args.sealPosition });
      if (!seal) throw apiError('NOT_FOUND', args.sealPosition ? `No seal at position ${args.sealPosition}` : 'The log has no seal yet');
      treeSize = seal.treeSize;
    } else if (treeSize > (await this.integrity.headSize())) {
      throw badUserInput(`The log holds fewer than ${treeSize} events`, ['treeSize']);
    }
    const proof = await this.integrity.inclusionProof(args.eventId, treeSize);
    if (!proof) throw apiError('NOT_FOUND', `Event ${args.eventId} is not among the first ${treeSize} events of the log`);
    return proof;
  }

  @RequireRoles('auditor', 'admin')
  @ListSize(1)
  @Query(() => ConsistencyProofModel, { description: 'Proof that the tree of `to` events extends the tree of `from` events. Auditor or admin.' })
  async consistencyProof(@Args() args: ConsistencyProofArgs) {
    if (args.from > args.to) throw badUserInput('from must not exceed to', ['from', 'to']);
    if (args.to > (await this.integrity.headSize())) throw badUserInput(`The log holds fewer than ${args.to} events`, ['to']);
    return this.integrity.consistencyProof(args.from, args.to);
  }

  @RequireRoles('auditor', 'admin')
  @Query(() => IntegrityReportModel, { description: 'Walks the whole log: OK, or the first bad position and why. Auditor or admin.' })
  async verifyIntegrity(@Args() args: VerifyIntegrityArgs): Promise<IntegrityReportModel> {
    if ((args.keptTreeSize === undefined) !== (args.keptRoot === undefined))
      throw badUserInput('keptTreeSize and keptRoot go together', ['keptTreeSize', 'keptRoot']);
    const kept = args.keptTreeSize !== undefined ? { treeSize: args.keptTreeSize, root: args.keptRoot! } : undefined;
    const [verdict, damaged] = await Promise.all([this.integrity.verify(kept), this.integrity.damaged()]);
    if (verdict.ok)
      return { ok: true, events: verdict.events, seals: verdict.seals, root: verdict.root, badIndex: null, badPosition: null, reason: null, damaged };
    return { ok: false, events: null, seals: null, root: null, badIndex: verdict.index, badPosition: verdict.position, reason: verdict.reason, damaged };
  }
}

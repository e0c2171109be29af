import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { badUserInput } from '../graphql/errors.js';
import { commandContext } from '../graphql/command-input.js';
import { ListSize } from '../graphql/query-limits.js';
import type { SynthesisContent } from './national-synthesis.js';
import {
  IssueNationalSynthesisInput,
  IssueNationalSynthesisPayload,
  NationalSynthesisArgs,
  NationalSynthesisModel,
  RegionalGovernanceArgs,
  RegionGovernanceModel,
  RegionalSubmissionModel,
  RegionalSubmissionsArgs,
  SubmissionBundleArgs,
  SubmitRegionalReportInput,
  SubmitRegionalReportPayload,
} from './national.model.js';
import { NationalService, type IssuedSynthesisRow, type SubmissionRow } from './national.service.js';

@Resolver()
export class NationalResolver {
  constructor(private readonly national: NationalService) {}

  @Query(() => NationalSynthesisModel, {
    description: 'The national synthesis of a semester: every region side by side (regional actors see their own regions’ rows and the totals).',
  })
  async nationalSynthesis(@Args() args: NationalSynthesisArgs, @CurrentPrincipal() principal: Principal): Promise<NationalSynthesisModel> {
    const synthesis = await this.national.synthesis(args.semester);
    return this.model(this.national.visibleTo(synthesis.content, principal), synthesis.sha256);
  }

  @ListSize(18)
  @Query(() => [RegionGovernanceModel], {
    description:
      'Governance figures per region, side by side: decisions by vote and by consensus, quorum failures, days from decision to commitment, commitments breached. Auditors, national bodies and admins: every region; a regional actor: its own regions.',
  })
  regionalGovernance(@Args() args: RegionalGovernanceArgs, @CurrentPrincipal() principal: Principal): RegionGovernanceModel[] {
    return this.national.governance(args, principal);
  }

  @Query(() => String, {
    description:
      'The submission bundle (JSON text) of an issued regional report: report bytes, seal, inclusion proof, and consistency proof from the seal last accepted nationally.',
  })
  async submissionBundle(@Args() args: SubmissionBundleArgs): Promise<string> {
    if ((args.sinceTreeSize === undefined || args.sinceTreeSize === null) !== (args.sinceRoot === undefined || args.sinceRoot === null))
      throw badUserInput('sinceTreeSize and sinceRoot go together', ['sinceRoot']);
    const since = args.sinceTreeSize && args.sinceRoot ? { treeSize: args.sinceTreeSize, root: args.sinceRoot } : null;
    return JSON.stringify(await this.national.bundle({ region: args.region, semester: args.semester, since }));
  }

  @Query(() => [RegionalSubmissionModel], {
    description: 'Regional reports accepted from bundles, oldest first; the last of a region is the seal its next bundle starts from.',
  })
  regionalSubmissions(@Args() args: RegionalSubmissionsArgs): RegionalSubmissionModel[] {
    return this.national.submissions(args.region).map(toSubmissionModel);
  }

  @RequireRoles('admin', 'national_body')
  @Mutation(() => IssueNationalSynthesisPayload, { description: 'Issues the national synthesis of a semester (an event, sealed). National body or admin.' })
  async issueNationalSynthesis(
    @Args('input') input: IssueNationalSynthesisInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IssueNationalSynthesisPayload> {
    const context = commandContext(input, principal);
    const { synthesis, replayed, seal } = await this.national.issue(input.semester, { principal, subject: context.principal, commandId: input.commandId });
    return { synthesis: this.model(synthesis.content, synthesis.sha256), replayed, sealTreeSize: seal?.treeSize ?? null, sealRoot: seal?.root ?? null };
  }

  @RequireRoles('admin', 'commission_secretariat')
  @Mutation(() => SubmitRegionalReportPayload, {
    description:
      'Submits a regional report as a bundle; verified (inclusion, consistency with the region’s last accepted seal) before it is recorded. A refused bundle writes nothing and says why.',
  })
  async submitRegionalReport(@Args('input') input: SubmitRegionalReportInput, @CurrentPrincipal() principal: Principal): Promise<SubmitRegionalReportPayload> {
    const context = commandContext(input, principal);
    const { submission, replayed } = await this.national.submit(input, { principal, subject: context.principal, commandId: input.commandId });
    return { submission: toSubmissionModel(submission), replayed };
  }

  private model(content: SynthesisContent, sha256: string): NationalSynthesisModel {
    return {
      semester: content.semester,
      previousSemester: content.previousSemester,
      sha256,
      reported: content.reported,
      missing: content.missing,
      regions: content.regions.map((r) => ({
        ...r,
        issuedAt: r.issuedAt ? new Date(r.issuedAt) : null,
        sealTreeSize: r.seal?.treeSize ?? null,
        sealRoot: r.seal?.root ?? null,
      })),
      totals: content.totals,
      rankings: content.rankings,
      issued: this.national.issued(content.semester).map(toIssuedModel),
    };
  }
}

const toSubmissionModel = (s: SubmissionRow): RegionalSubmissionModel => ({ ...s, issuedAt: new Date(s.issuedAt), acceptedAt: new Date(s.acceptedAt) });
const toIssuedModel = (s: IssuedSynthesisRow) => ({ ...s, issuedAt: new Date(s.issuedAt) });

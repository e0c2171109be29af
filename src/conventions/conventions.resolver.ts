import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../actors/actor.model.js';
import { ActorsReadModel } from '../actors/actors.read-model.js';
import { CurrentPrincipal, PublicRead } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { eventIdFor } from '../decider/command-handler.js';
import { commandContext, type CommandInput, type WithoutPrincipal } from '../graphql/command-input.js';
import { apiError } from '../graphql/errors.js';
import { pageSize, type Connection } from '../graphql/pagination.js';
import { ListSize } from '../graphql/query-limits.js';
import { parisDateOf, parisToday } from '../shared/calendar-date.js';
import { Territory } from '../territory/territory.model.js';
import { TerritoryService } from '../territory/territory.service.js';
import { checkCommuneCodes, checkTerritoryRefs } from '../territory/territory-input.js';
import { conventionDecider, conventionStreamId, type ConventionCommand } from './convention.decider.js';
import {
  AmendConventionInput,
  ConventionDefaultInput,
  ConventionsArgs,
  DraftConventionInput,
  ExpireConventionInput,
  NotifyConventionDefaultInput,
  RecordDefaultDecisionInput,
  ResolveConventionDefaultInput,
  SignConventionInput,
  TerminateConventionInput,
} from './convention.input.js';
import {
  Convention,
  ConventionConnection,
  ConventionDefault,
  ConventionParty,
  ConventionPayload,
  ConventionSignature,
  ConventionVersion,
  ExpectedSignature,
} from './convention.model.js';
import { ConventionsReadModel, type ConventionRow, type PartyRow } from './conventions.read-model.js';
import { CommandGateway } from '../graphql/command-gateway.js';

@Resolver(() => Convention)
export class ConventionsResolver {
  constructor(
    private readonly commands: CommandGateway,
    private readonly readModel: ConventionsReadModel,
    private readonly actors: ActorsReadModel,
    private readonly territories: TerritoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @PublicRead()
  @Query(() => ConventionConnection, { description: 'Conventions by drafting date; filter by kind, party, territory (commune or enclosing) and status.' })
  conventions(@Args() args: ConventionsArgs): Connection<ConventionRow> {
    const { territory, ...filter } = args.filter ?? {};
    const territoryRef = territory && checkTerritoryRefs(this.territories, [territory], 'filter.territory', true)[0];
    return this.readModel.list({ ...filter, territory: territoryRef }, pageSize(args, this.config.graphql.maxPageSize), args.after);
  }

  @PublicRead()
  @Query(() => Convention, {
    nullable: true,
    description: 'A convention with its versions, who signed which version and when, and who is still expected to sign.',
  })
  convention(@Args('id', { type: () => ID }) id: string): ConventionRow | undefined {
    return this.readModel.byId(id);
  }

  @ListSize(20)
  @ResolveField('parties', () => [ConventionParty])
  parties(convention: ConventionRow): PartyRow[] {
    return this.readModel.parties(convention.id);
  }

  @ResolveField('scope', () => [Territory], { description: 'The communes the convention covers.' })
  scope(convention: ConventionRow) {
    return convention.scope.flatMap((code) => this.territories.commune(code) ?? []);
  }

  @ListSize(5)
  @ResolveField('versions', () => [ConventionVersion])
  versions(convention: ConventionRow) {
    return this.readModel.versions(convention.id);
  }

  @ListSize(40)
  @ResolveField('signatures', () => [ConventionSignature], { description: 'Every signature of every version, in the order recorded.' })
  signatures(convention: ConventionRow) {
    return this.readModel.signatures(convention.id);
  }

  @ListSize(20)
  @ResolveField('expectedSignatures', () => [ExpectedSignature], { description: 'Parties that still owe signatures on the version awaiting them.' })
  expectedSignatures(convention: ConventionRow) {
    return this.readModel.expectedSignatures(convention);
  }

  @ListSize(5)
  @ResolveField('defaults', () => [ConventionDefault])
  defaults(convention: ConventionRow) {
    return this.readModel.defaults(convention.id);
  }

  @Mutation(() => ConventionPayload, { description: 'A representative of one of the parties drafts the convention (version 1).' })
  draftConvention(@Args('input') input: DraftConventionInput, @CurrentPrincipal() principal: Principal) {
    const conventionId = input.conventionId ?? eventIdFor(input.commandId, -1);
    checkCommuneCodes(this.territories, input.scope, 'scope');
    const parties = input.parties.map(({ actorId, signaturesRequired }) => {
      const actor = this.actors.byId(actorId);
      return { actorId, signaturesRequired, actor: actor && { kind: actor.kind, status: actor.status } };
    });
    const { kind, title, documentHash, scope, endsOn } = input;
    const calendar = (input.calendar ?? []).map(({ communeCode, plannedPremises, plannedDate }) => ({ communeCode, plannedPremises, plannedDate }));
    // Drafted on the day the client says it happened (occurredAt), so archives can be recorded late.
    const draftedOn = parisDateOf(commandContext(input, principal).occurredAt);
    return this.run(
      conventionId,
      { type: 'DraftConvention', conventionId, kind, title, parties, documentHash, scope, calendar, endsOn, today: draftedOn },
      input,
      principal,
    );
  }

  @Mutation(() => ConventionPayload, {
    description:
      'A party’s representative signs the version awaiting signatures, identified by its document hash. The last required signature puts it in force.',
  })
  signConvention(@Args('input') input: SignConventionInput, @CurrentPrincipal() principal: Principal) {
    const { documentHash, place, signedOn } = input;
    const signatory = { personId: input.signatory.personId, title: input.signatory.title };
    const councilResolution = input.councilResolution && { number: input.councilResolution.number, date: input.councilResolution.date };
    return this.run(
      input.conventionId,
      { type: 'SignConvention', documentHash, signatory, place, signedOn, councilResolution, today: parisToday() },
      input,
      principal,
    );
  }

  @Mutation(() => ConventionPayload, {
    description: 'A party proposes an amendment (avenant); all parties sign again; the previous version stays in force meanwhile.',
  })
  amendConvention(@Args('input') input: AmendConventionInput, @CurrentPrincipal() principal: Principal) {
    return this.run(
      input.conventionId,
      { type: 'AmendConvention', documentHash: input.documentHash, summary: input.summary, today: parisToday() },
      input,
      principal,
    );
  }

  @Mutation(() => ConventionPayload, { description: 'A party records the termination of the convention, once it takes effect.' })
  terminateConvention(@Args('input') input: TerminateConventionInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.conventionId, { type: 'TerminateConvention', reason: input.reason, on: input.on, today: parisToday() }, input, principal);
  }

  @Mutation(() => ConventionPayload, { description: 'A party (or admin) records that the convention reached its end date.' })
  expireConvention(@Args('input') input: ExpireConventionInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.conventionId, { type: 'ExpireConvention', today: parisToday() }, input, principal);
  }

  @Mutation(() => ConventionPayload, { description: 'CPSD default procedure: a party notifies a default of another party.' })
  notifyConventionDefault(@Args('input') input: NotifyConventionDefaultInput, @CurrentPrincipal() principal: Principal) {
    const { defaultId, defaultingPartyId, description } = input;
    return this.run(input.conventionId, { type: 'NotifyConventionDefault', defaultId, defaultingPartyId, description, today: parisToday() }, input, principal);
  }

  @Mutation(() => ConventionPayload, { description: 'A party or the commission secretariat refers a notified default to the commission (CCRANT).' })
  referConventionDefault(@Args('input') input: ConventionDefaultInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.conventionId, { type: 'ReferConventionDefault', defaultId: input.defaultId }, input, principal);
  }

  @Mutation(() => ConventionPayload, {
    description:
      'The commission secretariat or a national body records the commission’s decision on a default: referral to the national committee, or formal default.',
  })
  recordConventionDefaultDecision(@Args('input') input: RecordDefaultDecisionInput, @CurrentPrincipal() principal: Principal) {
    const { defaultId, decisionId, meetingId, outcome } = input;
    return this.run(input.conventionId, { type: 'RecordDefaultDecision', defaultId, decisionId, meetingId, outcome }, input, principal);
  }

  @Mutation(() => ConventionPayload, { description: 'A party records how a default was resolved.' })
  resolveConventionDefault(@Args('input') input: ResolveConventionDefaultInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.conventionId, { type: 'ResolveConventionDefault', defaultId: input.defaultId, resolution: input.resolution }, input, principal);
  }

  private async run(conventionId: string, command: WithoutPrincipal<ConventionCommand>, input: CommandInput, principal: Principal): Promise<ConventionPayload> {
    const result = await this.commands.send(conventionDecider, conventionStreamId(conventionId), command, input, principal);
    const convention = this.readModel.byId(conventionId);
    if (!convention) throw apiError('NOT_FOUND', `No convention ${conventionId}`);
    return {
      convention: convention,
      revision: result.revision,
      replayed: result.replayed,
      enteredIntoForce: result.events.some((event) => event.type === 'ConventionEnteredIntoForce'),
    };
  }
}

@Resolver(() => ConventionParty)
export class ConventionPartyResolver {
  constructor(private readonly actors: ActorsReadModel) {}

  @ResolveField('actor', () => Actor, { nullable: true })
  actor(party: PartyRow, _args: unknown, request: object) {
    return this.actors.inRequest.load(request, party.actorId);
  }
}

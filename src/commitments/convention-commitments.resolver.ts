import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { Convention } from '../conventions/convention.model.js';
import type { ConventionRow } from '../conventions/conventions.read-model.js';
import { pageSize, PageArgs, type Connection } from '../graphql/pagination.js';
import { CommitmentConnection } from './commitment.model.js';
import { CommitmentsReadModel, type CommitmentRow } from './commitments.read-model.js';

/** The other side of the convention–commitment link, kept here so conventions need not know commitments. */
@Resolver(() => Convention)
export class ConventionCommitmentsResolver {
  constructor(
    private readonly commitments: CommitmentsReadModel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ResolveField('commitments', () => CommitmentConnection, { description: 'Commitments attached to, or stemming from, this convention.' })
  commitmentsOf(@Parent() convention: ConventionRow, @Args() args: PageArgs): Connection<CommitmentRow> {
    return this.commitments.list({ conventionId: convention.id }, pageSize(args, this.config.graphql.maxPageSize), args.after);
  }
}

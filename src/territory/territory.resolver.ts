import { Args, Query, Resolver } from '@nestjs/graphql';
import { PublicRead } from '../auth/access.decorators.js';
import { badUserInput } from '../graphql/errors.js';
import { Territory, TerritoriesArgs, TerritoryArgs } from './territory.model.js';
import { TerritoryService } from './territory.service.js';

@Resolver(() => Territory)
export class TerritoryResolver {
  constructor(private readonly service: TerritoryService) {}

  @PublicRead()
  @Query(() => Territory, { nullable: true, description: 'One official territory by kind and code; null when the code does not exist.' })
  territory(@Args() args: TerritoryArgs): Territory | null {
    const [problem] = this.service.validate([args]);
    if (problem && problem.reason !== 'unknown') throw badUserInput(problem.message, [problem.field]);
    return this.service.resolve(args) ?? null;
  }

  @PublicRead()
  @Query(() => [Territory], { description: 'Official territories of a kind, optionally in a région and matching a name; at most 100.' })
  territories(@Args() args: TerritoriesArgs): Territory[] {
    if (args.regionCode !== undefined) {
      const [problem] = this.service.validate([{ kind: 'region', code: args.regionCode }]);
      if (problem) throw badUserInput(problem.message, ['regionCode']);
    }
    return this.service.list(args);
  }
}

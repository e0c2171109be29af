import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { ConventionSignature } from '../conventions/convention.model.js';
import { PeopleReadModel } from './people.read-model.js';
import { Person } from './person.model.js';
import { PersonalDataService, type PersonView } from './personal-data.service.js';

/** A signature's person from the registry: conventions are public state, names are not. */
@Resolver(() => ConventionSignature)
export class SignatoryResolver {
  constructor(
    private readonly readModel: PeopleReadModel,
    private readonly personalData: PersonalDataService,
  ) {}

  @ResolveField('person', () => Person, {
    nullable: true,
    description: 'The signatory in the people registry (erased: `erased: true`, null fields). Null without a token, or when the id is not registered.',
  })
  person(@Parent() signature: ConventionSignature, @CurrentPrincipal() principal: Principal | undefined): PersonView | null {
    if (!principal) return null;
    const row = this.readModel.byId(signature.personId);
    return row ? this.personalData.view(row) : null;
  }
}

import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { eventIdFor } from '../decider/command-handler.js';
import { commandContext } from '../graphql/command-input.js';
import { apiError } from '../graphql/errors.js';
import { pageSize, type Connection } from '../graphql/pagination.js';
import { PeopleReadModel } from './people.read-model.js';
import { ErasePersonInput, PeopleArgs, RegisterPersonInput, UpdatePersonInput } from './person.input.js';
import { Person, PersonConnection, PersonContact, PersonPayload } from './person.model.js';
import { PersonalDataService, type PersonalData, type PersonView } from './personal-data.service.js';

/**
 * Names are personal data, not public state: every query here needs a token (any role). Contact
 * details go further only to admins, the commission secretariat and representatives of the actor
 * that registered the person (docs/personal-data.md).
 */
@Resolver(() => Person)
export class PeopleResolver {
  constructor(
    private readonly readModel: PeopleReadModel,
    private readonly personalData: PersonalDataService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => Person, { nullable: true, description: 'Any authenticated caller. Decrypted at query time; erased people show `erased: true` and null fields.' })
  person(@Args('id', { type: () => ID }) id: string): PersonView | undefined {
    const row = this.readModel.byId(id);
    return row && this.personalData.view(row);
  }

  @Query(() => PersonConnection, { description: 'Any authenticated caller. By person id.' })
  people(@Args() args: PeopleArgs): Connection<PersonView> {
    const page = this.readModel.list(args.filter ?? {}, pageSize(args, this.config.graphql.maxPageSize), args.after);
    return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: this.personalData.view(edge.node) })) };
  }

  @ResolveField('contact', () => PersonContact, { nullable: true })
  contact(@Parent() person: PersonView, @CurrentPrincipal() principal: Principal | undefined): PersonContact | null {
    if (person.erased || !principal) return null;
    const allowed =
      principal.role === 'admin' ||
      principal.role === 'commission_secretariat' ||
      (principal.role === 'representative' && principal.actorId === person.registeredBy);
    return allowed ? { email: person.email, phone: person.phone } : null;
  }

  @Mutation(() => PersonPayload, {
    description: 'Admin, commission secretariat or representative. The data is encrypted with a key of the person’s own before it is recorded.',
  })
  async registerPerson(@Args('input') input: RegisterPersonInput, @CurrentPrincipal() principal: Principal) {
    const personId = input.personId ?? eventIdFor(input.commandId, -1);
    const data = tidy({ name: input.name, title: input.title, email: input.email, phone: input.phone }, true);
    const result = await this.personalData.register(personId, data, principal, commandContext(input, principal));
    return this.payload(personId, result);
  }

  @Mutation(() => PersonPayload, {
    description: 'Admin, commission secretariat, or a representative of the actor that registered the person. Not once erased.',
  })
  async updatePerson(@Args('input') input: UpdatePersonInput, @CurrentPrincipal() principal: Principal) {
    const data = tidy({ name: input.name, title: input.title, email: input.email, phone: input.phone }, false);
    const result = await this.personalData.update(input.personId, data, principal, commandContext(input, principal));
    return this.payload(input.personId, result);
  }

  @Mutation(() => PersonPayload, {
    description: 'Admin only, with a legal reason. Records the erasure, then destroys the person’s key: their data can never be read again, anywhere.',
  })
  async erasePerson(@Args('input') input: ErasePersonInput, @CurrentPrincipal() principal: Principal) {
    const result = await this.personalData.erase(input.personId, input.legalReason, principal, commandContext(input, principal));
    return this.payload(input.personId, result);
  }

  private payload(personId: string, result: { revision: number; replayed: boolean }): PersonPayload {
    const row = this.readModel.byId(personId);
    if (!row) throw apiError('NOT_FOUND', `No person ${personId}`);
    return { person: this.personalData.view(row), revision: result.revision, replayed: result.replayed };
  }
}

/** Single spaces, trimmed; an empty optional field is no value. */
function tidy(data: Record<string, string | null | undefined>, registering: boolean): PersonalData {
  const tidied: PersonalData = {};
  for (const [field, raw] of Object.entries(data)) {
    if (raw === undefined) {
      if (registering) tidied[field as keyof PersonalData] = null;
      continue;
    }
    const value = raw === null ? null : raw.trim().replace(/\s+/g, ' ');
    if (field === 'name' && value === '') throw apiError('BAD_USER_INPUT', 'The name must not be empty', { fields: ['name'] });
    tidied[field as keyof PersonalData] = value === '' ? null : value;
  }
  return tidied;
}

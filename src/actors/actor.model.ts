import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../graphql/pagination.js';
import { ACTOR_KINDS, type ActorKind } from './actor.decider.js';

/** GraphQL names are upper case; values are the domain's. */
export const ActorKindEnum = Object.fromEntries(ACTOR_KINDS.map((kind) => [kind.toUpperCase(), kind])) as Record<Uppercase<ActorKind>, ActorKind>;
registerEnumType(ActorKindEnum, {
  name: 'ActorKind',
  description:
    'Kind of actor (docs/domain.md): State in the region (préfet, SGAR), Région, Département, EPCI, commune, syndicat mixte, private operator, State agency (ARS, rectorat), national body (Mission France THD, ANCT/DATAR, ARCEP), consultative body (CESER).',
});

export enum ActorStatus {
  ACTIVE = 'active',
  RETIRED = 'retired',
}
registerEnumType(ActorStatus, { name: 'ActorStatus' });

@ObjectType({ description: 'A participant in the concertation: an authority, operator, agency or body.' })
export class Actor {
  @Field(() => ID)
  id!: string;
  @Field(() => ActorKindEnum)
  kind!: ActorKind;
  @Field()
  name!: string;
  @Field(() => String, { nullable: true, description: 'SIREN number (9 digits), when the actor has one.' })
  siren!: string | null;
  @Field(() => ActorStatus)
  status!: ActorStatus;
  @Field(() => Int, { description: 'Revision of the actor stream this state reflects: send it back as expectedRevision.' })
  revision!: number;
  @Field(() => GraphQLISODateTime)
  registeredAt!: Date;
  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const ActorConnection = ConnectionType(Actor);

@ObjectType({ description: 'The result of a command on an actor.' })
export class ActorPayload {
  @Field(() => Actor)
  actor!: Actor;
  @Field(() => Int, { description: 'Revision of the actor stream after the command.' })
  revision!: number;
  @Field({ description: 'True when this commandId had already been handled: nothing new was recorded.' })
  replayed!: boolean;
}

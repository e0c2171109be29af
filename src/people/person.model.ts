import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../graphql/pagination.js';

@ObjectType({
  description:
    'How to reach a person. Shown to admins, the commission secretariat and representatives of the actor that registered the person; null for everyone else and once erased.',
})
export class PersonContact {
  @Field(() => String, { nullable: true })
  email!: string | null;
  @Field(() => String, { nullable: true })
  phone!: string | null;
}

@ObjectType({ description: 'The record of an erasure (right to erasure, RGPD art. 17): when and on which legal ground.' })
export class PersonErasure {
  @Field(() => GraphQLISODateTime)
  erasedAt!: Date;
  @Field()
  legalReason!: string;
}

@ObjectType({
  description:
    'A person of the people registry (signatories, contacts). Stored encrypted with a key of its own; once erased the key is destroyed: `erased` is true and name, title and contact are null, for good.',
})
export class Person {
  @Field(() => ID)
  id!: string;
  @Field()
  erased!: boolean;
  @Field(() => String, { nullable: true, description: 'Null once erased.' })
  name!: string | null;
  @Field(() => String, { nullable: true, description: 'Null when none, or once erased.' })
  title!: string | null;
  @Field(() => ID, { description: 'The actor on whose behalf the person was registered.' })
  registeredBy!: string;
  @Field(() => PersonErasure, { nullable: true })
  erasure!: PersonErasure | null;
  @Field(() => Int, { description: 'Revision of the person stream this state reflects: send it back as expectedRevision.' })
  revision!: number;
  @Field(() => GraphQLISODateTime)
  registeredAt!: Date;
  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const PersonConnection = ConnectionType(Person);

@ObjectType({ description: 'The result of a command on a person.' })
export class PersonPayload {
  @Field(() => Person)
  person!: Person;
  @Field(() => Int)
  revision!: number;
  @Field({ description: 'True when this commandId had already been handled: nothing new was recorded.' })
  replayed!: boolean;
}

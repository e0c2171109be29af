import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NullClears } from '../runtime/null-clears.js';
import { CommandInput } from '../graphql/command-input.js';
import { PERSON_ID } from '../graphql/ids.js';
import { PageArgs } from '../graphql/pagination.js';
import { LEGAL_REASON_MAX } from './person.decider.js';
import { IsNested, IsText } from '../graphql/field-kinds.js';

export const PERSON_TEXT_MAX = 200;
const PERSON_ID_MESSAGE = 'personId: 1-100 letters, digits, _ . : - (starting with a letter or digit)';
const PHONE = /^\+?[0-9][0-9 .()-]{3,29}$/;

/** Title and contact: optional on registration; on update, null clears them. */
@InputType({ isAbstract: true })
abstract class PersonDetailsInput extends CommandInput {
  @Field(() => String, { nullable: true })
  @NullClears()
  @IsOptional()
  @IsString()
  @MaxLength(PERSON_TEXT_MAX)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @NullClears()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Digits, spaces and . ( ) -, optionally starting with +.' })
  @NullClears()
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be 4-30 digits, spaces and . ( ) -, optionally starting with +' })
  phone?: string | null;
}

@InputType({ description: 'Plaintext goes no further than this service: it is encrypted with the person’s own key before it is recorded.' })
export class RegisterPersonInput extends PersonDetailsInput {
  @Field(() => ID, { nullable: true, description: 'The id events use to reference the person; default: derived from commandId.' })
  @IsOptional()
  @Matches(PERSON_ID, { message: PERSON_ID_MESSAGE })
  personId?: string;

  @Field()
  @IsText(PERSON_TEXT_MAX)
  name!: string;
}

@InputType({ description: 'Only the fields given change; null clears title, email or phone.' })
export class UpdatePersonInput extends PersonDetailsInput {
  @Field(() => ID)
  @Matches(PERSON_ID, { message: PERSON_ID_MESSAGE })
  personId!: string;

  @Field(() => String, { nullable: true })
  @IsText(PERSON_TEXT_MAX, { optional: true })
  name?: string | null;
}

@InputType()
export class ErasePersonInput extends CommandInput {
  @Field(() => ID)
  @Matches(PERSON_ID, { message: PERSON_ID_MESSAGE })
  personId!: string;

  @Field({
    description:
      'The legal ground, e.g. "RGPD art. 17(1)(b): consent withdrawn by letter of 2026-03-02". Recorded in the log for good: it must not contain the person’s data.',
  })
  @IsString()
  @MaxLength(LEGAL_REASON_MAX)
  legalReason!: string;
}

@InputType()
export class PeopleFilterInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  erased?: boolean;
}

@ArgsType()
export class PeopleArgs extends PageArgs {
  @Field(() => PeopleFilterInput, { nullable: true })
  @IsNested(() => PeopleFilterInput, { optional: true })
  filter?: PeopleFilterInput;
}

import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CALENDAR_DATE, CALENDAR_DATE_MESSAGE, DOCUMENT_HASH, DOCUMENT_HASH_MESSAGE, ENTITY_ID, ENTITY_ID_MESSAGE } from './ids.js';

/**
 * One validation decorator per kind of input field, instead of the same class-validator stack on
 * every input: the rules and their messages (hence the typed errors, and the length bounds the
 * schema states) are written once. `optional`: an absent or null value passes; `each`: every
 * element of a list is checked. The GraphQL @Field stays beside them (its type and description are
 * the field's own).
 */
export interface FieldKindOptions {
  optional?: boolean;
  each?: boolean;
}

/** The rules of a kind, preceded by IsOptional when asked (as `@IsOptional()` written above them). */
function fieldKind(options: FieldKindOptions, ...rules: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...rules, ...(options.optional ? [IsOptional()] : []));
}

/** A readable id chosen by clients (actors, commitments, conventions, meetings...). */
export const IsEntityId = (options: FieldKindOptions = {}) => fieldKind(options, Matches(ENTITY_ID, { each: options.each, message: ENTITY_ID_MESSAGE }));

/** A calendar date YYYY-MM-DD (its existence is checked by the decider). */
export const IsCalendarDate = (options: FieldKindOptions = {}) =>
  fieldKind(options, Matches(CALENDAR_DATE, { each: options.each, message: CALENDAR_DATE_MESSAGE }));

/** The SHA-256 of a document, 64 lower-case hex digits. */
export const IsDocumentHash = (options: FieldKindOptions = {}) => fieldKind(options, Matches(DOCUMENT_HASH, { message: DOCUMENT_HASH_MESSAGE }));

/** A finite number: an amount, a figure, a quantity. */
export const IsAmount = (options: FieldKindOptions = {}) => fieldKind(options, IsNumber({ allowNaN: false, allowInfinity: false }));

/** A non-empty text of at most `max` characters: a title, a name, a reason. */
export const IsText = (max: number, options: FieldKindOptions = {}) =>
  // Length before IsString: the order class-validator reports them in when written `@IsString() @Length()`.
  fieldKind(options, Length(1, max), IsString());

/** A nested input object (or, with `each`, a list of them), built as its class and validated by its own rules. */
export const IsNested = (type: () => new () => object, options: FieldKindOptions = {}) =>
  fieldKind(options, Type(type), ValidateNested(options.each ? { each: true } : undefined));

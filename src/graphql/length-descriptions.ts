import { TypeMetadataStorage } from '@nestjs/graphql';
import { getMetadataStorage, type ValidationTypes } from 'class-validator';
import { getNamedType, isInputObjectType, isListType, getNullableType, type GraphQLSchema } from 'graphql';

/** Any string input without a tighter bound of its own: enforced by the input hygiene, stated in the schema. */
export const DEFAULT_MAX_TEXT = 10_000;

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** The bound the class-validator rules put on a field (MaxLength, Length), if any. */
function declaredMax(metadatas: Metadata[]): number | undefined {
  const bounds: number[] = [];
  for (const metadata of metadatas) {
    const constraints = (metadata.constraints ?? []) as unknown[];
    if (metadata.name === 'maxLength' && typeof constraints[0] === 'number') bounds.push(constraints[0]);
    if (metadata.name === 'isLength' && typeof constraints[1] === 'number') bounds.push(constraints[1]);
  }
  return bounds.length ? Math.min(...bounds) : undefined;
}

/**
 * States each string input field's maximum length in its schema description ("At most N
 * characters."), from the same class-validator rules that enforce it, or the service-wide
 * DEFAULT_MAX_TEXT the input hygiene enforces for every string.
 */
export function describeLengths(schema: GraphQLSchema): GraphQLSchema {
  const classes = new Map<string, Function>(TypeMetadataStorage.getInputTypesMetadata().map((m) => [m.name, m.target]));
  const storage = getMetadataStorage();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
    const target = classes.get(type.name);
    const metadatas = target ? storage.getTargetValidationMetadatas(target, '', true, false) : [];
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (named.name !== 'String' && named.name !== 'ID') continue;
      const max = declaredMax(metadatas.filter((m) => m.propertyName === field.name)) ?? DEFAULT_MAX_TEXT;
      const note = isListType(getNullableType(field.type)) ? `Each at most ${max} characters.` : `At most ${max} characters.`;
      if (field.description?.includes(note)) continue;
      field.description = field.description ? `${field.description.replace(/\.?\s*$/, '.')} ${note}` : note;
    }
  }
  return schema;
}

export type { ValidationTypes };

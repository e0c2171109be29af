import { TypeMetadataStorage } from '@nestjs/graphql';
import { getMetadataStorage } from 'class-validator';
import { getNamedType, isInputObjectType, isListType, getNullableType, type GraphQLSchema } from 'graphql';

/** Any string input without a tighter bound of its own: enforced by the input hygiene, stated in the schema. */
export const DEFAULT_MAX_TEXT = 10_000;

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** The bound the class-validator rules put on a field (MaxLength, Length, a UUID, a bounded pattern), if any. */
function declaredMax(metadatas: Metadata[]): number | undefined {
  const bounds: number[] = [];
  for (const metadata of metadatas) {
    const constraints = (metadata.constraints ?? []) as unknown[];
    if (metadata.name === 'maxLength' && typeof constraints[0] === 'number') bounds.push(constraints[0]);
    if (metadata.name === 'isLength' && typeof constraints[1] === 'number') bounds.push(constraints[1]);
    if (metadata.name === 'isUuid') bounds.push(36);
    if (metadata.name === 'matches' && constraints[0] instanceof RegExp) {
      const bound = patternMax(constraints[0].source);
      if (bound !== undefined) bounds.push(bound);
    }
  }
  return bounds.length ? Math.min(...bounds) : undefined;
}

/**
 * The longest string an anchored pattern can match, for the simple patterns the inputs use
 * (classes, escapes, literals, groups with alternatives, ? and {n,m}); undefined when unbounded
 * (* or +) or not understood.
 */
export function patternMax(source: string): number | undefined {
  if (!source.startsWith('^') || !source.endsWith('$')) return undefined;
  let i = 1;
  const end = source.length - 1;
  const sequence = (): number | undefined => {
    let total = 0;
    let best = 0;
    while (i < end && source[i] !== ')') {
      if (source[i] === '|') {
        best = Math.max(best, total);
        total = 0;
        i += 1;
        continue;
      }
      const atom = atomMax();
      if (atom === undefined) return undefined;
      const times = quantifier();
      if (times === undefined) return undefined;
      total += atom * times;
    }
    return Math.max(best, total);
  };
  const atomMax = (): number | undefined => {
    const c = source[i];
    if (c === '(') {
      i += 1;
      if (source.startsWith('?:', i)) i += 2;
      const inner = sequence();
      if (source[i] !== ')') return undefined;
      i += 1;
      return inner;
    }
    if (c === '[') {
      const close = source.indexOf(']', source[i + 1] === ']' ? i + 2 : i + 1);
      for (let j = i + 1; j < close; j++) if (source[j] === '\\') j += 1;
      if (close < 0) return undefined;
      i = close + 1;
      return 1;
    }
    if (c === '\\') {
      i += 2;
      return 1;
    }
    if (c === '^' || c === '$') {
      i += 1;
      return 0;
    }
    i += 1;
    return 1;
  };
  const quantifier = (): number | undefined => {
    const c = source[i];
    if (c === '?') return ((i += 1), 1);
    if (c === '*' || c === '+') return undefined;
    if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!match) return undefined;
      i += match[0].length;
      if (match[2] === undefined) return Number(match[1]);
      return match[3] ? Number(match[3]) : undefined;
    }
    return 1;
  };
  const max = sequence();
  return i === end ? max : undefined;
}

/**
 * States each string input field's maximum length in its schema description ("At most N
 * characters."), from the same class-validator rules that enforce it, or the service-wide
 * DEFAULT_MAX_TEXT the input hygiene enforces for every string.
 */
export function describeLengths(schema: GraphQLSchema): GraphQLSchema {
  const classes = new Map(TypeMetadataStorage.getInputTypesMetadata().map((m) => [m.name, m.target] as const));
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

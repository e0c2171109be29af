import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { badUserInput } from '../graphql/errors.js';
import { cleanInput } from './input-hygiene.js';
import { NULL_MEANS } from '../runtime/null-clears.js';

/**
 * class-validator at the edge: unknown fields refused, every failing field path reported. Before
 * it, every string goes through the text hygiene rules (input-hygiene.ts); after it, an explicit
 * null in an optional field is the same as leaving the field out, except where @NullClears says
 * null has a meaning, so no command ever sees a null it did not ask for.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return value;
    const key = flatKey(value, metadata.metatype);
    const known = key === undefined ? undefined : acceptedFlat.get(metadata.metatype!)?.get(key);
    if (known) return Object.assign(Object.create(Object.getPrototypeOf(known) as object) as object, known);
    const transformed: unknown = await super.transform(cleanInput(value), metadata);
    const result = dropNulls(transformed);
    if (key !== undefined && isFlat(result)) remember(metadata.metatype!, key, result);
    return result;
  }
}

/**
 * Flat arguments (a page's `first` and `after`: only strings, numbers and booleans) accepted before,
 * by class and their JSON: the same arguments give the same instance, so a read asking the same page
 * again gets a copy of it without class-transformer and class-validator (about 5 % of the CPU of a
 * page of actors). Only what was accepted is kept (a refusal is checked again, with its errors), at
 * most FLAT_KEPT per class, the oldest out; forgotten with the remembered rules if a rule is added.
 */
let acceptedFlat = new Map<unknown, Map<string, object>>();
const FLAT_KEPT = 200;

function isFlat(value: unknown): value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const item of Object.values(value)) if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') return false;
  return true;
}

function flatKey(value: unknown, metatype: ArgumentMetadata['metatype']): string | undefined {
  if (typeof metatype !== 'function' || !isFlat(value) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  return JSON.stringify(value);
}

function remember(metatype: NonNullable<ArgumentMetadata['metatype']>, key: string, instance: object): void {
  let forClass = acceptedFlat.get(metatype);
  if (!forClass) acceptedFlat.set(metatype, (forClass = new Map<string, object>()));
  forClass.set(key, instance);
  if (forClass.size > FLAT_KEPT) forClass.delete(forClass.keys().next().value as string);
}

type RulesLookup = ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas'];
type Rules = ReturnType<RulesLookup>;

/**
 * class-validator finds a class's rules on every validation of every nested object by scanning every
 * class it knows (for inherited rules), then groups them by property: 4-5 % of a mutation's CPU. The
 * rules are fixed once the input classes are loaded, so both answers are remembered per class and
 * options, and forgotten if a rule is ever added afterwards. Same rules, same errors; only the lookup
 * is saved. Installed once, on the process-wide storage class-validator keeps.
 */
function rememberValidationRules(): void {
  const storage = getMetadataStorage();
  if ((storage as { rulesRemembered?: true }).rulesRemembered) return;
  (storage as { rulesRemembered?: true }).rulesRemembered = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let found = new Map<unknown, Map<string, Rules>>();
  let grouped = new WeakMap<Rules, ReturnType<typeof group>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let forTarget = found.get(target);
    if (!forTarget) found.set(target, (forTarget = new Map<string, Rules>()));
    let rules = forTarget.get(options);
    if (!rules) forTarget.set(options, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.groupByPropertyName = (rules) => {
    let byProperty = grouped.get(rules);
    if (!byProperty) grouped.set(rules, (byProperty = group(rules)));
    return byProperty;
  };
  storage.addValidationMetadata = (metadata) => {
    found = new Map();
    grouped = new WeakMap();
    acceptedFlat = new Map();
    add(metadata);
  };
}

export function validationPipe(): ValidationPipe {
  rememberValidationRules();
  return new EdgeValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => {
      const failures = flatten(errors);
      return badUserInput(
        failures.map((f) => f.message).join('; '),
        failures.map((f) => f.path),
      );
    },
  });
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    value.forEach(dropNulls);
    return value;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const kept = (value as { [NULL_MEANS]?: Set<string | symbol> })[NULL_MEANS];
  for (const [key, item] of Object.entries(value)) {
    if (item === null && !kept?.has(key)) delete (value as Record<string, unknown>)[key];
    else dropNulls(item);
  }
  return value;
}

function flatten(errors: ValidationError[], prefix = ''): { path: string; message: string }[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

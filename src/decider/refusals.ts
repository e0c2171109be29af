/**
 * Refusals with a stable code and typed parameters. The API answers with the English text (clients
 * and tests rely on it); documents for users (the import's report) render the French one. One
 * `Record` per language: a code without its French text does not compile.
 */
export type RefusalLang = 'fr' | 'en';

interface RefusalParams {
  'actor.alreadyRegistered': { actorId: string };
  'actor.sirenInvalid': Record<string, never>;
  'actor.reasonRequired': Record<string, never>;
  'actor.unknown': Record<string, never>;
  'actor.retired': { actorId: string };
  'actor.nameEmpty': Record<string, never>;
  'actor.nameTooLong': { max: number };
  'actor.territoryTwice': Record<string, never>;
  'actor.oneOwnTerritory': { kind: string; own: string };
  'actor.territoryRequired': Record<string, never>;
}

export type RefusalCode = keyof RefusalParams;
type Templates = { readonly [C in RefusalCode]: (params: RefusalParams[C]) => string };

const en: Templates = {
  'actor.alreadyRegistered': ({ actorId }) => `Actor ${actorId} is already registered`,
  'actor.sirenInvalid': () => 'siren must be 9 digits with a valid checksum',
  'actor.reasonRequired': () => 'A reason is required to retire an actor',
  'actor.unknown': () => 'No such actor',
  'actor.retired': ({ actorId }) => `Actor ${actorId} is retired and can no longer act or change`,
  'actor.nameEmpty': () => 'The name must not be empty',
  'actor.nameTooLong': ({ max }) => `The name must be at most ${max} characters`,
  'actor.territoryTwice': () => 'A territory is listed twice',
  'actor.oneOwnTerritory': ({ kind, own }) => `An actor of kind ${kind} has exactly one territory, of kind ${own}`,
  'actor.territoryRequired': () => 'At least one territory is required',
};

const fr: Templates = {
  'actor.alreadyRegistered': ({ actorId }) => `L’acteur ${actorId} est déjà enregistré`,
  'actor.sirenInvalid': () => 'Le SIREN doit compter 9 chiffres avec une clé de contrôle valide',
  'actor.reasonRequired': () => 'Un motif est requis pour retirer un acteur',
  'actor.unknown': () => 'Cet acteur n’existe pas',
  'actor.retired': ({ actorId }) => `L’acteur ${actorId} est retiré : il ne peut plus agir ni être modifié`,
  'actor.nameEmpty': () => 'Le nom ne doit pas être vide',
  'actor.nameTooLong': ({ max }) => `Le nom doit compter au plus ${max} caractères`,
  'actor.territoryTwice': () => 'Un territoire figure deux fois',
  'actor.oneOwnTerritory': ({ kind, own }) => `Un acteur de type « ${kind} » a exactement un territoire, de type « ${own} »`,
  'actor.territoryRequired': () => 'Au moins un territoire est requis',
};

const TEMPLATES: Record<RefusalLang, Templates> = { fr, en };

/** A refusal named by its code, with what its sentence needs. */
export interface Refusal<C extends RefusalCode = RefusalCode> {
  readonly code: C;
  readonly params: RefusalParams[C];
}

export function refusal<C extends RefusalCode>(code: C, ...params: RefusalParams[C] extends Record<string, never> ? [] : [RefusalParams[C]]): Refusal<C> {
  return { code, params: (params[0] ?? {}) as RefusalParams[C] };
}

export function isRefusalCode(value: unknown): value is RefusalCode {
  return typeof value === 'string' && Object.hasOwn(en, value);
}

/** The refusal's sentence in `lang`. */
export function refusalText(refused: Refusal, lang: RefusalLang): string {
  return (TEMPLATES[lang][refused.code] as (params: Refusal['params']) => string)(refused.params);
}

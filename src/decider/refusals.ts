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
  'territory.twice': Record<string, never>;
  'actor.oneOwnTerritory': { kind: string; own: string };
  'territory.required': Record<string, never>;
  'whiteZone.keptBySecretariat': Record<string, never>;
  'whiteZone.exists': { zoneId: string };
  'whiteZone.communeRequired': Record<string, never>;
  'whiteZone.communeTwice': Record<string, never>;
  'whiteZone.identifiedInFuture': Record<string, never>;
  'whiteZone.unknown': Record<string, never>;
  'whiteZone.resolved': Record<string, never>;
  'whiteZone.sitesOrCost': Record<string, never>;
  'whiteZone.unknownProject': { projectId: string };
  'whiteZone.projectAbandoned': { projectId: string };
  'whiteZone.plannedBeforeIdentified': Record<string, never>;
  'whiteZone.plannedInFuture': Record<string, never>;
  'whiteZone.resolvedInFuture': Record<string, never>;
  'whiteZone.resolvedBefore': { since: string };
  'whiteZone.siteCount': { site: string };
  'whiteZone.cost': Record<string, never>;
  'usageProject.completedInFuture': Record<string, never>;
  'usageProject.completedBeforeRegistered': Record<string, never>;
  'usageProject.exists': { projectId: string };
  'usageProject.unknownActor': { actorId: string };
  'usageProject.actorRetired': { actorId: string };
  'usageProject.partnerTwice': Record<string, never>;
  'usageProject.carrierAsPartner': Record<string, never>;
  'usageProject.callReference': Record<string, never>;
  // Conventions (src/conventions).

  // Commitments (src/commitments).

  // Network projects and milestones (src/network-projects, src/milestones).

  // Zones, operator sets, regulator quarters (src/zones).
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
  'territory.twice': () => 'A territory is listed twice',
  'actor.oneOwnTerritory': ({ kind, own }) => `An actor of kind ${kind} has exactly one territory, of kind ${own}`,
  'territory.required': () => 'At least one territory is required',
  'whiteZone.keptBySecretariat': () => 'The white-zone inventory is kept by the commission secretariat, national bodies and admins',
  'whiteZone.exists': ({ zoneId }) => `White zone ${zoneId} already exists`,
  'whiteZone.communeRequired': () => 'A white zone lies in at least one commune',
  'whiteZone.communeTwice': () => 'A commune is listed twice',
  'whiteZone.identifiedInFuture': () => 'A white zone cannot be identified in the future',
  'whiteZone.unknown': () => 'No such white zone',
  'whiteZone.resolved': () => 'The white zone is resolved; it no longer changes',
  'whiteZone.sitesOrCost': () => 'Give the priority sites, the estimated cost, or both',
  'whiteZone.unknownProject': ({ projectId }) => `No network project ${projectId}`,
  'whiteZone.projectAbandoned': ({ projectId }) => `Network project ${projectId} is abandoned`,
  'whiteZone.plannedBeforeIdentified': () => 'A resolution cannot be planned before the zone was identified',
  'whiteZone.plannedInFuture': () => 'The planning decision cannot be dated in the future',
  'whiteZone.resolvedInFuture': () => 'A white zone cannot be resolved in the future',
  'whiteZone.resolvedBefore': ({ since }) => `A white zone cannot be resolved before ${since}`,
  'whiteZone.siteCount': ({ site }) => `${site} must be a whole number between 0 and 10^6`,
  'whiteZone.cost': () => 'The estimated cost is whole euros between 0 and 10^12',
  'usageProject.completedInFuture': () => 'A project cannot be completed in the future',
  'usageProject.completedBeforeRegistered': () => 'A project cannot be completed before it was registered',
  'usageProject.exists': ({ projectId }) => `Usage project ${projectId} already exists`,
  'usageProject.unknownActor': ({ actorId }) => `No actor ${actorId}`,
  'usageProject.actorRetired': ({ actorId }) => `Actor ${actorId} is retired`,
  'usageProject.partnerTwice': () => 'A partner is listed twice',
  'usageProject.carrierAsPartner': () => 'The carrying actor is not its own partner',
  'usageProject.callReference': () => 'The national call reference is 1-100 letters, digits and _ . : / -',
  // Conventions (src/conventions).

  // Commitments (src/commitments).

  // Network projects and milestones (src/network-projects, src/milestones).

  // Zones, operator sets, regulator quarters (src/zones).
};

const fr: Templates = {
  'actor.alreadyRegistered': ({ actorId }) => `L’acteur ${actorId} est déjà enregistré`,
  'actor.sirenInvalid': () => 'Le SIREN doit compter 9 chiffres avec une clé de contrôle valide',
  'actor.reasonRequired': () => 'Un motif est requis pour retirer un acteur',
  'actor.unknown': () => 'Cet acteur n’existe pas',
  'actor.retired': ({ actorId }) => `L’acteur ${actorId} est retiré : il ne peut plus agir ni être modifié`,
  'actor.nameEmpty': () => 'Le nom ne doit pas être vide',
  'actor.nameTooLong': ({ max }) => `Le nom doit compter au plus ${max} caractères`,
  'territory.twice': () => 'Un territoire figure deux fois',
  'actor.oneOwnTerritory': ({ kind, own }) => `Un acteur de type « ${kind} » a exactement un territoire, de type « ${own} »`,
  'territory.required': () => 'Au moins un territoire est requis',
  'whiteZone.keptBySecretariat': () =>
    'L’inventaire des zones blanches est tenu par le secrétariat de la commission, les organismes nationaux et les administrateurs',
  'whiteZone.exists': ({ zoneId }) => `La zone blanche ${zoneId} existe déjà`,
  'whiteZone.communeRequired': () => 'Une zone blanche s’étend sur au moins une commune',
  'whiteZone.communeTwice': () => 'Une commune figure deux fois',
  'whiteZone.identifiedInFuture': () => 'Une zone blanche ne peut pas être identifiée dans le futur',
  'whiteZone.unknown': () => 'Cette zone blanche n’existe pas',
  'whiteZone.resolved': () => 'La zone blanche est résorbée : elle ne change plus',
  'whiteZone.sitesOrCost': () => 'Indiquez les sites prioritaires, le coût estimé, ou les deux',
  'whiteZone.unknownProject': ({ projectId }) => `Le projet de réseau ${projectId} n’existe pas`,
  'whiteZone.projectAbandoned': ({ projectId }) => `Le projet de réseau ${projectId} est abandonné`,
  'whiteZone.plannedBeforeIdentified': () => 'Une résorption ne peut pas être planifiée avant l’identification de la zone',
  'whiteZone.plannedInFuture': () => 'La décision de planification ne peut pas être datée dans le futur',
  'whiteZone.resolvedInFuture': () => 'Une zone blanche ne peut pas être résorbée dans le futur',
  'whiteZone.resolvedBefore': ({ since }) => `Une zone blanche ne peut pas être résorbée avant le ${frenchDate(since)}`,
  'whiteZone.siteCount': ({ site }) => `« ${site} » doit être un nombre entier entre 0 et 1 000 000`,
  'whiteZone.cost': () => 'Le coût estimé s’exprime en euros entiers, entre 0 et 10^12',
  'usageProject.completedInFuture': () => 'Un projet ne peut pas être achevé dans le futur',
  'usageProject.completedBeforeRegistered': () => 'Un projet ne peut pas être achevé avant son enregistrement',
  'usageProject.exists': ({ projectId }) => `Le projet d’usages ${projectId} existe déjà`,
  'usageProject.unknownActor': ({ actorId }) => `L’acteur ${actorId} n’existe pas`,
  'usageProject.actorRetired': ({ actorId }) => `L’acteur ${actorId} est retiré`,
  'usageProject.partnerTwice': () => 'Un partenaire figure deux fois',
  'usageProject.carrierAsPartner': () => 'L’acteur porteur n’est pas son propre partenaire',
  'usageProject.callReference': () => 'La référence de l’appel national compte de 1 à 100 lettres, chiffres et _ . : / -',
  // Conventions (src/conventions).

  // Commitments (src/commitments).

  // Network projects and milestones (src/network-projects, src/milestones).

  // Zones, operator sets, regulator quarters (src/zones).
};

/** 2018-12-31 → 31/12/2018 (other text unchanged). */
function frenchDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

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

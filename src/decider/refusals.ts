import {
  COMMITMENT_STATUS_FR,
  COMMITTER_ACTION_FR,
  CONVENTION_PARTY_ACTION_FR,
  DEFAULT_STAGE_FR,
  UNIT_FR,
  type CommitmentUnit,
  type CommitterAction,
  type ConventionDefaultStage,
  type ConventionPartyAction,
} from './refusal-phrases.conventions.js';

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
  'convention.amendmentPending': Record<string, never>;
  'convention.amendOnlyInForce': Record<string, never>;
  'convention.versionExists': Record<string, never>;
  'convention.amendmentInFuture': Record<string, never>;
  'convention.amendmentBeforeDrafted': Record<string, never>;
  'convention.terminationInFuture': Record<string, never>;
  'convention.endBeforeDrafted': Record<string, never>;
  'convention.noEndDate': Record<string, never>;
  'convention.runsUntil': { endsOn: string };
  'convention.defaultCpsdOnly': Record<string, never>;
  'convention.defaultNotInForce': Record<string, never>;
  'convention.notAParty': { actorId: string };
  'convention.defaultExists': { defaultId: string };
  'convention.defaultAlready': { stage: ConventionDefaultStage };
  'convention.defaultDecisionRole': Record<string, never>;
  'convention.exists': { conventionId: string };
  'convention.draftByParty': Record<string, never>;
  'convention.twoParties': Record<string, never>;
  'convention.maxParties': { max: number };
  'convention.unknownActor': { actorId: string };
  'convention.retiredParty': { actorId: string };
  'convention.signaturesRequired': Record<string, never>;
  'convention.partyTwice': Record<string, never>;
  'convention.communeTwice': Record<string, never>;
  'convention.communeOutOfScope': { communeCode: string };
  'convention.communeTwoEntries': { communeCode: string };
  'convention.plannedPremises': Record<string, never>;
  'convention.endsAfterDrafting': Record<string, never>;
  'convention.signByRepresentative': Record<string, never>;
  'convention.signerNotParty': { actorId: string };
  'convention.nothingToSign': Record<string, never>;
  'convention.partySigned': { actorId: string; version: number };
  'convention.signatorySigned': { personId: string; version: number; actorId: string };
  'convention.personId': Record<string, never>;
  'convention.signedInFuture': Record<string, never>;
  'convention.signedBeforeDrafted': Record<string, never>;
  'convention.councilResolution': Record<string, never>;
  'convention.resolutionAfterSignature': Record<string, never>;
  'convention.unknown': Record<string, never>;
  'convention.closed': { status: 'terminated' | 'expired' };
  'convention.partyOnly': { action: ConventionPartyAction };
  'convention.unknownDefault': { defaultId: string };

  // Commitments (src/commitments).
  'commitment.exists': { commitmentId: string };
  'commitment.unknownActor': { actorId: string };
  'commitment.actorRetired': { actorId: string };
  'commitment.dueAfterMade': Record<string, never>;
  'commitment.targetOrDueDate': Record<string, never>;
  'commitment.dueDatePast': Record<string, never>;
  'commitment.unitFixed': { unit: CommitmentUnit };
  'commitment.progressReporters': Record<string, never>;
  'commitment.declaredByCommitter': Record<string, never>;
  'commitment.progressValue': Record<string, never>;
  'commitment.progressInFuture': Record<string, never>;
  'commitment.auditorsRead': Record<string, never>;
  'commitment.lapsedByService': Record<string, never>;
  'commitment.unknown': Record<string, never>;
  'commitment.closed': { status: 'fulfilled' | 'withdrawn' | 'breached' };
  'commitment.makerOnly': { actorId: string };
  'commitment.committerOnly': { actorId: string; action: CommitterAction };
  'commitment.unknownConvention': { conventionId: string };
  'commitment.conventionNotInForce': Record<string, never>;
  'commitment.notAParty': { actorId: string; conventionId: string };
  'commitment.targetQuantity': Record<string, never>;
  'commitment.percentTarget': Record<string, never>;

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
  'convention.amendmentPending': () => 'An amendment is already awaiting signatures',
  'convention.amendOnlyInForce': () => 'Only a convention in force can be amended; a draft is replaced by drafting a new convention',
  'convention.versionExists': () => 'This document is already a version of the convention',
  'convention.amendmentInFuture': () => 'An amendment cannot be proposed in the future',
  'convention.amendmentBeforeDrafted': () => 'An amendment cannot be proposed before the convention was drafted',
  'convention.terminationInFuture': () => 'A termination is recorded once it takes effect, not before',
  'convention.endBeforeDrafted': () => 'A convention cannot end before it was drafted',
  'convention.noEndDate': () => 'This convention has no end date; terminate it instead',
  'convention.runsUntil': ({ endsOn }) => `The convention runs until ${endsOn}`,
  'convention.defaultCpsdOnly': () => 'The default procedure applies to CPSD conventions',
  'convention.defaultNotInForce': () => 'A convention not yet in force cannot be in default',
  'convention.notAParty': ({ actorId }) => `${actorId} is not a party`,
  'convention.defaultExists': ({ defaultId }) => `Default ${defaultId} is already notified`,
  'convention.defaultAlready': ({ stage }) => `The default is already ${stage.replaceAll('_', ' ')}`,
  'convention.defaultDecisionRole': () => 'Only the commission secretariat or a national body records a decision on a default',
  'convention.exists': ({ conventionId }) => `Convention ${conventionId} already exists`,
  'convention.draftByParty': () => 'Only a representative of one of the parties may draft a convention',
  'convention.twoParties': () => 'A convention has at least two parties',
  'convention.maxParties': ({ max }) => `A convention has at most ${max} parties`,
  'convention.unknownActor': ({ actorId }) => `No actor ${actorId}`,
  'convention.retiredParty': ({ actorId }) => `Actor ${actorId} is retired and cannot be a party`,
  'convention.signaturesRequired': () => 'Each party needs between 1 and 10 signatures',
  'convention.partyTwice': () => 'A party is listed twice',
  'convention.communeTwice': () => 'A commune is listed twice in the scope',
  'convention.communeOutOfScope': ({ communeCode }) => `Commune ${communeCode} is not in the convention's scope`,
  'convention.communeTwoEntries': ({ communeCode }) => `Commune ${communeCode} has two calendar entries`,
  'convention.plannedPremises': () => 'Planned premises must be a positive whole number',
  'convention.endsAfterDrafting': () => 'The end date must be after the drafting date',
  'convention.signByRepresentative': () => 'A party signs through one of its representatives',
  'convention.signerNotParty': ({ actorId }) => `${actorId} is not a party to this convention`,
  'convention.nothingToSign': () => 'This version is already in force; nothing awaits signature',
  'convention.partySigned': ({ actorId, version }) => `${actorId} has already signed version ${version}`,
  'convention.signatorySigned': ({ personId, version, actorId }) => `${personId} has already signed version ${version} for ${actorId}`,
  'convention.personId': () => 'A signatory is referenced by a person id',
  'convention.signedInFuture': () => 'A signature cannot be dated in the future',
  'convention.signedBeforeDrafted': () => 'A signature cannot precede the drafting of the convention',
  'convention.councilResolution': () => 'A local authority signs under the council resolution that authorised it',
  'convention.resolutionAfterSignature': () => 'The council resolution must precede the signature',
  'convention.unknown': () => 'No such convention',
  'convention.closed': ({ status }) => `The convention is ${status}`,
  'convention.partyOnly': ({ action }) => `Only a representative of a party may ${action} this convention`,
  'convention.unknownDefault': ({ defaultId }) => `No default ${defaultId} on this convention`,

  // Commitments (src/commitments).
  'commitment.exists': ({ commitmentId }) => `Commitment ${commitmentId} already exists`,
  'commitment.unknownActor': ({ actorId }) => `No actor ${actorId}`,
  'commitment.actorRetired': ({ actorId }) => `Actor ${actorId} is retired and can no longer commit`,
  'commitment.dueAfterMade': () => 'The due date must be after the day the commitment is made',
  'commitment.targetOrDueDate': () => 'Give a new target, a new due date, or both',
  'commitment.dueDatePast': () => 'The new due date is already past',
  'commitment.unitFixed': ({ unit }) => `Progress is already reported in ${unit}; the unit cannot change`,
  'commitment.progressReporters': () => 'Only a representative of the committing actor, the commission secretariat or a national body may report progress',
  'commitment.declaredByCommitter': () => 'Only the committing actor may declare progress; give the data source',
  'commitment.progressValue': () => 'The value must be a number between 0 and 10^13',
  'commitment.progressInFuture': () => 'A progress report cannot be dated in the future',
  'commitment.auditorsRead': () => 'Auditors read; they do not declare breaches',
  'commitment.lapsedByService': () => 'Only the service records lapsed commitments',
  'commitment.unknown': () => 'No such commitment',
  'commitment.closed': ({ status }) => `The commitment is ${status}; it can no longer change`,
  'commitment.makerOnly': ({ actorId }) => `Only a representative of ${actorId} may commit it`,
  'commitment.committerOnly': ({ actorId, action }) => `Only a representative of ${actorId} may ${action} this commitment`,
  'commitment.unknownConvention': ({ conventionId }) => `No convention ${conventionId}`,
  'commitment.conventionNotInForce': () => 'A commitment can only stem from, or be attached to, a convention in force',
  'commitment.notAParty': ({ actorId, conventionId }) => `Actor ${actorId} is not a party to convention ${conventionId}`,
  'commitment.targetQuantity': () => 'The target quantity must be a positive number up to 10^13',
  'commitment.percentTarget': () => 'A percentage target is at most 100',

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
  'convention.amendmentPending': () => 'Un avenant attend déjà ses signatures',
  'convention.amendOnlyInForce': () =>
    'Seule une convention en vigueur peut faire l’objet d’un avenant ; un projet de convention se remplace par la rédaction d’une nouvelle convention',
  'convention.versionExists': () => 'Ce document est déjà une version de la convention',
  'convention.amendmentInFuture': () => 'Un avenant ne peut pas être proposé à une date future',
  'convention.amendmentBeforeDrafted': () => 'Un avenant ne peut pas être proposé avant la rédaction de la convention',
  'convention.terminationInFuture': () => 'Une résiliation s’enregistre une fois qu’elle prend effet, pas avant',
  'convention.endBeforeDrafted': () => 'Une convention ne peut pas prendre fin avant sa rédaction',
  'convention.noEndDate': () => 'Cette convention n’a pas de date de fin : résiliez-la',
  'convention.runsUntil': ({ endsOn }) => `La convention court jusqu’au ${frenchDate(endsOn)}`,
  'convention.defaultCpsdOnly': () => 'La procédure de manquement s’applique aux conventions de programmation et de suivi des déploiements (CPSD)',
  'convention.defaultNotInForce': () => 'Une convention qui n’est pas encore en vigueur ne peut pas faire l’objet d’un manquement',
  'convention.notAParty': ({ actorId }) => `${actorId} n’est pas partie à la convention`,
  'convention.defaultExists': ({ defaultId }) => `Le manquement ${defaultId} est déjà notifié`,
  'convention.defaultAlready': ({ stage }) => `Le manquement est déjà ${DEFAULT_STAGE_FR[stage]}`,
  'convention.defaultDecisionRole': () => 'Seuls le secrétariat de la commission ou un organisme national enregistrent une décision sur un manquement',
  'convention.exists': ({ conventionId }) => `La convention ${conventionId} existe déjà`,
  'convention.draftByParty': () => 'Seul un représentant de l’une des parties peut rédiger une convention',
  'convention.twoParties': () => 'Une convention compte au moins deux parties',
  'convention.maxParties': ({ max }) => `Une convention compte au plus ${max} parties`,
  'convention.unknownActor': ({ actorId }) => `L’acteur ${actorId} n’existe pas`,
  'convention.retiredParty': ({ actorId }) => `L’acteur ${actorId} est retiré et ne peut pas être partie à une convention`,
  'convention.signaturesRequired': () => 'Chaque partie requiert entre 1 et 10 signatures',
  'convention.partyTwice': () => 'Une partie figure deux fois',
  'convention.communeTwice': () => 'Une commune figure deux fois dans le périmètre',
  'convention.communeOutOfScope': ({ communeCode }) => `La commune ${communeCode} n’est pas dans le périmètre de la convention`,
  'convention.communeTwoEntries': ({ communeCode }) => `La commune ${communeCode} figure deux fois au calendrier`,
  'convention.plannedPremises': () => 'Le nombre de locaux prévus doit être un entier positif',
  'convention.endsAfterDrafting': () => 'La date de fin doit être postérieure à la date de rédaction',
  'convention.signByRepresentative': () => 'Une partie signe par l’intermédiaire de l’un de ses représentants',
  'convention.signerNotParty': ({ actorId }) => `${actorId} n’est pas partie à cette convention`,
  'convention.nothingToSign': () => 'Cette version est déjà en vigueur : aucune signature n’est attendue',
  'convention.partySigned': ({ actorId, version }) => `${actorId} a déjà signé la version ${version}`,
  'convention.signatorySigned': ({ personId, version, actorId }) => `${personId} a déjà signé la version ${version} pour ${actorId}`,
  'convention.personId': () => 'Un signataire est désigné par un identifiant de personne',
  'convention.signedInFuture': () => 'Une signature ne peut pas être datée dans le futur',
  'convention.signedBeforeDrafted': () => 'Une signature ne peut pas précéder la rédaction de la convention',
  'convention.councilResolution': () => 'Une collectivité territoriale signe en vertu de la délibération qui l’y a autorisée',
  'convention.resolutionAfterSignature': () => 'La délibération doit précéder la signature',
  'convention.unknown': () => 'Cette convention n’existe pas',
  'convention.closed': ({ status }) => `La convention est ${status === 'terminated' ? 'résiliée' : 'expirée'}`,
  'convention.partyOnly': ({ action }) => `Seul un représentant d’une partie peut ${CONVENTION_PARTY_ACTION_FR[action]} cette convention`,
  'convention.unknownDefault': ({ defaultId }) => `Le manquement ${defaultId} n’existe pas sur cette convention`,

  // Commitments (src/commitments).
  'commitment.exists': ({ commitmentId }) => `L’engagement ${commitmentId} existe déjà`,
  'commitment.unknownActor': ({ actorId }) => `L’acteur ${actorId} n’existe pas`,
  'commitment.actorRetired': ({ actorId }) => `L’acteur ${actorId} est retiré et ne peut plus prendre d’engagement`,
  'commitment.dueAfterMade': () => 'L’échéance doit être postérieure au jour où l’engagement est pris',
  'commitment.targetOrDueDate': () => 'Indiquez une nouvelle cible, une nouvelle échéance, ou les deux',
  'commitment.dueDatePast': () => 'La nouvelle échéance est déjà passée',
  'commitment.unitFixed': ({ unit }) => `L’avancement est déjà déclaré en ${UNIT_FR[unit]} : l’unité ne peut plus changer`,
  'commitment.progressReporters': () =>
    'Seuls un représentant de l’acteur engagé, le secrétariat de la commission ou un organisme national peuvent déclarer un avancement',
  'commitment.declaredByCommitter': () => 'Seul l’acteur engagé peut déclarer son propre avancement : indiquez la source des données',
  'commitment.progressValue': () => 'La valeur doit être un nombre entre 0 et 10^13',
  'commitment.progressInFuture': () => 'Un avancement ne peut pas être daté dans le futur',
  'commitment.auditorsRead': () => 'Les auditeurs consultent : ils ne constatent pas le non-respect d’un engagement',
  'commitment.lapsedByService': () => 'Seul le service enregistre les engagements caducs',
  'commitment.unknown': () => 'Cet engagement n’existe pas',
  'commitment.closed': ({ status }) => `L’engagement est ${COMMITMENT_STATUS_FR[status]} : il ne peut plus changer`,
  'commitment.makerOnly': ({ actorId }) => `Seul un représentant de ${actorId} peut prendre cet engagement`,
  'commitment.committerOnly': ({ actorId, action }) => `Seul un représentant de ${actorId} peut ${COMMITTER_ACTION_FR[action]}`,
  'commitment.unknownConvention': ({ conventionId }) => `La convention ${conventionId} n’existe pas`,
  'commitment.conventionNotInForce': () => 'Un engagement ne peut découler d’une convention, ou y être rattaché, que si elle est en vigueur',
  'commitment.notAParty': ({ actorId, conventionId }) => `L’acteur ${actorId} n’est pas partie à la convention ${conventionId}`,
  'commitment.targetQuantity': () => 'La quantité cible doit être un nombre positif d’au plus 10^13',
  'commitment.percentTarget': () => 'Une cible en pourcentage vaut au plus 100',

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

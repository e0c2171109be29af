import { ACTOR_KINDS } from '../actors/actor.decider.js';
import { MAJORITY_KINDS } from '../commission/commission.decider.js';
import { ATTENDANCE_STATUSES, VOTE_CHOICES } from '../commission/meeting.decider.js';
import { COMMITMENT_SUBJECTS, PROGRESS_SOURCES, TARGET_UNITS } from '../commitments/commitment.decider.js';
import { CONVENTION_KINDS } from '../conventions/convention.decider.js';
import { FUNDERS, INDICATORS, PROCUREMENT_MODELS, TECHNOLOGIES } from '../network-projects/network-project.decider.js';
import { PRIORITY_LEVELS, USAGE_DOMAINS } from '../usage-projects/usage-project.decider.js';
import { WHITE_ZONE_KINDS } from '../white-zones/white-zone.decider.js';
import { DEPLOYMENT_ZONES } from '../zones/commune-zone.decider.js';
import { LEGAL_BASES } from '../zones/operator-commitments.decider.js';

/**
 * The column model of the import files: one sheet (or CSV file) per kind of act, each column with
 * its French and English header, its type, and a note for the template's notes sheet. Headers are
 * matched ignoring case, accents and punctuation, so "Date de signature" and "date_de_signature"
 * are the same column.
 */

export type ColumnType =
  | { kind: 'id' }
  | { kind: 'text'; max: number }
  | { kind: 'date' }
  | { kind: 'number' }
  | { kind: 'integer' }
  | { kind: 'hash' }
  | { kind: 'enum'; values: readonly string[]; labels: Record<string, readonly string[]> }
  | { kind: 'ids' }
  | { kind: 'communes' }
  | { kind: 'commune' }
  | { kind: 'quarter' }
  | { kind: 'departements' }
  | { kind: 'territories' }
  | { kind: 'enums'; values: readonly string[]; labels: Record<string, readonly string[]> };

export interface Column {
  key: string;
  fr: string;
  en: string;
  type: ColumnType;
  required: boolean;
  /** For the notes sheet, French (documents are French first). */
  note: string;
  example: string;
  /** A date that plans ahead (a due date, a planned date): it may be in the future, unlike the day of an act. */
  future?: true;
}

export interface ImportKind {
  key: KindKey;
  fr: string;
  en: string;
  columns: Column[];
}

export const KIND_KEYS = [
  'actors',
  'commissions',
  'conventions',
  'amendments',
  'signatures',
  'commitments',
  'progress',
  'network_projects',
  'financing',
  'usage_projects',
  'milestones',
  'indicators',
  'deployment',
  'white_zones',
  'commune_zones',
  'operator_commitments',
  'operator_amendments',
  'operator_progress',
  'regulator_figures',
  'meetings',
  'attendance',
  'decisions',
  'minutes',
  'votes',
  'votes_cast',
] as const;
export type KindKey = (typeof KIND_KEYS)[number];

/** French labels of the domain's enum values (the code and its English words are accepted too). */
const LABELS: Record<string, readonly string[]> = {
  state_in_region: ['État en région', 'Services de l’État en région', 'préfecture'],
  region: ['Région', 'Conseil régional'],
  departement: ['Département', 'Conseil départemental', 'department'],
  epci: ['EPCI', 'Intercommunalité'],
  commune: ['Commune'],
  joint_syndicate: ['Syndicat mixte'],
  private_operator: ['Opérateur privé', 'Opérateur'],
  state_agency: ['Agence de l’État', 'Établissement public de l’État'],
  national_body: ['Organisme national'],
  consultative_body: ['Organe consultatif'],
  cpsd: ['CPSD', 'Convention de programmation et de suivi des déploiements'],
  financing: ['Financement', 'Convention de financement'],
  public_service_delegation: ['Délégation de service public', 'DSP'],
  partnership_protocol: ['Protocole de partenariat', 'Protocole'],
  other: ['Autre'],
  fixed_coverage: ['Couverture fixe'],
  mobile_coverage: ['Couverture mobile'],
  funding: ['Financement'],
  service_deployment: ['Déploiement de service'],
  study: ['Étude'],
  ftth_premises: ['Locaux FttH', 'Locaux raccordables FttH', 'prises FttH'],
  copper_upgrade_lines: ['Lignes cuivre montées en débit', 'Montée en débit'],
  mobile_sites: ['Sites mobiles'],
  euros: ['Euros', '€', 'EUR'],
  percent: ['Pourcentage', '%', 'pour cent'],
  units: ['Unités', 'Unité'],
  declared: ['Déclaré', 'Déclaration'],
  operator_data: ['Données opérateur', 'Opérateur'],
  regulator_data: ['Données du régulateur', 'Arcep', 'Régulateur'],
  audit: ['Audit', 'Contrôle'],
  ftth: ['FttH', 'Fibre'],
  copper_upgrade: ['Montée en débit', 'MeD'],
  radio: ['Radio', 'Hertzien', 'THD radio'],
  satellite: ['Satellite'],
  fixed_below_threshold: ['Fixe sous le seuil', 'Zone blanche fixe', 'Fixe'],
  mobile_2g_3g: ['Mobile 2G/3G', 'Zone blanche mobile'],
  mobile_4g_demand: ['Mobile 4G', 'Demande 4G'],
  health: ['Santé'],
  education: ['Éducation', 'Enseignement scolaire'],
  higher_education_research: ['Enseignement supérieur et recherche', 'Enseignement supérieur'],
  e_administration: ['Administration électronique', 'e-administration'],
  economic_development: ['Développement économique'],
  culture: ['Culture'],
  inclusion: ['Inclusion numérique', 'Inclusion'],
  national: ['Nationale', 'National'],
  regional: ['Régionale', 'Régional'],
  yes: ['oui', 'o', 'vrai', 'true', '1', 'x'],
  no: ['non', 'n', 'faux', 'false', '0'],
  network: ['Réseau', 'RIP', 'Projet réseau'],
  present: ['Présent', 'Présente'],
  proxy: ['Pouvoir', 'Représenté', 'Représentée', 'Procuration'],
  excused: ['Excusé', 'Excusée', 'Absent excusé'],
  strategy_adoption: ['Adoption de la stratégie', 'Adoption de la SCORAN', 'Stratégie'],
  phasing_plan_adoption: ['Adoption du phasage', 'Phasage'],
  opinion: ['Avis'],
  recommendation: ['Recommandation'],
  conclusions: ['Conclusions', 'Relevé de conclusions'],
  minutes_approval: ['Approbation du compte rendu', 'Approbation du procès-verbal'],
  usage: ['Usage', 'Usages', 'Projet d’usage'],
  concession_dsp: ['Concession', 'Concession (DSP)', 'DSP concessive'],
  leasing: ['Affermage'],
  design_build: ['Conception-réalisation', 'Marché de conception-réalisation'],
  ppp: ['PPP', 'Partenariat public-privé', 'Contrat de partenariat'],
  direct_management: ['Régie'],
  consensus: ['Consensus'],
  ztd: ['ZTD', 'Zone très dense'],
  amii: ['AMII', 'Zone AMII'],
  amel: ['AMEL', 'Zone AMEL'],
  rip: ['RIP', 'Zone RIP', 'Zone d’initiative publique'],
  amii_intention: ['Intention AMII', 'AMII (intention)'],
  l33_13_binding: ['L.33-13', 'Engagement L.33-13', 'L33-13'],
  vote: ['Vote', 'Vote à la majorité'],
  simple: ['Simple', 'Majorité simple'],
  absolute: ['Absolue', 'Majorité absolue'],
  two_thirds: ['Deux tiers', 'Majorité des deux tiers', '2/3'],
  action_request: ['Demande d’action', 'Demande', 'Sollicitation'],
  member_admission: ['Admission d’un membre', 'Admission', 'Entrée d’un membre'],
  member_departure: ['Départ d’un membre', 'Départ', 'Sortie d’un membre'],
  adopted: ['Adoptée', 'Adopté', 'Adoption'],
  rejected: ['Rejetée', 'Rejeté', 'Rejet', 'Non adoptée'],
  for: ['Pour'],
  against: ['Contre'],
  abstain: ['Abstention', 'Abstient', 's’abstient'],
};

/** Attendance and decisions name a meeting of the same file. */
const MEETING_REF = col('meetingId', 'Réunion', 'Meeting', { kind: 'id' }, true, 'Identifiant de la réunion (feuille Réunions).', 'ccrant-52-2015-03');
/** Decisions the import records: those whose text says it all, and those whose subject has its columns (action request, admission, departure). */
export const IMPORTED_DECISION_KINDS = [
  'strategy_adoption',
  'phasing_plan_adoption',
  'opinion',
  'recommendation',
  'conclusions',
  'minutes_approval',
  'action_request',
  'member_admission',
  'member_departure',
] as const;
const enumOf = (values: readonly string[]): ColumnType => ({ kind: 'enum', values, labels: LABELS });
const enumsOf = (values: readonly string[]): ColumnType => ({ kind: 'enums', values, labels: LABELS });
const DATE_NOTE = 'Date au format 31/12/2018 (ou 2018-12-31, ou cellule date d’Excel).';

const ahead = (column: Column): Column => ({ ...column, future: true });

/** Progress on an operator's commitment that is not the regulator's (those come with the regulator's quarters). */
export const OPERATOR_PROGRESS_SOURCES = PROGRESS_SOURCES.filter((source) => source !== 'regulator_data');

function col(key: string, fr: string, en: string, type: ColumnType, required: boolean, note: string, example: string): Column {
  return { key, fr, en, type, required, note, example };
}

const ID_NOTE = 'Identifiant lisible et stable : minuscules, chiffres, - _ . (63 caractères au plus). Les autres feuilles y renvoient.';
const HASH_NOTE = 'Empreinte SHA-256 du document (64 caractères hexadécimaux), par ex. `sha256sum fichier.pdf`.';

const INDICATOR_FR: Record<string, string> = {
  ftthPremisesPlanned: 'Locaux FttH prévus',
  ftthPremisesBuilt: 'Locaux FttH construits',
  ftthPremisesConnectable: 'Locaux raccordables',
  ftthPremisesConnected: 'Locaux raccordés',
  copperUpgradeLines: 'Lignes en montée en débit',
  businessSites: 'Sites d’entreprises',
  cabinetsAndNodes: 'Armoires et nœuds',
};
const FUNDER_FR: Record<string, string> = {
  state: 'État',
  region: 'Région',
  departement: 'Département',
  epci: 'EPCI',
  euErdf: 'FEDER',
  operatorPrivate: 'Opérateur privé',
  other: 'Autres financeurs',
};
const FUNDER_EN: Record<string, string> = {
  state: 'State',
  region: 'Region',
  departement: 'Departement',
  epci: 'EPCI',
  euErdf: 'EU ERDF',
  operatorPrivate: 'Private operator',
  other: 'Other funders',
};
const INDICATOR_EN: Record<string, string> = {
  ftthPremisesPlanned: 'FttH premises planned',
  ftthPremisesBuilt: 'FttH premises built',
  ftthPremisesConnectable: 'Premises connectable',
  ftthPremisesConnected: 'Premises connected',
  copperUpgradeLines: 'Copper upgrade lines',
  businessSites: 'Business sites',
  cabinetsAndNodes: 'Cabinets and nodes',
};

/**
 * What a decision with a subject decides, on its row of the sheet Décisions: the actor an action is
 * requested from (and the commitment asked of it), or the member admitted and who sits for it.
 */
const DECISION_SUBJECT_COLUMNS: Column[] = [
  col(
    'actorId',
    'Acteur concerné',
    'Actor concerned',
    { kind: 'id' },
    false,
    'Demande d’action : l’acteur sollicité (il prend l’engagement si la décision est adoptée). Admission : l’acteur qui entre dans la commission. Départ : le membre qui la quitte.',
    '',
  ),
  col(
    'representatives',
    'Personnes qui siègent',
    'Representatives',
    { kind: 'text', max: 1000 },
    false,
    'Admission : identifiants des personnes qui siègent pour le nouveau membre, séparés par « , ».',
    '',
  ),
  col(
    'requestSubject',
    'Objet demandé',
    'Requested subject',
    enumOf(COMMITMENT_SUBJECTS),
    false,
    'Demande d’action : objet de l’engagement demandé (Couverture fixe, Couverture mobile, Financement, Déploiement de service, Étude, Autre).',
    '',
  ),
  col('requestTitle', 'Action demandée', 'Requested action', { kind: 'text', max: 300 }, false, 'Demande d’action : intitulé de l’engagement demandé.', ''),
  col('quantity', 'Cible demandée', 'Requested target', { kind: 'number' }, false, 'Demande d’action : cible, nombre positif.', ''),
  col('unit', 'Unité de la cible', 'Target unit', enumOf(TARGET_UNITS), false, 'Demande d’action : Locaux FttH, Sites mobiles, Euros, Unités…', ''),
  col(
    'territories',
    'Territoires concernés',
    'Territories concerned',
    { kind: 'territories' },
    false,
    'Demande d’action : « région 52 », « département 44 »…, séparés par « ; ».',
    '',
  ),
  ahead(
    col(
      'dueDate',
      'Échéance demandée',
      'Requested due date',
      { kind: 'date' },
      false,
      `${DATE_NOTE} Demande d’action : échéance, après la réunion. L’engagement pris (identifiant « réunion.point.commitment ») peut avoir sa ligne dans la feuille Engagements (sa réalisation) et ses relevés dans la feuille Avancement.`,
      '',
    ),
  ),
];

/**
 * Later versions of a meeting's minutes (the first is on its row of the sheet Réunions); a decision
 * taken by a vote: the vote on its proposal (sheet Votes), and each member's vote (sheet Votes exprimés).
 */
const VOTE_KINDS: ImportKind[] = [
  {
    key: 'minutes',
    fr: 'Comptes rendus',
    en: 'Minutes',
    columns: [
      MEETING_REF,
      col(
        'minutesText',
        'Compte rendu',
        'Minutes',
        { kind: 'text', max: 100000 },
        false,
        'Texte d’une nouvelle version du compte rendu (la première est sur la ligne de la réunion, feuille Réunions) : le registre garde son empreinte SHA-256.',
        '',
      ),
      col(
        'minutesHash',
        'Empreinte du compte rendu',
        'Minutes hash',
        { kind: 'hash' },
        false,
        `${HASH_NOTE} À la place du texte, pour un compte rendu en document.`,
        'e'.repeat(64),
      ),
      col(
        'publishedOn',
        'Date de publication',
        'Published on',
        { kind: 'date' },
        true,
        `${DATE_NOTE} Au plus tôt, le jour de la version précédente ; les versions dans leur ordre.`,
        '02/04/2015',
      ),
    ],
  },
  {
    key: 'votes',
    fr: 'Votes',
    en: 'Votes',
    columns: [
      MEETING_REF,
      col(
        'itemId',
        'Point',
        'Item',
        { kind: 'id' },
        true,
        'Clé du point voté : sa proposition (type, texte, objet) est sa ligne de la feuille Décisions, enregistrée par le vote au lieu d’un consensus.',
        'p1',
      ),
      col(
        'openedBy',
        'Vote ouvert par',
        'Opened by',
        { kind: 'id' },
        false,
        'Co-président qui a ouvert le vote ; par défaut, l’import (administrateur). Le vote est clos par celui qui a acté la décision (feuille Décisions).',
        'prefet-52',
      ),
      col(
        'outcome',
        'Issue',
        'Outcome',
        enumOf(['adopted', 'rejected']),
        false,
        'Adoptée ou Rejetée, comme au compte rendu : vérifiée avec les votes exprimés, le quorum et la majorité de la commission.',
        'Adoptée',
      ),
    ],
  },
  {
    key: 'votes_cast',
    fr: 'Votes exprimés',
    en: 'Votes cast',
    columns: [
      MEETING_REF,
      col('itemId', 'Point', 'Item', { kind: 'id' }, true, 'Clé du point voté (feuille Votes).', 'p1'),
      col(
        'memberActorId',
        'Membre',
        'Member',
        { kind: 'id' },
        true,
        'Membre présent ou représenté (feuille Présences) ; un vote par membre et par point.',
        'cd-44',
      ),
      col('choice', 'Vote', 'Choice', enumOf(VOTE_CHOICES), true, 'Pour, Contre ou Abstention.', 'Pour'),
    ],
  },
];

/** A progress value's note and the day it was made known (commitments, operators' commitments). */
const PROGRESS_NOTE_AND_DAY: Column[] = [
  col('note', 'Commentaire', 'Note', { kind: 'text', max: 1000 }, false, 'Facultatif.', ''),
  col(
    'reportedOn',
    'Date de la déclaration',
    'Reported on',
    { kind: 'date' },
    false,
    `${DATE_NOTE} Jour où les chiffres ont été communiqués ; par défaut, la date de la mesure.`,
    '',
  ),
];

export const IMPORT_KINDS: readonly ImportKind[] = [
  {
    key: 'actors',
    fr: 'Acteurs',
    en: 'Actors',
    columns: [
      col('id', 'Identifiant', 'Id', { kind: 'id' }, true, ID_NOTE, 'cd-44'),
      col(
        'kind',
        'Type',
        'Kind',
        enumOf(ACTOR_KINDS),
        true,
        'Département, Région, EPCI, Commune, Syndicat mixte, Opérateur privé, État en région, Agence de l’État, Organisme national, Organe consultatif.',
        'Département',
      ),
      col('name', 'Nom', 'Name', { kind: 'text', max: 200 }, true, 'Nom officiel.', 'Département de Loire-Atlantique'),
      col('siren', 'SIREN', 'SIREN', { kind: 'text', max: 9 }, false, '9 chiffres, clé de contrôle vérifiée (obligatoire pour un EPCI ou une commune).', ''),
      col(
        'territories',
        'Territoires',
        'Territories',
        { kind: 'territories' },
        false,
        'Territoires de l’acteur, séparés par « ; » : « région 52 », « département 44 », « EPCI 244400404 », « commune 44109 ».',
        'département 44',
      ),
      col('registeredOn', 'Date d’enregistrement', 'Registered on', { kind: 'date' }, true, DATE_NOTE, '06/01/2014'),
    ],
  },
  {
    key: 'commissions',
    fr: 'Commissions',
    en: 'Commissions',
    columns: [
      col('region', 'Région', 'Region', { kind: 'text', max: 3 }, true, 'Code de la région (COG) : une commission par région.', '52'),
      col(
        'prefectActorId',
        'Préfet de région',
        'Prefect',
        { kind: 'id' },
        true,
        'Identifiant de l’acteur « préfet de région », co-président et membre.',
        'prefet-52',
      ),
      col('regionActorId', 'Conseil régional', 'Regional council', { kind: 'id' }, true, 'Identifiant de la Région, co-présidente et membre.', 'region-52'),
      col('secretariatActorId', 'Secrétariat', 'Secretariat', { kind: 'id' }, true, 'Identifiant de l’acteur qui tient le secrétariat (SGAR).', 'sgar-52'),
      col(
        'members',
        'Membres',
        'Members',
        { kind: 'text', max: 20000 },
        true,
        'Membres séparés par « ; », chacun « acteur : personnes qui siègent » (identifiants du registre des personnes, séparés par « , »), co-présidents compris.',
        'prefet-52 : p-prefet-52 ; region-52 : p-region-52 ; cd-44 : p-cd-44',
      ),
      col('mode', 'Mode de décision', 'Decision mode', enumOf(['consensus', 'vote']), true, 'Consensus, ou Vote (avec quorum et majorité).', 'Vote'),
      col(
        'quorumShare',
        'Quorum',
        'Quorum share',
        { kind: 'number' },
        false,
        'Part des membres présents ou représentés requise pour voter, entre 0 et 1 (0,5 : la moitié). Obligatoire pour un vote.',
        '0,5',
      ),
      col('majority', 'Majorité', 'Majority', enumOf(MAJORITY_KINDS), false, 'Simple (par défaut), Absolue ou Deux tiers.', 'Simple'),
      col('constitutedOn', 'Date de constitution', 'Constituted on', { kind: 'date' }, true, DATE_NOTE, '03/03/2014'),
    ],
  },
  {
    key: 'conventions',
    fr: 'Conventions',
    en: 'Conventions',
    columns: [
      col('id', 'Identifiant', 'Id', { kind: 'id' }, true, ID_NOTE, 'cpsd-52'),
      col('kind', 'Type', 'Kind', enumOf(CONVENTION_KINDS), true, 'CPSD, Financement, Délégation de service public, Protocole de partenariat, Autre.', 'CPSD'),
      col(
        'title',
        'Intitulé',
        'Title',
        { kind: 'text', max: 300 },
        true,
        'Intitulé de la convention.',
        'Convention de programmation et de suivi des déploiements FttH',
      ),
      col(
        'parties',
        'Parties',
        'Parties',
        { kind: 'ids' },
        true,
        'Identifiants des acteurs parties (au moins deux), séparés par « ; ». La première partie est celle qui rédige.',
        'region-52; cd-44; orange',
      ),
      col('documentHash', 'Empreinte du document', 'Document hash', { kind: 'hash' }, true, HASH_NOTE, 'a'.repeat(64)),
      col('scope', 'Communes', 'Communes', { kind: 'communes' }, false, 'Codes INSEE des communes couvertes, séparés par « ; ».', '44109; 44184'),
      ahead(col('endsOn', 'Date de fin', 'Ends on', { kind: 'date' }, false, DATE_NOTE, '31/12/2022')),
      col('draftedOn', 'Date de rédaction', 'Drafted on', { kind: 'date' }, true, DATE_NOTE, '15/04/2015'),
      col(
        'calendar',
        'Calendrier',
        'Calendar',
        { kind: 'text', max: 20000 },
        false,
        'Calendrier de déploiement par commune du périmètre, séparé par « ; » : « code INSEE : locaux prévus : date prévue ».',
        '44109 : 74200 : 31/12/2020 ; 44184 : 21000 : 30/06/2020',
      ),
    ],
  },
  {
    key: 'amendments',
    fr: 'Avenants',
    en: 'Amendments',
    columns: [
      col(
        'conventionId',
        'Convention',
        'Convention',
        { kind: 'id' },
        true,
        'Identifiant de la convention modifiée : de la feuille Conventions, ou déjà dans le registre (en vigueur).',
        'cpsd-52',
      ),
      col(
        'documentHash',
        'Empreinte de l’avenant',
        'Amendment hash',
        { kind: 'hash' },
        true,
        `${HASH_NOTE} Les parties signent l’avenant sous cette empreinte (feuille Signatures).`,
        'd'.repeat(64),
      ),
      col('summary', 'Objet de l’avenant', 'Summary', { kind: 'text', max: 2000 }, true, 'Ce que l’avenant change.', 'Avenant n°1 : calendrier révisé'),
      col('proposedBy', 'Proposé par', 'Proposed by', { kind: 'id' }, true, 'Identifiant de la partie qui propose l’avenant.', 'orange'),
      col(
        'proposedOn',
        'Date de l’avenant',
        'Proposed on',
        { kind: 'date' },
        true,
        `${DATE_NOTE} Au plus tôt, le jour où la version précédente est entrée en vigueur.`,
        '20/02/2017',
      ),
    ],
  },
  {
    key: 'signatures',
    fr: 'Signatures',
    en: 'Signatures',
    columns: [
      col(
        'conventionId',
        'Convention',
        'Convention',
        { kind: 'id' },
        true,
        'Identifiant de la convention (feuille Conventions ou déjà enregistrée).',
        'cpsd-52',
      ),
      col('partyId', 'Partie', 'Party', { kind: 'id' }, true, 'Identifiant de l’acteur qui signe ; il doit être partie à la convention.', 'cd-44'),
      col(
        'signatoryId',
        'Signataire',
        'Signatory',
        { kind: 'text', max: 100 },
        true,
        'Identifiant de la personne dans le registre des personnes (lettres, chiffres, _ . : -).',
        'p-cd-44',
      ),
      col(
        'signatoryTitle',
        'Qualité du signataire',
        'Signatory title',
        { kind: 'text', max: 300 },
        true,
        'Par ex. « Président du Conseil départemental ».',
        'Président du Conseil départemental',
      ),
      col('place', 'Lieu', 'Place', { kind: 'text', max: 300 }, true, 'Lieu de signature.', 'Nantes'),
      col('signedOn', 'Date de signature', 'Signed on', { kind: 'date' }, true, DATE_NOTE, '11/05/2015'),
      col(
        'documentHash',
        'Empreinte du document',
        'Document hash',
        { kind: 'hash' },
        false,
        `${HASH_NOTE} Par défaut : celle de la feuille Conventions ; pour signer un avenant, celle de la feuille Avenants.`,
        '',
      ),
      col(
        'resolutionNumber',
        'N° de délibération',
        'Council resolution number',
        { kind: 'text', max: 100 },
        false,
        'Obligatoire pour une collectivité (région, département, EPCI, commune, syndicat mixte).',
        'CP-2015-44',
      ),
      col(
        'resolutionDate',
        'Date de délibération',
        'Council resolution date',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Au plus tard le jour de la signature.`,
        '27/04/2015',
      ),
    ],
  },
  {
    key: 'commitments',
    fr: 'Engagements',
    en: 'Commitments',
    columns: [
      col('id', 'Identifiant', 'Id', { kind: 'id' }, true, ID_NOTE, 'orange-ftth-44'),
      col('actorId', 'Acteur engagé', 'Committing actor', { kind: 'id' }, true, 'Identifiant de l’acteur qui s’engage.', 'orange'),
      col(
        'subject',
        'Objet',
        'Subject',
        enumOf(COMMITMENT_SUBJECTS),
        true,
        'Couverture fixe, Couverture mobile, Financement, Déploiement de service, Étude, Autre.',
        'Couverture fixe',
      ),
      col('title', 'Intitulé', 'Title', { kind: 'text', max: 300 }, true, 'Ce à quoi l’acteur s’engage.', 'Rendre raccordables 20 000 locaux'),
      col('quantity', 'Cible', 'Target', { kind: 'number' }, true, 'Nombre positif ; virgule décimale acceptée (12,5).', '20000'),
      col(
        'unit',
        'Unité',
        'Unit',
        enumOf(TARGET_UNITS),
        true,
        'Locaux FttH, Lignes cuivre montées en débit, Sites mobiles, Euros, Pourcentage, Unités.',
        'Locaux FttH',
      ),
      col(
        'territories',
        'Territoires',
        'Territories',
        { kind: 'territories' },
        true,
        'Comme pour les acteurs : « commune 44109 ; département 44 ».',
        'département 44',
      ),
      ahead(col('dueDate', 'Échéance', 'Due date', { kind: 'date' }, true, `${DATE_NOTE} Postérieure à la date de l’engagement.`, '31/12/2020')),
      col('madeOn', 'Date de l’engagement', 'Made on', { kind: 'date' }, true, DATE_NOTE, '08/06/2015'),
      col(
        'fulfilledOn',
        'Date de réalisation',
        'Fulfilled on',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Jour où l’acteur a déclaré l’engagement tenu (après les relevés d’avancement). Sans elle, un engagement échu est constaté non tenu par le service.`,
        '',
      ),
      col(
        'breachedOn',
        'Date du constat de non-respect',
        'Breach declared on',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Jour où le non-respect a été constaté (avec son motif) ; pas avec une date de réalisation.`,
        '',
      ),
      col(
        'breachReason',
        'Motif du non-respect',
        'Breach reason',
        { kind: 'text', max: 1000 },
        false,
        'Obligatoire avec la date du constat de non-respect.',
        '',
      ),
      col(
        'withdrawnOn',
        'Date du retrait',
        'Withdrawn on',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Jour où l’acteur a retiré son engagement (avec le motif) ; ni tenu ni non respecté.`,
        '',
      ),
      col('withdrawalReason', 'Motif du retrait', 'Withdrawal reason', { kind: 'text', max: 1000 }, false, 'Obligatoire avec la date du retrait.', ''),
    ],
  },
  {
    key: 'progress',
    fr: 'Avancement',
    en: 'Progress',
    columns: [
      col('commitmentId', 'Engagement', 'Commitment', { kind: 'id' }, true, 'Identifiant de l’engagement.', 'orange-ftth-44'),
      col('value', 'Valeur', 'Value', { kind: 'number' }, true, 'Valeur atteinte, dans l’unité de la cible.', '6000'),
      col('asOf', 'Date de la mesure', 'As of', { kind: 'date' }, true, DATE_NOTE, '31/12/2016'),
      col(
        'source',
        'Source',
        'Source',
        enumOf(PROGRESS_SOURCES),
        true,
        'Déclaré (par l’acteur engagé), Données opérateur, Données du régulateur, Audit.',
        'Déclaré',
      ),
      ...PROGRESS_NOTE_AND_DAY,
    ],
  },
  {
    key: 'network_projects',
    fr: 'Projets réseau',
    en: 'Network projects',
    columns: [
      col('id', 'Identifiant', 'Id', { kind: 'id' }, true, ID_NOTE, 'rip-44'),
      col('name', 'Nom', 'Name', { kind: 'text', max: 200 }, true, 'Nom du réseau d’initiative publique.', 'Loire-Atlantique Très Haut Débit'),
      col(
        'leadActorId',
        'Porteur',
        'Lead actor',
        { kind: 'id' },
        true,
        'Identifiant du département, syndicat mixte ou de la région qui porte le projet.',
        'cd-44',
      ),
      col('departements', 'Départements', 'Departements', { kind: 'departements' }, true, 'Codes des départements couverts, séparés par « ; ».', '44'),
      col(
        'technologies',
        'Technologies',
        'Technologies',
        enumsOf(TECHNOLOGIES),
        true,
        'FttH, Montée en débit, Radio, Satellite ; séparées par « ; ».',
        'FttH; Montée en débit',
      ),
      col('registeredOn', 'Date d’enregistrement', 'Registered on', { kind: 'date' }, true, DATE_NOTE, '03/02/2014'),
      col(
        'procurementModel',
        'Mode de gestion',
        'Procurement model',
        enumOf(PROCUREMENT_MODELS),
        false,
        'Concession, Affermage, Conception-réalisation, PPP ou Régie.',
        '',
      ),
      col('delegateOperatorId', 'Délégataire', 'Delegate operator', { kind: 'id' }, false, 'Identifiant de l’opérateur délégataire (feuille Acteurs).', ''),
      col(
        'contractChosenOn',
        'Date du choix du contrat',
        'Contract chosen on',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Obligatoire avec un mode de gestion ou un délégataire.`,
        '',
      ),
    ],
  },
  {
    key: 'financing',
    fr: 'Financement',
    en: 'Financing',
    columns: [
      col('projectId', 'Projet', 'Project', { kind: 'id' }, true, 'Identifiant du projet réseau.', 'rip-44'),
      col('asOf', 'Date de l’estimation', 'As of', { kind: 'date' }, true, DATE_NOTE, '30/09/2015'),
      col('totalCost', 'Coût total', 'Total cost', { kind: 'integer' }, true, 'En euros ; la somme des financeurs.', '150000000'),
      ...FUNDERS.map((funder) =>
        col(funder, FUNDER_FR[funder], FUNDER_EN[funder], { kind: 'integer' }, false, 'En euros (vide : 0).', funder === 'departement' ? '150000000' : ''),
      ),
      col('stateAidCommitted', 'Aide de l’État engagée', 'State aid committed', { kind: 'integer' }, false, 'En euros (vide : 0).', ''),
      col('stateAidPaid', 'Aide de l’État versée', 'State aid paid', { kind: 'integer' }, false, 'En euros, au plus l’aide engagée (vide : 0).', ''),
      col('reason', 'Motif de la révision', 'Reason for the revision', { kind: 'text', max: 1000 }, false, 'Facultatif.', ''),
      col(
        'reportedOn',
        'Date de la déclaration',
        'Reported on',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Jour où l’estimation a été communiquée ; par défaut, sa date.`,
        '',
      ),
    ],
  },
  {
    key: 'usage_projects',
    fr: 'Projets d’usage',
    en: 'Usage projects',
    columns: [
      col('id', 'Identifiant', 'Id', { kind: 'id' }, true, ID_NOTE, 'e-lyco'),
      col('title', 'Intitulé', 'Title', { kind: 'text', max: 300 }, true, 'Intitulé du projet.', 'Espace numérique de travail des lycées'),
      col(
        'domain',
        'Domaine',
        'Domain',
        enumOf(USAGE_DOMAINS),
        true,
        'Santé, Éducation, Enseignement supérieur et recherche, Administration électronique, Développement économique, Culture, Inclusion numérique, Autre.',
        'Éducation',
      ),
      col('priorityLevel', 'Priorité', 'Priority level', enumOf(PRIORITY_LEVELS), true, 'Nationale ou Régionale.', 'Nationale'),
      col('innovativeTerritory', 'Territoire innovant', 'Innovative territory', enumOf(['yes', 'no']), false, 'oui ou non (par défaut : non).', 'non'),
      col(
        'nationalCallReference',
        'Appel national',
        'National call',
        { kind: 'text', max: 100 },
        false,
        'Référence de l’appel à projets national (PIA) auquel il répond.',
        '',
      ),
      col('carryingActorId', 'Porteur', 'Carrying actor', { kind: 'id' }, true, 'Identifiant de l’acteur qui porte le projet.', 'rectorat-nantes'),
      col('partnerIds', 'Partenaires', 'Partners', { kind: 'ids' }, false, 'Identifiants des acteurs partenaires, séparés par « ; ».', 'region-52; cd-44'),
      col('territories', 'Territoires', 'Territories', { kind: 'territories' }, true, 'Comme pour les acteurs : « région 52 ; département 44 ».', 'région 52'),
      col('registeredOn', 'Date d’enregistrement', 'Registered on', { kind: 'date' }, true, DATE_NOTE, '07/04/2014'),
    ],
  },
  {
    key: 'milestones',
    fr: 'Jalons',
    en: 'Milestones',
    columns: [
      col('projectId', 'Projet', 'Project', { kind: 'id' }, true, 'Identifiant du projet réseau ou d’usage.', 'rip-44'),
      col('projectKind', 'Type de projet', 'Project kind', enumOf(['network', 'usage']), false, 'Réseau (par défaut) ou Usage.', 'Réseau'),
      col(
        'key',
        'Jalon',
        'Milestone',
        { kind: 'id' },
        true,
        'Clé du jalon. Projets d’usage : project_defined, funding_secured, pilot_started, service_opened, evaluated. Réseau : sdtan_adopted, structure_created, operators_consulted, funding_file_filed, state_approval_in_principle, procurement_model_chosen, contract_awarded, state_funding_decision, financing_convention_signed, works_started, first_cabinets_accepted, commercial_opening, completed.',
        'works_started',
      ),
      ahead(col('plannedOn', 'Date prévue', 'Planned date', { kind: 'date' }, false, `${DATE_NOTE} Date prévue à l’origine.`, '15/01/2016')),
      ahead(col('rescheduledTo', 'Date replanifiée', 'Rescheduled to', { kind: 'date' }, false, `${DATE_NOTE} Nouvelle date, avec son motif.`, '')),
      col(
        'rescheduleReason',
        'Motif de la replanification',
        'Reason for rescheduling',
        { kind: 'text', max: 1000 },
        false,
        'Obligatoire avec une date replanifiée.',
        '',
      ),
      col(
        'rescheduledOn',
        'Date de la replanification',
        'Rescheduled on',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Jour où la nouvelle date a été connue ; par défaut, la date prévue d’origine.`,
        '',
      ),
      col('achievedOn', 'Date de réalisation', 'Achieved on', { kind: 'date' }, false, DATE_NOTE, '20/04/2016'),
      col(
        'evidenceHash',
        'Empreinte de la pièce',
        'Evidence hash',
        { kind: 'hash' },
        false,
        `${HASH_NOTE} Obligatoire avec une date de réalisation.`,
        'b'.repeat(64),
      ),
      col('droppedReason', 'Motif d’abandon', 'Reason dropped', { kind: 'text', max: 1000 }, false, 'Le jalon ne s’applique pas à ce projet.', ''),
    ],
  },
  {
    key: 'indicators',
    fr: 'Indicateurs',
    en: 'Indicators',
    columns: [
      col('projectId', 'Projet', 'Project', { kind: 'id' }, true, 'Identifiant du projet réseau.', 'rip-44'),
      col('asOf', 'Date des chiffres', 'As of', { kind: 'date' }, true, DATE_NOTE, '30/06/2016'),
      ...INDICATORS.map((key) =>
        col(
          key,
          INDICATOR_FR[key],
          INDICATOR_EN[key],
          { kind: 'integer' },
          false,
          'Nombre entier ; vide si inconnu.',
          key === 'ftthPremisesPlanned' ? '160000' : '',
        ),
      ),
      col(
        'reason',
        'Motif de baisse',
        'Reason for a lower figure',
        { kind: 'text', max: 1000 },
        false,
        'Obligatoire quand un chiffre baisse par rapport au relevé précédent.',
        '',
      ),
      col(
        'reportedOn',
        'Date de la déclaration',
        'Reported on',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Jour où les chiffres ont été communiqués ; par défaut, la date de la mesure.`,
        '',
      ),
    ],
  },
  {
    key: 'deployment',
    fr: 'Déploiement par commune',
    en: 'Deployment by commune',
    columns: [
      col('communeCode', 'Code commune', 'Commune code', { kind: 'commune' }, true, 'Code INSEE de la commune (5 caractères ; 1001 est lu 01001).', '44016'),
      col(
        'quarter',
        'Trimestre',
        'Quarter',
        { kind: 'quarter' },
        false,
        'Trimestre des chiffres : 2024-T3, T3 2024 ou 2024-Q3 ; les chiffres sont datés de son dernier jour. Sinon, la date des chiffres.',
        '',
      ),
      col('asOf', 'Date des chiffres', 'As of', { kind: 'date' }, false, `${DATE_NOTE} Obligatoire sans trimestre.`, '30/06/2019'),
      col(
        'source',
        'Source',
        'Source',
        enumOf(['operator_data', 'regulator_data']),
        true,
        'Données opérateur ou Données du régulateur (Arcep).',
        'Données opérateur',
      ),
      col(
        'projectId',
        'Projet',
        'Project',
        { kind: 'id' },
        false,
        'Projet réseau auquel la commune compte. Vide : le projet de la zone RIP de la commune, sinon le seul projet qui couvre son département ; une commune hors des projets de la région est signalée dans le rapport, pas enregistrée.',
        'rip-44',
      ),
      col(
        'ftthPremisesPlanned',
        'Locaux prévus',
        'Premises planned',
        { kind: 'integer' },
        false,
        'Locaux à rendre raccordables (pour l’Arcep : la meilleure estimation des locaux).',
        '1200',
      ),
      col('ftthPremisesConnectable', 'Locaux raccordables', 'Premises connectable', { kind: 'integer' }, false, 'Locaux raccordables en FttH.', '800'),
      col(
        'ftthPremisesConnected',
        'Locaux raccordés',
        'Premises connected',
        { kind: 'integer' },
        false,
        'Locaux raccordés (abonnés), au plus les raccordables.',
        '150',
      ),
    ],
  },
  {
    key: 'white_zones',
    fr: 'Zones blanches',
    en: 'White zones',
    columns: [
      col('id', 'Identifiant', 'Id', { kind: 'id' }, true, ID_NOTE, 'zb-44-1'),
      col('kind', 'Type', 'Kind', enumOf(WHITE_ZONE_KINDS), true, 'Fixe sous le seuil, Mobile 2G/3G, Mobile 4G.', 'Fixe sous le seuil'),
      col('communes', 'Communes', 'Communes', { kind: 'communes' }, true, 'Codes INSEE séparés par « ; ».', '44016; 44019'),
      col('schools', 'Écoles', 'Schools', { kind: 'integer' }, false, 'Sites prioritaires : écoles.', '2'),
      col('publicServices', 'Services publics', 'Public services', { kind: 'integer' }, false, 'Sites prioritaires : services publics.', '1'),
      col('businesses', 'Entreprises', 'Businesses', { kind: 'integer' }, false, 'Sites prioritaires : entreprises.', '5'),
      col('health', 'Santé', 'Health', { kind: 'integer' }, false, 'Sites prioritaires : santé.', '0'),
      col('estimatedCost', 'Coût estimé', 'Estimated cost', { kind: 'number' }, false, 'En euros, entier.', '1200000'),
      col('identifiedOn', 'Date d’identification', 'Identified on', { kind: 'date' }, true, DATE_NOTE, '17/02/2014'),
      col('networkProjectId', 'Projet réseau', 'Network project', { kind: 'id' }, false, 'Projet réseau qui la résorbera.', 'rip-44'),
      col(
        'plannedOn',
        'Date de planification',
        'Resolution planned on',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Jour où la résorption a été planifiée (avec le projet réseau).`,
        '01/09/2015',
      ),
      col('resolvedOn', 'Date de résorption', 'Resolved on', { kind: 'date' }, false, DATE_NOTE, ''),
    ],
  },
  {
    key: 'commune_zones',
    fr: 'Zonage des communes',
    en: 'Commune zones',
    columns: [
      col('communeCode', 'Code commune', 'Commune code', { kind: 'commune' }, true, 'Code INSEE de la commune.', '49007'),
      col('zone', 'Zone', 'Zone', enumOf(DEPLOYMENT_ZONES), true, 'ZTD, AMII, AMEL ou RIP.', 'AMII'),
      col('operatorId', 'Opérateur', 'Operator', { kind: 'id' }, false, 'Opérateur en charge (obligatoire en ZTD, AMII, AMEL).', 'orange'),
      col('networkProjectId', 'Projet réseau', 'Network project', { kind: 'id' }, false, 'Projet réseau en charge, pour une zone RIP.', ''),
      col('effectiveFrom', 'Date d’effet', 'Effective from', { kind: 'date' }, true, DATE_NOTE, '27/04/2011'),
      col(
        'reason',
        'Motif',
        'Reason',
        { kind: 'text', max: 1000 },
        false,
        'Obligatoire pour un changement de zone (une ligne plus bas pour la même commune).',
        '',
      ),
      col(
        'recordedOn',
        'Date d’enregistrement',
        'Recorded on',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Jour où le zonage a été acté ; par défaut, sa date d’effet.`,
        '14/01/2016',
      ),
    ],
  },
  {
    key: 'operator_commitments',
    fr: 'Engagements d’opérateurs',
    en: 'Operator commitments',
    columns: [
      col(
        'setId',
        'Lot',
        'Set',
        { kind: 'id' },
        true,
        'Identifiant du lot d’engagements : une ligne par commune, les lignes d’un lot ensemble.',
        'orange-amii-52',
      ),
      col(
        'reference',
        'Référence',
        'Reference',
        { kind: 'text', max: 200 },
        true,
        'Référence commune du lot (courrier d’engagement, arrêté).',
        'Engagements L.33-13 (arrêté du 26 juillet 2018)',
      ),
      col('operatorId', 'Opérateur', 'Operator', { kind: 'id' }, true, 'Opérateur qui s’engage (en charge de la zone de chaque commune).', 'orange'),
      col('legalBasis', 'Fondement', 'Legal basis', enumOf(LEGAL_BASES), true, 'Intention AMII, AMEL ou L.33-13.', 'L.33-13'),
      col('communeCode', 'Code commune', 'Commune code', { kind: 'commune' }, true, 'Code INSEE de la commune.', '49007'),
      col('premises', 'Locaux', 'Premises', { kind: 'integer' }, true, 'Locaux à rendre raccordables.', '98000'),
      ahead(col('dueDate', 'Échéance', 'Due date', { kind: 'date' }, true, DATE_NOTE, '31/12/2020')),
      col('commitmentId', 'Engagement', 'Commitment', { kind: 'id' }, false, 'Identifiant de l’engagement de la commune ; par défaut, dérivé de la ligne.', ''),
      col('recordedOn', 'Date de l’engagement', 'Made on', { kind: 'date' }, true, DATE_NOTE, '26/07/2018'),
    ],
  },
  {
    key: 'operator_amendments',
    fr: 'Avenants opérateurs',
    en: 'Operator amendments',
    columns: [
      col(
        'setId',
        'Lot',
        'Set',
        { kind: 'id' },
        true,
        'Lot d’engagements modifié (feuille Engagements d’opérateurs, ou déjà dans le registre).',
        'orange-amii-52',
      ),
      col(
        'communeCode',
        'Code commune',
        'Commune code',
        { kind: 'commune' },
        true,
        'Code INSEE d’une commune du lot : une ligne par commune modifiée.',
        '49007',
      ),
      col(
        'premises',
        'Nouveaux locaux',
        'New premises',
        { kind: 'integer' },
        false,
        'Nouveau nombre de locaux à rendre raccordables ; vide s’il ne change pas.',
        '99000',
      ),
      ahead(
        col(
          'dueDate',
          'Nouvelle échéance',
          'New due date',
          { kind: 'date' },
          false,
          `${DATE_NOTE} Vide si elle ne change pas ; pas antérieure à la date de l’avenant.`,
          '30/06/2021',
        ),
      ),
      col(
        'withdrawn',
        'Commune retirée',
        'Commune withdrawn',
        enumOf(['yes', 'no']),
        false,
        'oui : la commune sort du lot (son engagement est retiré) ; sinon, donnez de nouveaux locaux ou une nouvelle échéance.',
        'non',
      ),
      col(
        'reason',
        'Motif',
        'Reason',
        { kind: 'text', max: 2000 },
        true,
        'Motif de l’avenant : les lignes d’un même lot, avec la même date et le même motif, forment un seul avenant.',
        'Avenant du 15/11/2019 : estimation des locaux révisée',
      ),
      col('amendedOn', 'Date de l’avenant', 'Amended on', { kind: 'date' }, true, DATE_NOTE, '15/11/2019'),
    ],
  },
  {
    key: 'operator_progress',
    fr: 'Avancement opérateurs',
    en: 'Operator progress',
    columns: [
      col('setId', 'Lot', 'Set', { kind: 'id' }, true, 'Lot d’engagements (feuille Engagements d’opérateurs, ou déjà dans le registre).', 'orange-amii-52'),
      col('communeCode', 'Code commune', 'Commune code', { kind: 'commune' }, true, 'Code INSEE de la commune du lot dont l’engagement avance.', '49007'),
      col('value', 'Locaux raccordables', 'Premises connectable', { kind: 'number' }, true, 'Locaux rendus raccordables à la date de la mesure.', '61000'),
      col('asOf', 'Date de la mesure', 'As of', { kind: 'date' }, true, DATE_NOTE, '30/06/2019'),
      col(
        'source',
        'Source',
        'Source',
        enumOf(OPERATOR_PROGRESS_SOURCES),
        true,
        'Déclaré (par l’opérateur), Données opérateur ou Audit. Les chiffres du régulateur vont dans la feuille Chiffres du régulateur.',
        'Déclaré',
      ),
      ...PROGRESS_NOTE_AND_DAY,
    ],
  },
  {
    key: 'regulator_figures',
    fr: 'Chiffres du régulateur',
    en: 'Regulator figures',
    columns: [
      col('quarter', 'Trimestre', 'Quarter', { kind: 'quarter' }, true, 'Trimestre des chiffres : 2024-T3, T3 2024 ou 2024-Q3.', '2018-T3'),
      col('communeCode', 'Code commune', 'Commune code', { kind: 'commune' }, true, 'Code INSEE de la commune.', '49007'),
      col('connectable', 'Locaux raccordables', 'Premises connectable', { kind: 'integer' }, true, 'Locaux raccordables en FttH.', '60760'),
      col(
        'premisesEstimate',
        'Meilleure estimation des locaux',
        'Best estimate of premises',
        { kind: 'integer' },
        true,
        'Estimation des locaux par le régulateur.',
        '98000',
      ),
      col(
        'source',
        'Source',
        'Source',
        { kind: 'text', max: 300 },
        false,
        'Fichier ou publication d’origine ; par défaut, le nom du fichier importé.',
        'arcep-ftth-communes-2018-Q3.csv',
      ),
      col('publishedOn', 'Date de publication', 'Published on', { kind: 'date' }, true, DATE_NOTE, '06/12/2018'),
      col(
        'recordedBy',
        'Enregistré par',
        'Recorded by',
        { kind: 'id' },
        false,
        'Organisme national ou secrétariat de la commission (SGAR) qui a enregistré les chiffres ; par défaut, l’import (administrateur).',
        'sgar-52',
      ),
    ],
  },
  {
    key: 'meetings',
    fr: 'Réunions',
    en: 'Meetings',
    columns: [
      col('id', 'Identifiant', 'Id', { kind: 'id' }, true, ID_NOTE, 'ccrant-52-2015-03'),
      col(
        'region',
        'Région',
        'Region',
        { kind: 'text', max: 3 },
        true,
        'Code de la région de la commission (COG), constituée dans le registre ou dans la feuille Commissions.',
        '52',
      ),
      col('date', 'Date de la réunion', 'Meeting date', { kind: 'date' }, true, DATE_NOTE, '12/03/2015'),
      col('place', 'Lieu', 'Place', { kind: 'text', max: 300 }, true, 'Lieu de la réunion.', 'Préfecture de région, Nantes'),
      col(
        'agenda',
        'Ordre du jour',
        'Agenda',
        { kind: 'text', max: 20000 },
        true,
        'Points séparés par « ; », chacun « clé : intitulé » (la clé relie les décisions au point).',
        'p1 : Bilan du SDTAN ; p2 : Programme de l’année',
      ),
      col('convenedOn', 'Date de convocation', 'Convened on', { kind: 'date' }, false, `${DATE_NOTE} Par défaut : la date de la réunion.`, '20/02/2015'),
      col(
        'minutesText',
        'Compte rendu',
        'Minutes',
        { kind: 'text', max: 100000 },
        false,
        'Texte du compte rendu : le registre garde son empreinte SHA-256 (pas le texte), comme pour un document.',
        '',
      ),
      col(
        'minutesHash',
        'Empreinte du compte rendu',
        'Minutes hash',
        { kind: 'hash' },
        false,
        `${HASH_NOTE} À la place du texte, pour un compte rendu en document.`,
        'c'.repeat(64),
      ),
      col(
        'minutesPublishedOn',
        'Date de publication du compte rendu',
        'Minutes published on',
        { kind: 'date' },
        false,
        `${DATE_NOTE} Par défaut : la date de la réunion.`,
        '',
      ),
    ],
  },
  {
    key: 'attendance',
    fr: 'Présences',
    en: 'Attendance',
    columns: [
      MEETING_REF,
      col('memberActorId', 'Membre', 'Member', { kind: 'id' }, true, 'Identifiant de l’acteur membre de la commission.', 'cd-44'),
      col('status', 'Présence', 'Status', enumOf(ATTENDANCE_STATUSES), true, 'Présent, Pouvoir (représenté par un membre présent) ou Excusé.', 'Présent'),
      col(
        'representativeId',
        'Représentant',
        'Representative',
        { kind: 'text', max: 100 },
        false,
        'Identifiant de la personne qui siège (obligatoire si présent).',
        'p-cd-44',
      ),
      col(
        'proxyHolderActorId',
        'Pouvoir donné à',
        'Proxy holder',
        { kind: 'id' },
        false,
        'Membre présent qui détient le pouvoir (obligatoire avec Pouvoir).',
        '',
      ),
    ],
  },
  {
    key: 'decisions',
    fr: 'Décisions',
    en: 'Decisions',
    columns: [
      MEETING_REF,
      col('itemId', 'Point', 'Item', { kind: 'id' }, true, 'Clé du point de l’ordre du jour décidé (une décision par point).', 'p1'),
      col(
        'kind',
        'Type',
        'Kind',
        enumOf(IMPORTED_DECISION_KINDS),
        true,
        'Adoption de la stratégie, Adoption du phasage, Avis, Recommandation, Conclusions, Approbation du compte rendu, Demande d’action, Admission d’un membre, Départ d’un membre. Prise par consensus, ou par le vote de la feuille Votes.',
        'Avis',
      ),
      col(
        'text',
        'Texte',
        'Text',
        { kind: 'text', max: 4000 },
        true,
        'Texte de la décision, tel qu’au compte rendu.',
        'La commission émet un avis favorable au programme.',
      ),
      col(
        'approvedMeetingId',
        'Compte rendu approuvé',
        'Approved minutes of',
        { kind: 'id' },
        false,
        'Pour une approbation du compte rendu : la réunion antérieure (feuille Réunions) dont le compte rendu est approuvé.',
        '',
      ),
      col('approvedVersion', 'Version approuvée', 'Approved version', { kind: 'integer' }, false, 'Version du compte rendu approuvée (par défaut : 1).', ''),
      col(
        'recordedBy',
        'Enregistrée par',
        'Recorded by',
        { kind: 'id' },
        false,
        'Co-président (préfet de région ou Région) qui a acté la décision ; par défaut, l’import (administrateur).',
        '',
      ),
      ...DECISION_SUBJECT_COLUMNS,
    ],
  },
  ...VOTE_KINDS,
];

export function kindByKey(key: KindKey): ImportKind {
  return IMPORT_KINDS.find((kind) => kind.key === key)!;
}

/** Lower case, no accents, letters and digits only: how headers, sheet names and labels are matched. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9%€]+/g, '');
}

/** The kind a sheet name or CSV file name (without extension) stands for. */
export function kindOfName(name: string): ImportKind | undefined {
  const wanted = normalizeLabel(name);
  return IMPORT_KINDS.find((kind) => [kind.fr, kind.en, kind.key].some((n) => normalizeLabel(n) === wanted));
}

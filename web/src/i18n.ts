/**
 * Message catalogues (French first, English on request: ?lang=en) and French formats through Intl.
 * Intl does dates, numbers and plurals; the catalogue holds only our words.
 */
export type Locale = 'fr' | 'en';

const fr = {
  appTitle: 'SCORAN Ledger',
  regionTitle: (name: string) => `Région ${name}`,
  subtitle: 'Concertation sur l’aménagement numérique : le registre partagé',
  loading: 'Chargement…',
  loadFailed: (message: string) => `Impossible de charger : ${message}`,
  empty: 'Rien à afficher pour l’instant.',
  language: 'English',
  // Live updates and token
  tokenLabel: 'Jeton d’accès',
  tokenHelp: 'Un jeton (npm run token) active le direct et les rapports.',
  tokenSave: 'Se connecter',
  tokenForget: 'Se déconnecter',
  liveOn: 'En direct',
  liveOff: 'Hors direct',
  liveError: 'Direct interrompu',
  updated: (what: string) => `Mis à jour : ${what}`,
  // Sections
  conventions: 'Conventions',
  milestones: 'Réseaux d’initiative publique : jalons',
  commitments: 'Engagements par situation',
  decisions: 'Décisions de la CCRANT',
  reports: 'Rapports semestriels',
  // Conventions
  parties: 'Parties',
  signedBy: (title: string, date: string, place: string) => `signée le ${date} à ${place} (${title})`,
  awaitingSignature: 'signature attendue',
  version: (n: number) => `version ${n}`,
  convStatus: {
    DRAFT: 'projet',
    PARTIALLY_SIGNED: 'en signature',
    IN_FORCE: 'en vigueur',
    AMENDMENT_PENDING: 'avenant en signature',
    TERMINATED: 'résiliée',
    EXPIRED: 'échue',
  } as Record<string, string>,
  convKind: {
    CPSD: 'CPSD',
    FINANCING: 'financement',
    PARTNERSHIP_PROTOCOL: 'protocole de partenariat',
    PUBLIC_SERVICE_DELEGATION: 'délégation de service public',
    OTHER: 'autre',
  } as Record<string, string>,
  // Milestones
  milestoneStatus: { ACHIEVED: 'atteint', PLANNED: 'prévu', PENDING: 'à planifier', DROPPED: 'abandonné' } as Record<string, string>,
  late: 'en retard',
  /** The standard RIP sequence's milestones (the API gives its own English labels; others keep theirs). */
  milestoneLabel: {
    sdtan_adopted: 'SDTAN adopté',
    structure_created: 'Structure de projet créée',
    operators_consulted: 'Opérateurs consultés',
    funding_file_filed: 'Dossier de financement déposé',
    state_approval_in_principle: 'Accord de principe de l’État',
    procurement_model_chosen: 'Mode de gestion choisi',
    contract_awarded: 'Marché attribué',
    state_funding_decision: 'Décision de financement de l’État',
    financing_convention_signed: 'Convention de financement signée',
    works_started: 'Travaux commencés',
    first_cabinets_accepted: 'Premières armoires réceptionnées',
    commercial_opening: 'Ouverture commerciale',
    completed: 'Achevé',
  } as Record<string, string>,
  slippage: (days: number) => (days === 0 ? 'à l’heure' : days > 0 ? `${days} j de glissement` : `${-days} j d’avance`),
  lateCount: (n: number) => (n === 0 ? 'aucun jalon en retard' : n === 1 ? '1 jalon en retard' : `${n} jalons en retard`),
  today: 'aujourd’hui',
  // Commitments
  standing: {
    ON_TRACK: 'En bonne voie',
    AT_RISK: 'À risque',
    LATE: 'En retard',
    FULFILLED: 'Tenus',
    BREACHED: 'Non tenus',
    WITHDRAWN: 'Retirés',
  } as Record<string, string>,
  progress: (current: string, target: string) => `${current} sur ${target}`,
  noProgress: 'aucun avancement déclaré',
  due: (date: string) => `échéance ${date}`,
  fromDecision: 'issu d’une décision de la CCRANT',
  fromConvention: (id: string) => `issu de la convention ${id}`,
  // Decisions
  decisionOutcome: { ADOPTED: 'adoptée', REJECTED: 'rejetée' } as Record<string, string>,
  decisionCaused: 'Suite',
  causedCommitment: (id: string) => `a créé l’engagement ${id}`,
  causedNothing: '—',
  meetingOf: (date: string) => `séance du ${date}`,
  tally: (f: number, a: number, ab: number) => `pour ${f}, contre ${a}, abstention ${ab}`,
  // Reports
  semester: 'Semestre',
  issuedOn: 'Émis le',
  downloads: 'Télécharger',
  reportsNeedToken: 'Connectez-vous avec un jeton pour voir et télécharger les rapports.',
  reissue: (v: number) => (v > 1 ? `réédition n° ${v - 1}` : 'première émission'),
  /** The unit after a quantity of one or less (French: 0 and 1 are singular). */
  unitsOne: {
    FTTH_PREMISES: 'local raccordable FttH',
    COPPER_UPGRADE_LINES: 'ligne cuivre montée en débit',
    MOBILE_SITES: 'site mobile',
    UNITS: 'unité',
  } as Record<string, string>,
  units: {
    FTTH_PREMISES: 'locaux raccordables FttH',
    COPPER_UPGRADE_LINES: 'lignes cuivre montées en débit',
    MOBILE_SITES: 'sites mobiles',
    UNITS: 'unités',
    PERCENT: '%',
    EUROS: '€',
  } as Record<string, string>,
};

type Messages = typeof fr;

const en: Messages = {
  ...fr,
  regionTitle: (name) => `Region ${name}`,
  subtitle: 'Digital-planning concertation: the shared record',
  loading: 'Loading…',
  loadFailed: (message) => `Could not load: ${message}`,
  empty: 'Nothing to show yet.',
  language: 'Français',
  tokenLabel: 'Access token',
  tokenHelp: 'A token (npm run token) turns on live updates and reports.',
  tokenSave: 'Sign in',
  tokenForget: 'Sign out',
  liveOn: 'Live',
  liveOff: 'Not live',
  liveError: 'Live updates interrupted',
  updated: (what) => `Updated: ${what}`,
  conventions: 'Conventions',
  milestones: 'Public-initiative networks: milestones',
  commitments: 'Commitments by standing',
  decisions: 'CCRANT decisions',
  reports: 'Semestrial reports',
  parties: 'Parties',
  signedBy: (title, date, place) => `signed on ${date} in ${place} (${title})`,
  awaitingSignature: 'signature awaited',
  version: (n) => `version ${n}`,
  convStatus: {
    DRAFT: 'draft',
    PARTIALLY_SIGNED: 'being signed',
    IN_FORCE: 'in force',
    AMENDMENT_PENDING: 'amendment being signed',
    TERMINATED: 'terminated',
    EXPIRED: 'expired',
  },
  convKind: {
    CPSD: 'CPSD',
    FINANCING: 'financing',
    PARTNERSHIP_PROTOCOL: 'partnership protocol',
    PUBLIC_SERVICE_DELEGATION: 'public service delegation',
    OTHER: 'other',
  },
  milestoneStatus: { ACHIEVED: 'achieved', PLANNED: 'planned', PENDING: 'to plan', DROPPED: 'dropped' },
  late: 'late',
  milestoneLabel: {},
  slippage: (days) => (days === 0 ? 'on time' : days > 0 ? `${days} days' slippage` : `${-days} days early`),
  lateCount: (n) => (n === 0 ? 'no late milestone' : n === 1 ? '1 late milestone' : `${n} late milestones`),
  today: 'today',
  standing: { ON_TRACK: 'On track', AT_RISK: 'At risk', LATE: 'Late', FULFILLED: 'Fulfilled', BREACHED: 'Breached', WITHDRAWN: 'Withdrawn' },
  progress: (current, target) => `${current} of ${target}`,
  noProgress: 'no progress reported',
  due: (date) => `due ${date}`,
  fromDecision: 'from a CCRANT decision',
  fromConvention: (id) => `from convention ${id}`,
  decisionOutcome: { ADOPTED: 'adopted', REJECTED: 'rejected' },
  decisionCaused: 'Effect',
  causedCommitment: (id) => `created commitment ${id}`,
  meetingOf: (date) => `meeting of ${date}`,
  tally: (f, a, ab) => `for ${f}, against ${a}, abstained ${ab}`,
  semester: 'Semester',
  issuedOn: 'Issued on',
  downloads: 'Download',
  reportsNeedToken: 'Sign in with a token to see and download the reports.',
  reissue: (v) => (v > 1 ? `re-issue no. ${v - 1}` : 'first issue'),
  unitsOne: { FTTH_PREMISES: 'FttH premise', COPPER_UPGRADE_LINES: 'upgraded copper line', MOBILE_SITES: 'mobile site', UNITS: 'unit' },
  units: {
    FTTH_PREMISES: 'FttH premises',
    COPPER_UPGRADE_LINES: 'upgraded copper lines',
    MOBILE_SITES: 'mobile sites',
    UNITS: 'units',
    PERCENT: '%',
    EUROS: '€',
  },
};

const CATALOGUES: Record<Locale, Messages> = { fr, en };

export function localeFrom(search: string): Locale {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'fr';
}

export function messages(locale: Locale): Messages {
  return CATALOGUES[locale];
}

/** Formats for the locale: French by default (2 février 2026, 74 200). */
export function formats(locale: Locale) {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const day = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const plural = new Intl.PluralRules(tag);
  return {
    /** Whether a quantity takes the singular (French: 0 and 1; English: 1). */
    isOne: (value: number) => plural.select(value) === 'one',
    /** A calendar date (YYYY-MM-DD), read as that day in Paris. */
    // French writes the first of the month as an ordinal: 1er juillet 2014.
    date: (value: string) => {
      const text = day.format(new Date(`${value.slice(0, 10)}T12:00:00Z`));
      return locale === 'fr' ? text.replace(/^1 /, '1er ') : text;
    },
    instant: (value: string) => day.format(new Date(value)),
    number: (value: number) => number.format(value),
    year: (value: Date) => String(value.getUTCFullYear()),
  };
}

export type { Messages };

import type { Role } from '../shared/principal.js';
import { Prng } from './prng.js';
import type { DemoContribution } from '../runtime/feature.js';

/**
 * The Pays de la Loire demo (region 52), 2014-2020, as the list of GraphQL mutations that record it,
 * in the order of the acts in the world. Pure and deterministic: the same seed gives the same
 * steps, figures and command ids. Figures follow seed 002 (a 533 M€ programme, the Région's 100 M€
 * over 6 years with 33 M€ voted at once, Gigalis, two levels of priority sites); names of people
 * are fictional. See docs/demo.md.
 */
export const DEMO_SEED = 'scoran-pays-de-la-loire-2014-2020';
export const DEMO_REGION = '52';

export interface DemoStep {
  /** occurredAt of the act; also the time it is recorded at when loaded into an empty store. */
  at: string;
  /** Who sends it: `admin`, or a role acting for an actor. */
  as: { actorId: string; role: Role };
  mutation: string;
  input: Record<string, unknown>;
}

const ADMIN = { actorId: 'scoran-ledger', role: 'admin' as const };
const SGAR = { actorId: 'sgar-52', role: 'commission_secretariat' as const };
const rep = (actorId: string) => ({ actorId, role: 'representative' as const });
const REGION = [{ kind: 'REGION', code: '52' }];
const dep = (code: string) => [{ kind: 'DEPARTEMENT', code }];

export const DEPARTEMENTS = [
  { code: '44', name: 'Loire-Atlantique', prefecture: 'Nantes', share: 150_000_000, premises: 160_000, communes: ['44016', '44019', '44031', '44039'] },
  { code: '49', name: 'Maine-et-Loire', prefecture: 'Angers', share: 110_000_000, premises: 115_000, communes: ['49008', '49009', '49010', '49011'] },
  { code: '53', name: 'Mayenne', prefecture: 'Laval', share: 75_000_000, premises: 70_000, communes: ['53002', '53009', '53010', '53011'] },
  { code: '72', name: 'Sarthe', prefecture: 'Le Mans', share: 95_000_000, premises: 100_000, communes: ['72002', '72004', '72005', '72007'] },
  { code: '85', name: 'Vendée', prefecture: 'La Roche-sur-Yon', share: 103_000_000, premises: 110_000, communes: ['85005', '85009', '85010', '85014'] },
] as const;

const ACTORS: { actorId: string; kind: string; name: string; siren?: string; territories: { kind: string; code: string }[]; person: [string, string] }[] = [
  {
    actorId: 'prefet-52',
    kind: 'STATE_IN_REGION',
    name: 'Préfecture de la région Pays de la Loire',
    territories: REGION,
    person: ['Henri Delaunay', 'Préfet de la région Pays de la Loire'],
  },
  {
    actorId: 'sgar-52',
    kind: 'STATE_IN_REGION',
    name: 'SGAR Pays de la Loire',
    territories: REGION,
    person: ['Claire Morvan', 'Secrétaire générale pour les affaires régionales'],
  },
  {
    actorId: 'region-52',
    kind: 'REGION',
    name: 'Région Pays de la Loire',
    territories: REGION,
    person: ['Jacques Guérin', 'Vice-président chargé du numérique'],
  },
  ...DEPARTEMENTS.map((d, i) => ({
    actorId: `cd-${d.code}`,
    kind: 'DEPARTEMENT',
    name: `Département ${['de ', 'de ', 'de la ', 'de la ', 'de la '][i]}${d.name}`,
    territories: dep(d.code),
    person: [['Anne Le Goff', 'Paul Mercier', 'Sophie Brault', 'Marc Tessier', 'Lucie Rondeau'][i], 'Vice-président(e) chargé(e) du numérique'] as [
      string,
      string,
    ],
  })),
  {
    actorId: 'nantes-metropole',
    kind: 'EPCI',
    name: 'Nantes Métropole',
    siren: '244400404',
    territories: [{ kind: 'EPCI', code: '244400404' }],
    person: ['Yves Le Floch', 'Vice-président délégué au numérique'],
  },
  {
    actorId: 'angers-loire-metropole',
    kind: 'EPCI',
    name: 'Angers Loire Métropole',
    siren: '244900015',
    territories: [{ kind: 'EPCI', code: '244900015' }],
    person: ['Hélène Bodin', 'Conseillère communautaire'],
  },
  {
    actorId: 'le-mans-metropole',
    kind: 'EPCI',
    name: 'Le Mans Métropole',
    siren: '247200132',
    territories: [{ kind: 'EPCI', code: '247200132' }],
    person: ['Éric Poirier', 'Vice-président au numérique'],
  },
  {
    actorId: 'laval-agglomeration',
    kind: 'EPCI',
    name: 'Laval Agglomération',
    siren: '200083392',
    territories: [{ kind: 'EPCI', code: '200083392' }],
    person: ['Nadia Chauvin', 'Vice-présidente'],
  },
  {
    actorId: 'gigalis',
    kind: 'JOINT_SYNDICATE',
    name: 'Syndicat mixte Gigalis',
    territories: REGION,
    person: ['Hélène Géraud', 'Directrice générale des services'],
  },
  {
    actorId: 'orange',
    kind: 'PRIVATE_OPERATOR',
    name: 'Orange',
    territories: REGION,
    person: ['Bruno Lefort', 'Directeur des relations avec les collectivités'],
  },
  { actorId: 'sfr', kind: 'PRIVATE_OPERATOR', name: 'SFR', territories: REGION, person: ['Karine Dupas', 'Déléguée régionale'] },
  { actorId: 'ars-pdl', kind: 'STATE_AGENCY', name: 'ARS Pays de la Loire', territories: REGION, person: ['Pierre Gautier', 'Directeur de la stratégie'] },
  {
    actorId: 'rectorat-nantes',
    kind: 'STATE_AGENCY',
    name: 'Rectorat de l’académie de Nantes',
    territories: REGION,
    person: ['Isabelle Roux', 'Déléguée académique au numérique'],
  },
  {
    actorId: 'mission-france-thd',
    kind: 'NATIONAL_BODY',
    name: 'Mission France Très Haut Débit',
    territories: [],
    person: ['Thomas Lemaire', 'Chargé de mission régions'],
  },
  { actorId: 'datar', kind: 'NATIONAL_BODY', name: 'DATAR', territories: [], person: ['Julie Caron', 'Chargée de mission aménagement numérique'] },
  {
    actorId: 'ceser-pdl',
    kind: 'CONSULTATIVE_BODY',
    name: 'CESER Pays de la Loire',
    territories: REGION,
    person: ['Michel Audouin', 'Rapporteur de la commission numérique'],
  },
];

/** Members of the CCRANT at its constitution (Orange joins in 2015 by decision). */
const MEMBERS = [
  'prefet-52',
  'region-52',
  ...DEPARTEMENTS.map((d) => `cd-${d.code}`),
  'nantes-metropole',
  'gigalis',
  'ars-pdl',
  'rectorat-nantes',
  'ceser-pdl',
];
const person = (actorId: string) => `p-${actorId}`;

const MEETING_DAYS = [
  '2014-06-17',
  '2014-11-18',
  '2015-03-10',
  '2015-10-06',
  '2016-03-15',
  '2016-10-11',
  '2017-03-14',
  '2017-10-10',
  '2018-03-13',
  '2018-10-09',
  '2019-03-12',
  '2019-10-15',
  '2020-06-30',
  '2020-11-17',
];

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
export const at = (date: string, hour = 10, minute = 0) => `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

/**
 * The steps of the story, then the features' own parts (`contributions`: the features list's `demo`,
 * which the app provides as DEMO_CONTRIBUTIONS), so a feature joins the demo from its own folder.
 */
export function demoSteps(seed: string = DEMO_SEED, contributions: readonly DemoContribution[] = []): DemoStep[] {
  const rng = new Prng(seed);
  const steps: DemoStep[] = [];
  const add = (when: string, as: DemoStep['as'], mutation: string, input: Record<string, unknown>) =>
    steps.push({ at: when, as, mutation, input: { commandId: rng.uuid(), ...input, occurredAt: when } });

  // --- Actors and the people who represent them --------------------------------------------------
  ACTORS.forEach((a, i) => {
    const day = addDays('2014-01-06', i);
    add(at(day, 9), ADMIN, 'registerActor', {
      actorId: a.actorId,
      kind: a.kind,
      name: a.name,
      ...(a.siren ? { siren: a.siren } : {}),
      territories: a.territories,
    });
    add(at(day, 10), ADMIN, 'registerPerson', {
      personId: person(a.actorId),
      name: a.person[0],
      title: a.person[1],
      email: `${a.person[0]
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z ]/g, '')
        .replace(/ /g, '.')}@${a.actorId}.example`,
    });
  });

  // --- The CCRANT ---------------------------------------------------------------------------------
  add(at('2014-03-03'), SGAR, 'constituteCommission', {
    regionCode: DEMO_REGION,
    prefectActorId: 'prefet-52',
    regionActorId: 'region-52',
    secretariatActorId: 'sgar-52',
    members: MEMBERS.map((actorId) => ({ actorId, representatives: [person(actorId)] })),
    rules: { mode: 'VOTE', quorumShare: 0.5, majority: 'SIMPLE' },
  });

  type Item = { itemId: string; title: string; kind: string; text: string; vote?: boolean; extra?: Record<string, unknown> };
  const members = [...MEMBERS];
  const agendas: Item[][] = [
    [
      {
        itemId: 'diagnostic',
        title: 'Diagnostic territorial et SDTAN départementaux',
        kind: 'CONCLUSIONS',
        text: 'Les cinq SDTAN sont présentés ; la commission en prend acte.',
      },
      {
        itemId: 'gigalis',
        title: 'Missions du syndicat mixte Gigalis',
        kind: 'OPINION',
        text: 'Avis favorable au rôle d’animation de Gigalis sur les infrastructures et les usages.',
      },
    ],
    [
      {
        itemId: 'scoran',
        title: 'Adoption de la SCORAN 2.0',
        kind: 'STRATEGY_ADOPTION',
        text: 'La SCORAN 2.0 (programme de 533 M€ sur 2014-2020) est adoptée.',
      },
    ],
    [
      {
        itemId: 'phasing',
        title: 'Phasage 2015-2017',
        kind: 'PHASING_PLAN_ADOPTION',
        text: 'Le phasage des déploiements 2015-2017 est adopté : priorité 1 (enseignement supérieur, santé, lycées, grandes entreprises), puis priorité 2.',
      },
      {
        itemId: 'orange',
        title: 'Entrée d’Orange dans la commission',
        kind: 'MEMBER_ADMISSION',
        text: 'Orange rejoint la commission.',
        extra: { newMember: { actorId: 'orange', representatives: [person('orange')] } },
      },
    ],
    [
      {
        itemId: 'region-funding',
        title: 'Engagement financier de la Région',
        kind: 'ACTION_REQUEST',
        vote: true,
        text: 'La Région est invitée à engager 100 M€ sur six ans (33 M€ inscrits dès la DM2).',
        extra: {
          actionRequest: {
            actorId: 'region-52',
            commitmentSubject: 'FUNDING',
            title: 'Financer la SCORAN 2.0 à hauteur de 100 M€',
            target: { quantity: 100_000_000, unit: 'EUROS' },
            territories: REGION,
            dueDate: '2020-12-31',
          },
        },
      },
    ],
    [
      {
        itemId: 'mobile',
        title: 'Couverture mobile des centres-bourgs',
        kind: 'ACTION_REQUEST',
        vote: true,
        text: 'Orange est invité à équiper 40 sites mobiles en zone blanche d’ici fin 2018.',
        extra: {
          actionRequest: {
            actorId: 'orange',
            commitmentSubject: 'MOBILE_COVERAGE',
            title: 'Équiper 40 sites mobiles en zone blanche',
            target: { quantity: 40, unit: 'MOBILE_SITES' },
            territories: REGION,
            dueDate: '2018-12-31',
          },
        },
      },
    ],
    [
      {
        itemId: 'elyco',
        title: 'Généralisation d’e-Lyco',
        kind: 'ACTION_REQUEST',
        vote: true,
        text: 'Le rectorat est invité à ouvrir e-Lyco dans les 120 lycées publics d’ici juin 2018.',
        extra: {
          actionRequest: {
            actorId: 'rectorat-nantes',
            commitmentSubject: 'SERVICE_DEPLOYMENT',
            title: 'Ouvrir e-Lyco dans 120 lycées',
            target: { quantity: 120, unit: 'UNITS' },
            territories: REGION,
            dueDate: '2018-06-30',
          },
        },
      },
    ],
    [
      {
        itemId: 'bilan-2016',
        title: 'Bilan des déploiements 2016',
        kind: 'CONCLUSIONS',
        text: 'Les déploiements 2016 sont conformes au phasage, avec un retard en Sarthe.',
      },
    ],
    [
      {
        itemId: 'observatoire',
        title: 'Observatoire régional du très haut débit',
        kind: 'ACTION_REQUEST',
        text: 'Gigalis est invité à publier un observatoire régional du très haut débit.',
        extra: {
          actionRequest: {
            actorId: 'gigalis',
            commitmentSubject: 'STUDY',
            title: 'Publier l’observatoire régional du THD',
            target: { quantity: 1, unit: 'UNITS' },
            territories: REGION,
            dueDate: '2018-12-31',
          },
        },
      },
    ],
    [{ itemId: 'ceser', title: 'Contribution du CESER', kind: 'RECOMMENDATION', text: 'Porter attention aux entreprises de moins de 10 salariés.' }],
    [
      {
        itemId: 'telemed',
        title: 'Télémédecine en EHPAD',
        kind: 'ACTION_REQUEST',
        vote: true,
        text: 'L’ARS est invitée à équiper 60 EHPAD en télémédecine d’ici juin 2020.',
        extra: {
          actionRequest: {
            actorId: 'ars-pdl',
            commitmentSubject: 'SERVICE_DEPLOYMENT',
            title: 'Équiper 60 EHPAD en télémédecine',
            target: { quantity: 60, unit: 'UNITS' },
            territories: REGION,
            dueDate: '2020-06-30',
          },
        },
      },
    ],
    [{ itemId: 'phasing-2', title: 'Phasage 2018-2020', kind: 'PHASING_PLAN_ADOPTION', text: 'Le phasage 2018-2020 est adopté.' }],
    [{ itemId: 'mobile-4g', title: 'New Deal mobile', kind: 'OPINION', text: 'Avis favorable au dispositif de couverture ciblée.' }],
    [{ itemId: 'bilan-2019', title: 'Bilan 2019', kind: 'CONCLUSIONS', text: 'Les cinq RIP ont ouvert commercialement.' }],
    [
      {
        itemId: 'bilan-programme',
        title: 'Bilan du programme 2014-2020',
        kind: 'CONCLUSIONS',
        text: 'Le programme 2014-2020 est clos ; la SCORAN sera révisée en 2021.',
      },
    ],
  ];
  const followUps: { commitmentId: string; actorId: string; target: number; dueDate: string; fulfilled: boolean }[] = [];

  MEETING_DAYS.forEach((day, index) => {
    const meetingId = `ccrant-52-${day.slice(0, 4)}-${index % 2 === 0 ? 1 : 2}`;
    const previous = index > 0 ? `ccrant-52-${MEETING_DAYS[index - 1].slice(0, 4)}-${(index - 1) % 2 === 0 ? 1 : 2}` : undefined;
    const items = [
      ...(previous
        ? [
            {
              itemId: 'minutes',
              title: 'Approbation du compte rendu précédent',
              kind: 'MINUTES_APPROVAL',
              text: 'Le compte rendu de la séance précédente est approuvé.',
              extra: { minutes: { meetingId: previous, version: 1 } },
            },
          ]
        : []),
      ...agendas[index],
    ];
    add(at(addDays(day, -21), 9), rep('prefet-52'), 'conveneMeeting', {
      meetingId,
      regionCode: DEMO_REGION,
      date: day,
      place: index % 2 === 0 ? 'Hôtel de Région, Nantes' : 'Préfecture de région, Nantes',
      agenda: items.map(({ itemId, title }) => ({ itemId, title })),
    });
    const present: string[] = [];
    members.forEach((actorId, m) => {
      const excused = m > 1 && rng.next() < 0.15;
      if (!excused) present.push(actorId);
      add(
        at(day, 8, m),
        SGAR,
        'recordAttendance',
        excused
          ? { meetingId, memberActorId: actorId, status: 'EXCUSED' }
          : { meetingId, memberActorId: actorId, representativeId: person(actorId), status: 'PRESENT' },
      );
    });
    add(at(day, 9), SGAR, 'holdMeeting', { meetingId });
    items.forEach((item, i) => {
      const hour = 10 + i;
      const proposal = { meetingId, itemId: item.itemId, kind: item.kind, text: item.text, ...(item.extra ?? {}) };
      if (item.vote) {
        add(at(day, hour), rep('prefet-52'), 'openVote', proposal);
        present.forEach((actorId, v) =>
          add(at(day, hour, v + 1), rep(actorId), 'castVote', {
            meetingId,
            itemId: item.itemId,
            memberActorId: actorId,
            choice: rng.next() < 0.85 ? 'FOR' : 'ABSTAIN',
          }),
        );
        add(at(day, hour, 40), rep('prefet-52'), 'closeVote', { meetingId, itemId: item.itemId });
      } else {
        add(at(day, hour), rep(i % 2 === 0 ? 'region-52' : 'prefet-52'), 'recordConsensusDecision', proposal);
      }
      const request = (item.extra as { actionRequest?: { actorId: string; target: { quantity: number }; dueDate: string } } | undefined)?.actionRequest;
      if (request) {
        followUps.push({
          commitmentId: `${meetingId}.${item.itemId}.commitment`,
          actorId: request.actorId,
          target: request.target.quantity,
          dueDate: request.dueDate,
          fulfilled: request.actorId !== 'ars-pdl',
        });
      }
      if (item.kind === 'MEMBER_ADMISSION') members.push('orange');
    });
    add(at(day, 17), rep('prefet-52'), 'closeMeeting', { meetingId });
    add(at(addDays(day, 20), 9), SGAR, 'publishMinutes', { meetingId, documentHash: rng.hash() });
  });

  // Progress on the commitments the commission requested, then fulfilment (except telemedicine: late).
  for (const f of followUps) {
    const made = steps.find((s) =>
      s.mutation === 'closeVote' || s.mutation === 'recordConsensusDecision'
        ? `${String(s.input.meetingId)}.${String(s.input.itemId)}.commitment` === f.commitmentId
        : false,
    )!;
    const start = made.at.slice(0, 10);
    const checkpoints = [0.3, 0.65];
    checkpoints.forEach((share, i) => {
      const asOf = addDays(start, 150 * (i + 1));
      if (asOf < f.dueDate)
        add(at(addDays(asOf, 10), 11), rep(f.actorId), 'reportCommitmentProgress', {
          commitmentId: f.commitmentId,
          value: Math.round(f.target * share),
          asOf,
          source: 'DECLARED',
        });
    });
    if (f.fulfilled) {
      const done = addDays(f.dueDate, -rng.int(10, 60));
      add(at(done, 11), rep(f.actorId), 'reportCommitmentProgress', { commitmentId: f.commitmentId, value: f.target, asOf: done, source: 'DECLARED' });
      add(at(done, 12), rep(f.actorId), 'fulfilCommitment', { commitmentId: f.commitmentId, note: 'Objectif atteint' });
    }
  }

  // --- The CPSD, signed party by party, amended once ------------------------------------------------
  const parties = ['prefet-52', 'region-52', 'cd-44', 'cd-85', 'orange'];
  const calendar = [
    { communeCode: '44109', plannedPremises: 74_200, plannedDate: '2020-12-31' },
    { communeCode: '44184', plannedPremises: 21_000, plannedDate: '2020-06-30' },
    { communeCode: '85191', plannedPremises: 16_500, plannedDate: '2020-12-31' },
  ];
  const version1 = rng.hash();
  add(at('2015-04-15'), rep('region-52'), 'draftConvention', {
    conventionId: 'cpsd-52',
    kind: 'CPSD',
    title: 'Convention de programmation et de suivi des déploiements FttH en Pays de la Loire',
    parties: parties.map((actorId) => ({ actorId, signaturesRequired: 1 })),
    documentHash: version1,
    scope: calendar.map((c) => c.communeCode),
    calendar,
    endsOn: '2022-12-31',
  });
  const signAll = (hash: string, firstDay: string, resolutionPrefix: string) =>
    parties.forEach((actorId, i) => {
      const signedOn = addDays(firstDay, i * 3);
      const local = actorId.startsWith('cd-') || actorId === 'region-52';
      add(at(signedOn, 15), rep(actorId), 'signConvention', {
        conventionId: 'cpsd-52',
        documentHash: hash,
        signatory: { personId: person(actorId), title: ACTORS.find((a) => a.actorId === actorId)!.person[1] },
        place: 'Nantes',
        signedOn,
        ...(local ? { councilResolution: { number: `${resolutionPrefix}-${actorId.toUpperCase()}`, date: addDays(firstDay, -14) } } : {}),
      });
    });
  signAll(version1, '2015-05-11', 'CP-2015');
  add(at('2015-06-08'), rep('orange'), 'makeCommitmentsFromConventionCalendar', { conventionId: 'cpsd-52', committingActorId: 'orange' });
  add(at('2017-02-20'), rep('orange'), 'amendConvention', {
    conventionId: 'cpsd-52',
    documentHash: rng.hash(),
    summary: 'Avenant n°1 : calendrier 2017-2020 révisé pour Saint-Nazaire et La Roche-sur-Yon',
  });
  const amended = steps[steps.length - 1].input.documentHash as string;
  signAll(amended, '2017-03-06', 'CP-2017');

  // --- One RIP per département ----------------------------------------------------------------------
  const achievedSequence = [
    'sdtan_adopted',
    'operators_consulted',
    'funding_file_filed',
    'state_approval_in_principle',
    'procurement_model_chosen',
    'contract_awarded',
    'state_funding_decision',
    'financing_convention_signed',
    'works_started',
    'first_cabinets_accepted',
    'commercial_opening',
  ];
  DEPARTEMENTS.forEach((d, i) => {
    const projectId = `rip-${d.code}`;
    const lead = `cd-${d.code}`;
    const operator = i % 2 === 0 ? 'orange' : 'sfr';
    const registered = addDays('2014-02-03', i * 7);
    add(at(registered), rep(lead), 'registerNetworkProject', {
      projectId,
      name: `${d.name} Très Haut Débit`,
      leadActorId: lead,
      departementCodes: [d.code],
      technologies: i === 2 ? ['FTTH', 'COPPER_UPGRADE', 'RADIO'] : ['FTTH', 'COPPER_UPGRADE'],
    });
    // Planned dates for the later milestones, set at registration; some slip.
    const plannedWorks = addDays('2016-01-15', i * 20);
    const plannedOpening = addDays('2017-06-30', i * 30);
    add(at(addDays(registered, 1)), rep(lead), 'planMilestone', { projectKind: 'NETWORK', projectId, key: 'works_started', date: plannedWorks });
    add(at(addDays(registered, 1), 11), rep(lead), 'planMilestone', { projectKind: 'NETWORK', projectId, key: 'commercial_opening', date: plannedOpening });
    add(at(addDays(registered, 1), 12), rep(lead), 'planMilestone', { projectKind: 'NETWORK', projectId, key: 'completed', date: '2027-12-31' });
    if (i !== 0)
      add(at(addDays(registered, 2)), rep(lead), 'dropMilestone', {
        projectKind: 'NETWORK',
        projectId,
        key: 'structure_created',
        reason: 'Porté en régie par le Département',
      });
    else
      add(at('2014-05-12'), rep(lead), 'achieveMilestone', {
        projectKind: 'NETWORK',
        projectId,
        key: 'structure_created',
        achievedOn: '2014-05-12',
        evidenceHash: rng.hash(),
      });
    let day = addDays('2014-04-01', i * 9);
    const slip = i === 3 ? 240 : rng.int(0, 90);
    for (const key of achievedSequence) {
      const gap = key === 'works_started' ? 120 : key === 'commercial_opening' ? 420 : key === 'first_cabinets_accepted' ? 150 : rng.int(50, 110);
      day = addDays(day, gap + (key === 'works_started' ? slip : 0));
      if (key === 'works_started' && day > plannedWorks) {
        add(at(addDays(plannedWorks, -20)), rep(lead), 'rescheduleMilestone', {
          projectKind: 'NETWORK',
          projectId,
          key,
          date: day,
          reason: 'Recours contre l’attribution du marché',
        });
      }
      if (key === 'commercial_opening' && day > plannedOpening) {
        add(at(addDays(plannedOpening, -15)), rep(lead), 'rescheduleMilestone', {
          projectKind: 'NETWORK',
          projectId,
          key,
          date: day,
          reason: 'Retard de livraison des premiers NRO',
        });
      }
      if (key === 'procurement_model_chosen') {
        add(at(day, 9), rep(lead), 'chooseNetworkProjectContract', {
          projectId,
          procurementModel: i === 4 ? 'PPP' : 'CONCESSION_DSP',
          delegateOperatorId: operator,
        });
      }
      add(at(day), rep(lead), 'achieveMilestone', { projectKind: 'NETWORK', projectId, key, achievedOn: day, evidenceHash: rng.hash() });
      if (key === 'state_funding_decision') {
        const total = Math.round((d.share * 0.92) / 1000) * 1000;
        add(at(day, 11), rep(lead), 'reviseNetworkFinancing', {
          projectId,
          asOf: day,
          totalCost: total,
          split: split(total, i),
          stateAidCommitted: split(total, i).state,
          stateAidPaid: 0,
        });
      }
    }
    // Cost revisions at programme scale (the five add up to 533 M€), State aid paid over time.
    [
      ['2017-12-31', d.share, 0.3, 'Avenant n°1 au contrat : extension de la desserte FttH'],
      ['2019-12-31', d.share, 0.7, null],
    ].forEach(([asOf, total, paid, reason]) => {
      const s = split(total as number, i);
      add(at(addDays(asOf as string, 25)), { actorId: 'mission-france-thd', role: 'national_body' }, 'reviseNetworkFinancing', {
        projectId,
        asOf,
        totalCost: total,
        split: s,
        stateAidCommitted: s.state,
        stateAidPaid: Math.round(s.state * (paid as number)),
        ...(reason ? { reason } : {}),
      });
    });
    // Indicators every semester, from the first works to the end of 2020.
    let built = 0;
    for (let year = 2016; year <= 2020; year++) {
      for (const end of ['06-30', '12-31']) {
        const asOf = `${year}-${end}`;
        built = Math.min(d.premises, built + Math.round(d.premises * (0.06 + rng.next() * 0.06)));
        const connectable = Math.round(built * 0.9);
        add(at(addDays(asOf, 21)), rep(lead), 'reportNetworkIndicators', {
          projectId,
          asOf,
          figures: {
            ftthPremisesPlanned: d.premises,
            ftthPremisesBuilt: built,
            ftthPremisesConnectable: connectable,
            ftthPremisesConnected: Math.round(connectable * Math.min(0.45, 0.1 + (year - 2016) * 0.08)),
            copperUpgradeLines: Math.min(Math.round(d.premises * 0.08), (year - 2015) * Math.round(d.premises * 0.02)),
            cabinetsAndNodes: Math.round(built / 900),
          },
        });
      }
    }
  });

  // --- Usage projects ----------------------------------------------------------------------------
  const usage: {
    projectId: string;
    title: string;
    domain: string;
    priorityLevel: string;
    carrying: string;
    partners: string[];
    territories: { kind: string; code: string }[];
    innovative?: boolean;
    call?: string;
    reached: number;
  }[] = [
    {
      projectId: 'e-lyco',
      title: 'e-Lyco : espace numérique de travail des lycées et collèges',
      domain: 'EDUCATION',
      priorityLevel: 'NATIONAL',
      carrying: 'rectorat-nantes',
      partners: ['region-52', 'cd-44', 'cd-49', 'cd-53', 'cd-72', 'cd-85'],
      territories: REGION,
      reached: 5,
    },
    {
      projectId: 'telemed-ehpad',
      title: 'Télémédecine dans les EHPAD',
      domain: 'HEALTH',
      priorityLevel: 'NATIONAL',
      carrying: 'ars-pdl',
      partners: ['cd-44', 'cd-85'],
      territories: REGION,
      innovative: true,
      call: 'PIA-ESANTE-2014',
      reached: 4,
    },
    {
      projectId: 'campus-numerique',
      title: 'Campus numérique des universités ligériennes',
      domain: 'HIGHER_EDUCATION_RESEARCH',
      priorityLevel: 'NATIONAL',
      carrying: 'region-52',
      partners: ['gigalis'],
      territories: REGION,
      reached: 4,
    },
    {
      projectId: 'e-administration',
      title: 'Plateforme de services en ligne des communes',
      domain: 'E_ADMINISTRATION',
      priorityLevel: 'NATIONAL',
      carrying: 'gigalis',
      partners: ['region-52'],
      territories: REGION,
      reached: 5,
    },
    {
      projectId: 'nantes-tech',
      title: 'Quartier de la création numérique',
      domain: 'ECONOMIC_DEVELOPMENT',
      priorityLevel: 'NATIONAL',
      carrying: 'nantes-metropole',
      partners: ['region-52'],
      territories: [{ kind: 'EPCI', code: '244400404' }],
      innovative: true,
      call: 'PIA-FRENCH-TECH-2014',
      reached: 4,
    },
    {
      projectId: 'patrimoine-numerise',
      title: 'Numérisation du patrimoine régional',
      domain: 'CULTURE',
      priorityLevel: 'NATIONAL',
      carrying: 'region-52',
      partners: [],
      territories: REGION,
      reached: 3,
    },
    {
      projectId: 'epn-ruraux',
      title: 'Espaces publics numériques en milieu rural',
      domain: 'INCLUSION',
      priorityLevel: 'REGIONAL',
      carrying: 'region-52',
      partners: ['cd-53', 'cd-72'],
      territories: [...dep('53'), ...dep('72')],
      reached: 3,
    },
    {
      projectId: 'telecentres-mayenne',
      title: 'Télécentres et tiers-lieux en Mayenne',
      domain: 'ECONOMIC_DEVELOPMENT',
      priorityLevel: 'REGIONAL',
      carrying: 'cd-53',
      partners: ['laval-agglomeration'],
      territories: dep('53'),
      reached: 2,
    },
  ];
  const usageKeys = ['project_defined', 'funding_secured', 'pilot_started', 'service_opened', 'evaluated'];
  usage.forEach((u, i) => {
    const registered = addDays('2014-04-07', i * 11);
    add(at(registered), rep(u.carrying), 'registerUsageProject', {
      projectId: u.projectId,
      title: u.title,
      domain: u.domain,
      priorityLevel: u.priorityLevel,
      innovativeTerritory: u.innovative ?? false,
      ...(u.call ? { nationalCallReference: u.call } : {}),
      carryingActorId: u.carrying,
      partnerIds: u.partners,
      territories: u.territories,
    });
    let day = registered;
    usageKeys.forEach((key, k) => {
      day = addDays(day, rng.int(120, 300));
      if (k < u.reached)
        add(at(day), rep(u.carrying), 'achieveMilestone', { projectKind: 'USAGE', projectId: u.projectId, key, achievedOn: day, evidenceHash: rng.hash() });
      else if (k === u.reached)
        add(at(addDays(registered, 30)), rep(u.carrying), 'planMilestone', {
          projectKind: 'USAGE',
          projectId: u.projectId,
          key,
          date: addDays('2021-06-30', i * 30),
        });
    });
  });

  // --- White zones, fixed and mobile ------------------------------------------------------------------
  DEPARTEMENTS.forEach((d, i) => {
    const fixed = [0, 1].map((n) => ({ zoneId: `zb-${d.code}-${n + 1}`, communes: [d.communes[n * 2], d.communes[n * 2 + 1]] }));
    fixed.forEach((z, n) => {
      const identified = addDays('2014-02-17', i * 3 + n);
      add(at(identified, 14), SGAR, 'recordWhiteZone', {
        zoneId: z.zoneId,
        kind: 'FIXED_BELOW_THRESHOLD',
        communeCodes: z.communes,
        prioritySites: { schools: rng.int(1, 4), publicServices: rng.int(1, 3), businesses: rng.int(2, 20), health: rng.int(0, 2) },
        estimatedCost: rng.int(8, 30) * 100_000,
        identifiedOn: identified,
      });
      const planned = addDays('2015-09-01', i * 10 + n);
      add(at(planned, 14), SGAR, 'planWhiteZoneResolution', { zoneId: z.zoneId, networkProjectId: `rip-${d.code}`, plannedOn: planned });
      if (n === 0 || i % 2 === 0) {
        const resolved = addDays('2017-05-01', i * 60 + n * 200);
        add(at(resolved, 14), SGAR, 'resolveWhiteZone', { zoneId: z.zoneId, resolvedOn: resolved });
      }
    });
    const mobile = `zm-${d.code}-1`;
    const identified = addDays('2014-09-15', i);
    add(at(identified, 14), SGAR, 'recordWhiteZone', {
      zoneId: mobile,
      kind: i === 4 ? 'MOBILE_4G_DEMAND' : 'MOBILE_2G_3G',
      communeCodes: [d.communes[3]],
      prioritySites: { publicServices: 1, businesses: rng.int(0, 5) },
      estimatedCost: rng.int(2, 6) * 100_000,
      identifiedOn: identified,
    });
  });

  // The features' own parts (the features list's `demo`), last, so that the steps above keep their command ids.
  for (const contribute of contributions) contribute(add);

  // Chronological order (stable: acts of one day keep the order they were written in).
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.at < b.s.at ? -1 : a.s.at > b.s.at ? 1 : a.i - b.i))
    .map(({ s }) => s);
}

/** A funding split that adds up to the total exactly. */
function split(total: number, i: number) {
  const state = Math.round(total * 0.24);
  const region = Math.round(100_000_000 * (total / 533_000_000));
  const departement = Math.round(total * (0.2 + i * 0.01));
  const epci = Math.round(total * 0.05);
  const euErdf = Math.round(total * 0.06);
  const other = 0;
  const operatorPrivate = total - state - region - departement - epci - euErdf - other;
  return { state, region, departement, epci, euErdf, operatorPrivate, other };
}

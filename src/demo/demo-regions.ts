import type { Role } from '../shared/principal.js';
import { addDays, at, type DemoStep } from './demo-data.js';
import { Prng } from './prng.js';

/**
 * The other regions of the demo, shorter than Pays de la Loire: their actors, CCRANT (meetings,
 * decisions by vote and by consensus, one quorum failure), a convention, RIPs with milestones and
 * semestrial indicators, white zones, commitments requested by the commission (kept, late or
 * breached). Structure from public facts (docs/demo.md); premises, costs and people are synthetic.
 */
export interface DemoRegion {
  code: string;
  name: string;
  seed: string;
  /** The préfecture de région, where the commission meets. */
  capital: string;
  constitutedOn: string;
  departements: { code: string; name: string; article: string; premises: number; cost: number; whiteZoneCommunes: [string, string] }[];
  /** Actors beside the préfet, the SGAR, the Région and the départements. */
  actors: { actorId: string; kind: string; name: string; territories?: { kind: string; code: string }[] }[];
  /** RIPs: one per département unless `carriedBy` groups them under one lead. */
  carriedBy?: { actorId: string; projectId: string; name: string };
  delegateOperator: string;
  meetings: { date: string; lowAttendance?: boolean; items: DemoItem[] }[];
  convention: { conventionId: string; kind: string; title: string; draftedOn: string; parties: string[]; endsOn: string; scope: string[] };
  /** Commitments the commission requested that the SGAR declares breached once due (by commitment id suffix `meeting.item`). */
  breached: string[];
  /** Indicators every semester from this year to 2020. */
  indicatorsFrom: number;
}

export interface DemoItem {
  itemId: string;
  title: string;
  kind: string;
  text: string;
  vote?: boolean;
  request?: { actorId: string; subject: string; title: string; quantity: number; unit: string; dueDate: string };
}

const ADMIN = { actorId: 'scoran-ledger', role: 'admin' as const };
const rep = (actorId: string) => ({ actorId, role: 'representative' as const });
const person = (actorId: string) => `p-${actorId}`;
const FIRST_NAMES = [
  'Camille',
  'Louis',
  'Manon',
  'Hugo',
  'Léa',
  'Arthur',
  'Chloé',
  'Jules',
  'Inès',
  'Gabriel',
  'Emma',
  'Raphaël',
  'Alice',
  'Théo',
  'Zoé',
  'Nathan',
];
const LAST_NAMES = [
  'Bernard',
  'Petit',
  'Durand',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Girard',
  'Bonnet',
];
const MILESTONES = [
  'sdtan_adopted',
  'operators_consulted',
  'funding_file_filed',
  'state_approval_in_principle',
  'procurement_model_chosen',
  'contract_awarded',
  'works_started',
  'first_cabinets_accepted',
  'commercial_opening',
];

/** The steps that record one region, chronological, deterministic for its seed. */
export function regionSteps(region: DemoRegion): DemoStep[] {
  const rng = new Prng(region.seed);
  const steps: DemoStep[] = [];
  const add = (when: string, as: DemoStep['as'], mutation: string, input: Record<string, unknown>) =>
    steps.push({ at: when, as, mutation, input: { commandId: rng.uuid(), ...input, occurredAt: when } });
  const code = region.code;
  const REGION = [{ kind: 'REGION', code }];
  const prefet = `prefet-${code}`;
  const sgar = { actorId: `sgar-${code}`, role: 'commission_secretariat' as Role };

  // --- Actors and their representatives (fictional names) ----------------------------------------
  const actors = [
    { actorId: prefet, kind: 'STATE_IN_REGION', name: `Préfecture de la région ${region.name}`, territories: REGION },
    { actorId: sgar.actorId, kind: 'STATE_IN_REGION', name: `SGAR ${region.name}`, territories: REGION },
    { actorId: `region-${code}`, kind: 'REGION', name: `Région ${region.name}`, territories: REGION },
    ...region.departements.map((d) => ({
      actorId: `cd-${d.code}`,
      kind: 'DEPARTEMENT',
      name: `Département ${d.article}${d.name}`,
      territories: [{ kind: 'DEPARTEMENT', code: d.code }],
    })),
    ...region.actors.map((a) => ({ ...a, territories: a.territories ?? REGION })),
  ];
  actors.forEach((a, i) => {
    const day = addDays(region.constitutedOn, -40 + i);
    const name = `${FIRST_NAMES[rng.int(0, FIRST_NAMES.length - 1)]} ${LAST_NAMES[rng.int(0, LAST_NAMES.length - 1)]}`;
    add(at(day, 9), ADMIN, 'registerActor', { actorId: a.actorId, kind: a.kind, name: a.name, territories: a.territories });
    add(at(day, 10), ADMIN, 'registerPerson', {
      personId: person(a.actorId),
      name,
      title: 'Représentant(e)',
      email: `${name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z ]/g, '')
        .replace(/ /g, '.')}@${a.actorId}.example`,
    });
  });

  // --- The CCRANT ---------------------------------------------------------------------------------
  const members = actors.filter((a) => a.actorId !== sgar.actorId && a.kind !== 'PRIVATE_OPERATOR').map((a) => a.actorId);
  add(at(region.constitutedOn), sgar, 'constituteCommission', {
    regionCode: code,
    prefectActorId: prefet,
    regionActorId: `region-${code}`,
    secretariatActorId: sgar.actorId,
    members: members.map((actorId) => ({ actorId, representatives: [person(actorId)] })),
    rules: { mode: 'VOTE', quorumShare: 0.5, majority: 'SIMPLE' },
  });
  const requested: { commitmentId: string; request: NonNullable<DemoItem['request']>; madeOn: string }[] = [];
  region.meetings.forEach((meeting, index) => {
    const meetingId = `ccrant-${code}-${meeting.date}`;
    const previous = index > 0 ? `ccrant-${code}-${region.meetings[index - 1].date}` : undefined;
    const minutes: DemoItem[] = previous
      ? [
          {
            itemId: 'minutes',
            title: 'Approbation du compte rendu précédent',
            kind: 'MINUTES_APPROVAL',
            text: 'Le compte rendu de la séance précédente est approuvé.',
          },
        ]
      : [];
    const items = [...minutes, ...meeting.items];
    add(at(addDays(meeting.date, -21), 9), rep(prefet), 'conveneMeeting', {
      meetingId,
      regionCode: code,
      date: meeting.date,
      place: `Préfecture de région, ${region.capital}`,
      agenda: items.map(({ itemId, title }) => ({ itemId, title })),
    });
    const present: string[] = [];
    members.forEach((actorId, m) => {
      // The préfet and the Région always attend; a summer session may fall short of the quorum.
      const excused = m > 1 && (meeting.lowAttendance ? m % 4 !== 0 : rng.next() < 0.12);
      if (!excused) present.push(actorId);
      add(
        at(meeting.date, 8, m),
        sgar,
        'recordAttendance',
        excused
          ? { meetingId, memberActorId: actorId, status: 'EXCUSED' }
          : { meetingId, memberActorId: actorId, representativeId: person(actorId), status: 'PRESENT' },
      );
    });
    add(at(meeting.date, 9), sgar, 'holdMeeting', { meetingId });
    items.forEach((item, i) => {
      const hour = 10 + i;
      let fors = 0;
      const extra =
        item.kind === 'MINUTES_APPROVAL'
          ? { minutes: { meetingId: previous, version: 1 } }
          : item.request
            ? {
                actionRequest: {
                  actorId: item.request.actorId,
                  commitmentSubject: item.request.subject,
                  title: item.request.title,
                  target: { quantity: item.request.quantity, unit: item.request.unit },
                  territories: REGION,
                  dueDate: item.request.dueDate,
                },
              }
            : {};
      const proposal = { meetingId, itemId: item.itemId, kind: item.kind, text: item.text, ...extra };
      if (item.vote) {
        add(at(meeting.date, hour), rep(prefet), 'openVote', proposal);
        present.forEach((actorId, v) => {
          const choice = rng.next() < 0.8 ? 'FOR' : rng.next() < 0.5 ? 'AGAINST' : 'ABSTAIN';
          if (choice === 'FOR') fors++;
          add(at(meeting.date, hour, v + 1), rep(actorId), 'castVote', { meetingId, itemId: item.itemId, memberActorId: actorId, choice });
        });
        add(at(meeting.date, hour, 40), rep(prefet), 'closeVote', { meetingId, itemId: item.itemId });
      } else {
        add(at(meeting.date, hour), rep(i % 2 === 0 ? `region-${code}` : prefet), 'recordConsensusDecision', proposal);
      }
      // A vote without quorum cannot adopt (and the demo's majority is of the members present).
      const adopted = !item.vote || (present.length >= members.length / 2 && fors > present.length / 2);
      if (item.request && adopted) requested.push({ commitmentId: `${meetingId}.${item.itemId}.commitment`, request: item.request, madeOn: meeting.date });
    });
    add(at(meeting.date, 17), rep(prefet), 'closeMeeting', { meetingId });
    add(at(addDays(meeting.date, 20), 9), sgar, 'publishMinutes', { meetingId, documentHash: rng.hash() });
  });

  // Progress on what the commission requested; kept, or declared breached by the SGAR once due.
  for (const { commitmentId, request, madeOn } of requested) {
    const breached = region.breached.some((suffix) => commitmentId.endsWith(`${suffix}.commitment`));
    const halfway = addDays(madeOn, 180);
    if (halfway < request.dueDate)
      add(at(addDays(halfway, 10), 11), rep(request.actorId), 'reportCommitmentProgress', {
        commitmentId,
        value: Math.round(request.quantity * (breached ? 0.2 : 0.5)),
        asOf: halfway,
        source: 'DECLARED',
      });
    if (breached) {
      add(at(addDays(request.dueDate, 45), 11), sgar, 'declareCommitmentBreached', {
        commitmentId,
        reason: 'Échéance dépassée sans réalisation ; la commission en prend acte',
      });
    } else if (request.dueDate <= '2020-12-31') {
      const done = addDays(request.dueDate, -rng.int(10, 60));
      add(at(done, 11), rep(request.actorId), 'reportCommitmentProgress', { commitmentId, value: request.quantity, asOf: done, source: 'DECLARED' });
      add(at(done, 12), rep(request.actorId), 'fulfilCommitment', { commitmentId, note: 'Objectif atteint' });
    }
  }

  // --- The convention, signed party by party -------------------------------------------------------
  const c = region.convention;
  const documentHash = rng.hash();
  add(at(c.draftedOn), rep(`region-${code}`), 'draftConvention', {
    conventionId: c.conventionId,
    kind: c.kind,
    title: c.title,
    parties: c.parties.map((actorId) => ({ actorId, signaturesRequired: 1 })),
    documentHash,
    scope: c.scope,
    endsOn: c.endsOn,
  });
  c.parties.forEach((actorId, i) => {
    const signedOn = addDays(c.draftedOn, 20 + i * 4);
    const local = ['REGION', 'DEPARTEMENT', 'JOINT_SYNDICATE'].includes(actors.find((a) => a.actorId === actorId)!.kind);
    add(at(signedOn, 15), rep(actorId), 'signConvention', {
      conventionId: c.conventionId,
      documentHash,
      signatory: { personId: person(actorId), title: 'Représentant(e)' },
      place: region.capital,
      signedOn,
      ...(local ? { councilResolution: { number: `CP-${signedOn.slice(0, 4)}-${actorId.toUpperCase()}`, date: addDays(c.draftedOn, 6) } } : {}),
    });
  });

  // --- RIPs: milestones, financing, indicators every semester ------------------------------------------
  const projects = region.carriedBy
    ? [{ projectId: region.carriedBy.projectId, name: region.carriedBy.name, lead: region.carriedBy.actorId, departements: region.departements }]
    : region.departements.map((d) => ({ projectId: `rip-${d.code}`, name: `${d.name} Très Haut Débit`, lead: `cd-${d.code}`, departements: [d] }));
  projects.forEach((p, i) => {
    const premises = p.departements.reduce((sum, d) => sum + d.premises, 0);
    const cost = p.departements.reduce((sum, d) => sum + d.cost, 0);
    const registered = addDays(region.constitutedOn, 14 + i * 5);
    add(at(registered), rep(p.lead), 'registerNetworkProject', {
      projectId: p.projectId,
      name: p.name,
      leadActorId: p.lead,
      departementCodes: p.departements.map((d) => d.code),
      technologies: ['FTTH', 'COPPER_UPGRADE'],
    });
    const plannedOpening = addDays(region.constitutedOn, 900 + i * 30);
    add(at(addDays(registered, 1)), rep(p.lead), 'planMilestone', {
      projectKind: 'NETWORK',
      projectId: p.projectId,
      key: 'commercial_opening',
      date: plannedOpening,
    });
    let day = addDays(registered, 20);
    for (const key of MILESTONES) {
      day = addDays(day, key === 'works_started' ? 150 : key === 'commercial_opening' ? 330 + rng.int(0, 200) : rng.int(40, 90));
      if (key === 'commercial_opening' && day > plannedOpening)
        add(at(addDays(plannedOpening, -15)), rep(p.lead), 'rescheduleMilestone', {
          projectKind: 'NETWORK',
          projectId: p.projectId,
          key,
          date: day,
          reason: 'Retard des études de piquetage',
        });
      if (key === 'procurement_model_chosen')
        add(at(day, 9), rep(p.lead), 'chooseNetworkProjectContract', {
          projectId: p.projectId,
          procurementModel: 'CONCESSION_DSP',
          delegateOperatorId: region.delegateOperator,
        });
      add(at(day), rep(p.lead), 'achieveMilestone', { projectKind: 'NETWORK', projectId: p.projectId, key, achievedOn: day, evidenceHash: rng.hash() });
      if (key === 'contract_awarded') {
        const state = Math.round(cost * 0.25);
        const local = Math.round(cost * 0.35);
        add(at(day, 11), rep(p.lead), 'reviseNetworkFinancing', {
          projectId: p.projectId,
          asOf: day,
          totalCost: cost,
          split: {
            state,
            region: Math.round(cost * 0.12),
            departement: local,
            epci: Math.round(cost * 0.05),
            euErdf: Math.round(cost * 0.05),
            operatorPrivate: cost - state - Math.round(cost * 0.12) - local - 2 * Math.round(cost * 0.05),
            other: 0,
          },
          stateAidCommitted: state,
          stateAidPaid: 0,
        });
      }
    }
    let built = 0;
    for (let year = region.indicatorsFrom; year <= 2020; year++) {
      for (const end of ['06-30', '12-31']) {
        const asOf = `${year}-${end}`;
        built = Math.min(premises, built + Math.round(premises * (0.05 + rng.next() * 0.05)));
        const connectable = Math.round(built * 0.88);
        add(at(addDays(asOf, 21)), rep(p.lead), 'reportNetworkIndicators', {
          projectId: p.projectId,
          asOf,
          figures: {
            ftthPremisesPlanned: premises,
            ftthPremisesBuilt: built,
            ftthPremisesConnectable: connectable,
            ftthPremisesConnected: Math.round(connectable * Math.min(0.4, 0.08 + (year - region.indicatorsFrom) * 0.07)),
            cabinetsAndNodes: Math.round(built / 900),
          },
        });
      }
    }
  });

  // --- White zones: one per département, planned by its RIP, half of them resolved -------------------
  region.departements.forEach((d, i) => {
    const zoneId = `zb-${d.code}-1`;
    const identified = addDays(region.constitutedOn, 60 + i);
    add(at(identified, 14), sgar, 'recordWhiteZone', {
      zoneId,
      kind: 'FIXED_BELOW_THRESHOLD',
      communeCodes: d.whiteZoneCommunes,
      prioritySites: { schools: rng.int(1, 3), businesses: rng.int(2, 12) },
      estimatedCost: rng.int(6, 25) * 100_000,
      identifiedOn: identified,
    });
    const project = projects.find((p) => p.departements.includes(d))!;
    const planned = addDays(identified, 300);
    add(at(planned, 14), sgar, 'planWhiteZoneResolution', { zoneId, networkProjectId: project.projectId, plannedOn: planned });
    if (i % 2 === 0) add(at(addDays(planned, 500 + i * 20), 14), sgar, 'resolveWhiteZone', { zoneId, resolvedOn: addDays(planned, 500 + i * 20) });
  });

  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.at < b.s.at ? -1 : a.s.at > b.s.at ? 1 : a.i - b.i))
    .map(({ s }) => s);
}

/**
 * Bourgogne-Franche-Comté (region 27, born of the 2016 merger): its eight départements, the SCORAN
 * BFC co-built in the workshops of January-April 2019 and adopted in plenary in June 2019, with its
 * three stakes (seed 003). Recorded on the national instance itself.
 */
export const BOURGOGNE_FRANCHE_COMTE: DemoRegion = {
  code: '27',
  name: 'Bourgogne-Franche-Comté',
  seed: 'scoran-bourgogne-franche-comte-2016-2020',
  capital: 'Dijon',
  constitutedOn: '2016-03-01',
  departements: [
    { code: '21', name: 'Côte-d’Or', article: 'de la ', premises: 95_000, cost: 120_000_000, whiteZoneCommunes: ['21002', '21004'] },
    { code: '25', name: 'Doubs', article: 'du ', premises: 85_000, cost: 110_000_000, whiteZoneCommunes: ['25001', '25002'] },
    { code: '39', name: 'Jura', article: 'du ', premises: 70_000, cost: 95_000_000, whiteZoneCommunes: ['39014', '39019'] },
    { code: '58', name: 'Nièvre', article: 'de la ', premises: 60_000, cost: 85_000_000, whiteZoneCommunes: ['58001', '58004'] },
    { code: '70', name: 'Haute-Saône', article: 'de la ', premises: 65_000, cost: 90_000_000, whiteZoneCommunes: ['70001', '70002'] },
    { code: '71', name: 'Saône-et-Loire', article: 'de ', premises: 120_000, cost: 150_000_000, whiteZoneCommunes: ['71005', '71006'] },
    { code: '89', name: 'Yonne', article: 'de l’', premises: 80_000, cost: 105_000_000, whiteZoneCommunes: ['89004', '89008'] },
    { code: '90', name: 'Territoire de Belfort', article: 'du ', premises: 20_000, cost: 30_000_000, whiteZoneCommunes: ['90002', '90006'] },
  ],
  actors: [
    { actorId: 'delegataire-bfc', kind: 'PRIVATE_OPERATOR', name: 'Délégataire des RIP de Bourgogne-Franche-Comté (fictif)' },
    { actorId: 'ars-bfc', kind: 'STATE_AGENCY', name: 'ARS Bourgogne-Franche-Comté' },
    { actorId: 'ceser-bfc', kind: 'CONSULTATIVE_BODY', name: 'CESER Bourgogne-Franche-Comté' },
  ],
  delegateOperator: 'delegataire-bfc',
  indicatorsFrom: 2017,
  meetings: [
    {
      date: '2016-06-14',
      items: [
        {
          itemId: 'diagnostic',
          title: 'Diagnostic des huit SDTAN départementaux',
          kind: 'CONCLUSIONS',
          text: 'Les huit SDTAN sont présentés ; la commission en prend acte pour la nouvelle région.',
        },
      ],
    },
    {
      date: '2016-12-06',
      items: [{ itemId: 'phasing', title: 'Phasage 2017-2020', kind: 'PHASING_PLAN_ADOPTION', text: 'Le phasage des déploiements FttH 2017-2020 est adopté.' }],
    },
    {
      date: '2017-06-13',
      items: [
        {
          itemId: 'region-funding',
          title: 'Soutien de la Région aux RIP',
          kind: 'ACTION_REQUEST',
          vote: true,
          text: 'La Région est invitée à soutenir les huit RIP départementaux.',
          request: {
            actorId: 'region-27',
            subject: 'FUNDING',
            title: 'Soutenir les RIP départementaux',
            quantity: 60_000_000,
            unit: 'EUROS',
            dueDate: '2020-12-31',
          },
        },
      ],
    },
    {
      date: '2017-12-12',
      items: [
        {
          itemId: 'telemed',
          title: 'Télémédecine en EHPAD',
          kind: 'ACTION_REQUEST',
          vote: true,
          text: 'L’ARS est invitée à équiper 40 EHPAD en télémédecine d’ici fin 2019.',
          request: {
            actorId: 'ars-bfc',
            subject: 'SERVICE_DEPLOYMENT',
            title: 'Équiper 40 EHPAD en télémédecine',
            quantity: 40,
            unit: 'UNITS',
            dueDate: '2019-12-31',
          },
        },
      ],
    },
    {
      date: '2018-07-10',
      lowAttendance: true,
      items: [
        {
          itemId: 'mobile',
          title: 'Sites mobiles en zone blanche',
          kind: 'ACTION_REQUEST',
          vote: true,
          text: 'Le délégataire est invité à équiper 30 sites mobiles.',
          request: {
            actorId: 'delegataire-bfc',
            subject: 'MOBILE_COVERAGE',
            title: 'Équiper 30 sites mobiles en zone blanche',
            quantity: 30,
            unit: 'MOBILE_SITES',
            dueDate: '2020-06-30',
          },
        },
      ],
    },
    {
      date: '2018-12-11',
      items: [
        {
          itemId: 'mobile',
          title: 'Sites mobiles en zone blanche (nouvel examen)',
          kind: 'ACTION_REQUEST',
          vote: true,
          text: 'Le délégataire est invité à équiper 30 sites mobiles.',
          request: {
            actorId: 'delegataire-bfc',
            subject: 'MOBILE_COVERAGE',
            title: 'Équiper 30 sites mobiles en zone blanche',
            quantity: 30,
            unit: 'MOBILE_SITES',
            dueDate: '2020-06-30',
          },
        },
      ],
    },
    {
      date: '2019-05-14',
      items: [
        {
          itemId: 'ateliers',
          title: 'Ateliers de co-construction de la SCORAN BFC',
          kind: 'CONCLUSIONS',
          text: 'Cinq ateliers en janvier 2019, onze en mars et avril, deux concertations en ligne : plus de 1 000 contributeurs.',
        },
      ],
    },
    {
      date: '2019-07-09',
      items: [
        {
          itemId: 'scoran-bfc',
          title: 'SCORAN BFC',
          kind: 'STRATEGY_ADOPTION',
          text: 'La SCORAN BFC, adoptée en séance plénière en juin 2019, est adoptée : accélérer les infrastructures, accompagner la transformation numérique, innover par la donnée.',
        },
      ],
    },
    {
      date: '2019-12-10',
      items: [
        {
          itemId: 'inclusion',
          title: 'Inclusion numérique',
          kind: 'RECOMMENDATION',
          text: 'Structurer l’offre de médiation numérique sur les huit départements.',
        },
      ],
    },
    {
      date: '2020-07-07',
      items: [
        {
          itemId: 'donnees',
          title: 'Plateforme régionale de données',
          kind: 'ACTION_REQUEST',
          text: 'La Région est invitée à ouvrir une plateforme régionale de données d’ici mi-2021.',
          request: {
            actorId: 'region-27',
            subject: 'STUDY',
            title: 'Ouvrir la plateforme régionale de données',
            quantity: 1,
            unit: 'UNITS',
            dueDate: '2021-06-30',
          },
        },
      ],
    },
    { date: '2020-12-08', items: [{ itemId: 'bilan-2020', title: 'Bilan 2020', kind: 'CONCLUSIONS', text: 'Six RIP sur huit ont ouvert commercialement.' }] },
  ],
  convention: {
    conventionId: 'cpsd-27',
    kind: 'CPSD',
    title: 'Convention de programmation et de suivi des déploiements FttH en Bourgogne-Franche-Comté',
    draftedOn: '2017-02-06',
    parties: ['prefet-27', 'region-27', 'cd-21', 'cd-71'],
    endsOn: '2022-12-31',
    scope: ['21231', '21054', '71076', '71270'],
  },
  breached: ['ccrant-27-2017-12-12.telemed'],
};

/**
 * Bretagne (region 53): one RIP for the whole region, Bretagne Très Haut Débit, carried by the
 * syndicat mixte Mégalis Bretagne for the Région, the four départements and their EPCI, in phases
 * toward fibre for every premises by 2026. It runs its own instance and submits its reports as bundles.
 */
export const BRETAGNE: DemoRegion = {
  code: '53',
  name: 'Bretagne',
  seed: 'scoran-bretagne-2014-2020',
  capital: 'Rennes',
  constitutedOn: '2014-03-11',
  departements: [
    { code: '22', name: 'Côtes-d’Armor', article: 'des ', premises: 250_000, cost: 420_000_000, whiteZoneCommunes: ['22006', '22009'] },
    { code: '29', name: 'Finistère', article: 'du ', premises: 330_000, cost: 560_000_000, whiteZoneCommunes: ['29012', '29013'] },
    { code: '35', name: 'Ille-et-Vilaine', article: 'd’', premises: 300_000, cost: 500_000_000, whiteZoneCommunes: ['35005', '35077'] },
    { code: '56', name: 'Morbihan', article: 'du ', premises: 280_000, cost: 470_000_000, whiteZoneCommunes: ['56019', '56025'] },
  ],
  actors: [
    { actorId: 'megalis-bretagne', kind: 'JOINT_SYNDICATE', name: 'Syndicat mixte Mégalis Bretagne' },
    { actorId: 'delegataire-bthd', kind: 'PRIVATE_OPERATOR', name: 'Délégataire de Bretagne Très Haut Débit (fictif)' },
    { actorId: 'ceser-bretagne', kind: 'CONSULTATIVE_BODY', name: 'CESER Bretagne' },
  ],
  carriedBy: { actorId: 'megalis-bretagne', projectId: 'rip-bthd', name: 'Bretagne Très Haut Débit' },
  delegateOperator: 'delegataire-bthd',
  indicatorsFrom: 2015,
  meetings: [
    {
      date: '2014-06-24',
      items: [
        {
          itemId: 'bthd',
          title: 'Programme Bretagne Très Haut Débit',
          kind: 'CONCLUSIONS',
          text: 'Mégalis Bretagne présente le programme : la fibre pour tous les Bretons d’ici 2026, en trois phases.',
        },
      ],
    },
    {
      date: '2014-12-09',
      items: [{ itemId: 'scoran', title: 'Adoption de la SCORAN 2.0', kind: 'STRATEGY_ADOPTION', text: 'La SCORAN 2.0 de Bretagne est adoptée.' }],
    },
    {
      date: '2015-06-16',
      items: [
        {
          itemId: 'phase-1',
          title: 'Phase 1 (2014-2018)',
          kind: 'PHASING_PLAN_ADOPTION',
          text: 'La phase 1 du programme est adoptée, les villes moyennes et les zones les moins bien desservies d’abord.',
        },
      ],
    },
    {
      date: '2016-06-14',
      items: [
        {
          itemId: 'usages',
          title: 'Services numériques des collectivités',
          kind: 'ACTION_REQUEST',
          vote: true,
          text: 'Mégalis est invité à ouvrir une salle régionale des marchés publics dématérialisés.',
          request: {
            actorId: 'megalis-bretagne',
            subject: 'SERVICE_DEPLOYMENT',
            title: 'Ouvrir la salle régionale des marchés dématérialisés',
            quantity: 1,
            unit: 'UNITS',
            dueDate: '2017-12-31',
          },
        },
      ],
    },
    {
      date: '2017-06-13',
      items: [{ itemId: 'bilan-2016', title: 'Bilan de la phase 1', kind: 'CONCLUSIONS', text: 'La phase 1 avance, avec un retard dans le Finistère.' }],
    },
    { date: '2018-06-12', items: [{ itemId: 'phase-2', title: 'Phase 2 (2019-2023)', kind: 'PHASING_PLAN_ADOPTION', text: 'La phase 2 est adoptée.' }] },
    {
      date: '2019-06-11',
      items: [
        {
          itemId: 'ceser',
          title: 'Contribution du CESER',
          kind: 'RECOMMENDATION',
          text: 'Mesurer les raccordements effectifs, pas seulement les prises construites.',
        },
      ],
    },
    {
      date: '2020-06-30',
      items: [{ itemId: 'bilan-2020', title: 'Bilan 2014-2020', kind: 'CONCLUSIONS', text: 'La phase 2 se poursuit ; la phase 3 (2024-2026) est préparée.' }],
    },
  ],
  convention: {
    conventionId: 'financement-bthd',
    kind: 'FINANCING',
    title: 'Convention de financement de Bretagne Très Haut Débit',
    draftedOn: '2014-09-15',
    parties: ['prefet-53', 'region-53', 'megalis-bretagne', 'cd-22', 'cd-29', 'cd-35', 'cd-56'],
    endsOn: '2026-12-31',
    scope: ['22278', '29019', '29232', '35238', '56260'],
  },
  breached: [],
};

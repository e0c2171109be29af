import type { OutCell, SheetData } from '../src/import/template.js';

/**
 * A region's past record as its secretariat would keep it in spreadsheets (Pays de la Loire codes,
 * fictional figures), for the import tests and benchmark. Deterministic. `scale` multiplies the
 * commitments (with their progress) and the white zones: scale 1 is about 370 rows.
 */
export function sampleRegion(scale = 1): SheetData {
  const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
  const addDays = (iso: string, n: number) => {
    const d = day(iso);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };
  const hash = (seed: string) => {
    let h = 2166136261;
    let out = '';
    while (out.length < 64) {
      for (const c of seed + out.length) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
      out += h.toString(16).padStart(8, '0');
    }
    return out.slice(0, 64);
  };
  const DEPS = [
    { code: '44', communes: ['44016', '44019', '44031', '44039'] },
    { code: '49', communes: ['49008', '49009', '49010', '49011'] },
    { code: '53', communes: ['53002', '53009', '53010', '53011'] },
    { code: '72', communes: ['72002', '72004', '72005', '72007'] },
    { code: '85', communes: ['85005', '85009', '85010', '85014'] },
  ];
  const operators = ['orange', 'sfr'];

  const actors: Record<string, OutCell>[] = [
    { id: 'sgar-52', kind: 'État en région', name: 'SGAR Pays de la Loire', territories: 'région 52', registeredOn: day('2014-01-06') },
    { id: 'region-52', kind: 'Région', name: 'Région Pays de la Loire', territories: 'région 52', registeredOn: day('2014-01-06') },
    ...DEPS.map((d) => ({
      id: `cd-${d.code}`,
      kind: 'Département',
      name: `Département ${d.code}`,
      territories: `département ${d.code}`,
      registeredOn: day('2014-01-07'),
    })),
    { id: 'nantes-metropole', kind: 'EPCI', name: 'Nantes Métropole', siren: '244400404', territories: 'EPCI 244400404', registeredOn: day('2014-01-08') },
    { id: 'gigalis', kind: 'Syndicat mixte', name: 'Syndicat mixte Gigalis', territories: 'région 52', registeredOn: day('2014-01-08') },
    { id: 'orange', kind: 'Opérateur privé', name: 'Orange', territories: 'région 52', registeredOn: day('2014-01-09') },
    { id: 'sfr', kind: 'private_operator', name: 'SFR', territories: 'région 52', registeredOn: day('2014-01-09') },
  ];

  const conventions: Record<string, OutCell>[] = [];
  const signatures: Record<string, OutCell>[] = [];
  DEPS.forEach((d, i) => {
    for (let n = 0; n < 2; n++) {
      const id = `conv-${d.code}-${n + 1}`;
      const drafted = addDays('2015-03-02', i * 40 + n * 200);
      const parties = [`cd-${d.code}`, 'region-52', operators[(i + n) % 2]];
      conventions.push({
        id,
        kind: n === 0 ? 'CPSD' : 'Convention de financement',
        title: `Convention ${n + 1} du département ${d.code}`,
        parties: parties.join('; '),
        documentHash: hash(id),
        scope: d.communes.slice(0, 2).join('; '),
        endsOn: day('2022-12-31'),
        draftedOn: day(drafted),
      });
      parties.forEach((party, p) => {
        const signed = addDays(drafted, 20 + p * 3);
        const local = party.startsWith('cd-') || party === 'region-52';
        signatures.push({
          conventionId: id,
          partyId: party,
          signatoryId: `p-${party}`,
          signatoryTitle: local ? 'Président' : 'Directeur régional',
          place: 'Nantes',
          signedOn: day(signed),
          ...(local ? { resolutionNumber: `CP-${drafted.slice(0, 4)}-${party}`, resolutionDate: day(addDays(drafted, 10)) } : {}),
        });
      });
    }
  });

  const commitments: Record<string, OutCell>[] = [];
  const progress: Record<string, OutCell>[] = [];
  const count = 40 * scale;
  for (let c = 0; c < count; c++) {
    const d = DEPS[c % DEPS.length];
    const operator = operators[c % 2];
    const id = `eng-${String(c + 1).padStart(5, '0')}`;
    const made = addDays('2015-06-01', (c * 7) % 900);
    const due = addDays(made, 700 + (c % 5) * 90);
    const percent = c % 4 === 3;
    const target = percent ? 87.5 : 1000 + (c % 9) * 250;
    commitments.push({
      id,
      actorId: operator,
      subject: percent ? 'Couverture mobile' : 'fixed_coverage',
      title: percent ? `Couverture de ${d.communes[c % 4]}` : `Locaux raccordables, lot ${c + 1}`,
      quantity: target,
      unit: percent ? 'Pourcentage' : 'Locaux FttH',
      territories: `commune ${d.communes[c % 4]}`,
      dueDate: day(due),
      madeOn: day(made),
      ...(c % 3 === 0 ? { fulfilledOn: day(addDays(due, -10)) } : {}),
    });
    [0.25, 0.5, c % 3 === 0 ? 1 : 0.75].forEach((share, k) => {
      const value = percent ? Math.round(target * share * 10) / 10 : Math.round(target * share);
      progress.push({
        commitmentId: id,
        value,
        asOf: day(addDays(made, 150 * (k + 1))),
        source: k === 2 ? 'Données opérateur' : 'Déclaré',
        note: k === 2 ? 'Relevé trimestriel' : undefined,
      });
    });
  }

  const networkProjects: Record<string, OutCell>[] = [];
  const milestones: Record<string, OutCell>[] = [];
  const indicators: Record<string, OutCell>[] = [];
  const keys = [
    'sdtan_adopted',
    'structure_created',
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
    'completed',
  ];
  DEPS.forEach((d, i) => {
    const id = `rip-${d.code}`;
    const registered = addDays('2014-02-03', i * 7);
    networkProjects.push({
      id,
      name: `Réseau très haut débit ${d.code}`,
      leadActorId: `cd-${d.code}`,
      departements: d.code,
      technologies: i === 2 ? 'FttH; Montée en débit; Radio' : 'FttH; Montée en débit',
      registeredOn: day(registered),
    });
    keys.forEach((key, k) => {
      const achieved = addDays(registered, 60 + k * 110 + i * 5);
      if (key === 'structure_created' && i > 0) milestones.push({ projectId: id, key, droppedReason: 'Porté en régie par le Département' });
      else if (key === 'completed') milestones.push({ projectId: id, key, plannedOn: day('2027-12-31') });
      else if (key === 'works_started')
        milestones.push({
          projectId: id,
          key,
          plannedOn: day(addDays(achieved, -120)),
          rescheduledTo: day(achieved),
          rescheduleReason: 'Recours contre l’attribution du marché',
          achievedOn: day(achieved),
          evidenceHash: hash(`${id}-${key}`),
        });
      else milestones.push({ projectId: id, key, achievedOn: day(achieved), evidenceHash: hash(`${id}-${key}`) });
    });
    let built = 0;
    for (let year = 2016; year <= 2020; year++) {
      for (const end of ['06-30', '12-31']) {
        built += 4000 + i * 500;
        indicators.push({
          projectId: id,
          asOf: day(`${year}-${end}`),
          ftthPremisesPlanned: 100_000,
          ftthPremisesBuilt: built,
          ftthPremisesConnectable: Math.round(built * 0.9),
          ftthPremisesConnected: Math.round(built * 0.3),
        });
      }
    }
  });

  const usageProjects: Record<string, OutCell>[] = [
    {
      id: 'e-lyco',
      title: 'Espace numérique de travail des lycées',
      domain: 'Éducation',
      priorityLevel: 'Nationale',
      carryingActorId: 'region-52',
      partnerIds: 'cd-44; cd-49',
      territories: 'région 52',
      registeredOn: day('2014-04-07'),
    },
    {
      id: 'telemed',
      title: 'Télémédecine en EHPAD',
      domain: 'Santé',
      priorityLevel: 'Régionale',
      innovativeTerritory: 'oui',
      nationalCallReference: 'PIA-ESANTE-2014',
      carryingActorId: 'gigalis',
      territories: 'département 44; département 85',
      registeredOn: day('2014-05-12'),
    },
  ];
  for (const projectId of ['e-lyco', 'telemed']) {
    milestones.push({ projectId, projectKind: 'Usage', key: 'project_defined', achievedOn: day('2014-09-01'), evidenceHash: hash(`${projectId}-defined`) });
    milestones.push({ projectId, projectKind: 'usage', key: 'pilot_started', plannedOn: day('2016-01-15') });
  }

  const whiteZones: Record<string, OutCell>[] = [];
  for (let z = 0; z < 30 * scale; z++) {
    const d = DEPS[z % DEPS.length];
    const identified = addDays('2014-02-17', z % 300);
    const planned = z % 2 === 0;
    whiteZones.push({
      id: `zb-${String(z + 1).padStart(5, '0')}`,
      kind: z % 3 === 2 ? 'Mobile 2G/3G' : 'Fixe sous le seuil',
      communes: z % 3 === 2 ? d.communes[3] : `${d.communes[0]}; ${d.communes[1]}`,
      schools: z % 4,
      publicServices: 1,
      businesses: 2 + (z % 7),
      health: z % 2,
      estimatedCost: 250_000 + z * 1_000 + 0.5,
      identifiedOn: day(identified),
      ...(planned ? { networkProjectId: `rip-${d.code}`, plannedOn: day(addDays(identified, 200)) } : {}),
      ...(planned && z % 4 === 0 ? { resolvedOn: day(addDays(identified, 900)) } : {}),
    });
  }

  return {
    actors,
    conventions,
    signatures,
    commitments,
    progress,
    network_projects: networkProjects,
    usage_projects: usageProjects,
    milestones,
    indicators,
    white_zones: whiteZones,
  };
}

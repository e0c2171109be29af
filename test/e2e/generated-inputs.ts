import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';
import type { Role } from '../../src/shared/principal.js';
import { newCommandId, type TestService } from './harness.js';

/**
 * Mutation calls generated from schema.gql (the authority matrix, the explicit-null test): every
 * required field gets a value of its type; fields that name a record or a territory point at the
 * world `buildWorld` records in region 52 ("own") and region 84 ("other").
 */
export const schema = buildSchema(readFileSync('schema.gql', 'utf8'));
export const REGION = { own: '52', other: '84' } as const;
const COMMUNE: Record<string, string> = { '52': '44109', '84': '69123' };
const DEPARTEMENT: Record<string, string> = { '52': '44', '84': '69' };

/** The caller of each role: an actor of region 52 (national roles: actors with no territory). */
export const CALLER: Record<Role, string> = {
  representative: 'op-52',
  commission_secretariat: 'sgar-52',
  national_body: 'anct',
  auditor: 'ccomptes',
  admin: 'scoran-ledger',
};

const FIXTURE_FIELDS = new Set([
  'commitmentId',
  'conventionId',
  'zoneId',
  'meetingId',
  'networkProjectId',
  'projectId',
  'actorId',
  'regionCode',
  'region',
  'communeCodes',
  'communeCode',
  'setId',
  'departementCodes',
  'scope',
  'territories',
]);

function fixtureValue(field: string, region: string): unknown {
  switch (field) {
    case 'commitmentId':
      return `c-${region}`;
    case 'conventionId':
      return `conv-${region}`;
    case 'zoneId':
      return `wz-${region}`;
    case 'meetingId':
      return `m-${region}`;
    case 'networkProjectId':
    case 'projectId':
      return `np-${region}`;
    case 'actorId':
      return `target-${region}`;
    case 'regionCode':
    case 'region':
      return region;
    case 'communeCodes':
    case 'scope':
      return COMMUNE[region];
    case 'communeCode':
      return COMMUNE[region];
    case 'setId':
      return `ocs-${region}`;
    case 'departementCodes':
      return DEPARTEMENT[region];
    case 'commandId':
      return newCommandId();
    default:
      return undefined;
  }
}

/** Values that pass the field's own validation, so that generated calls reach the deciders. */
function plausibleText(field: string): string | undefined {
  if (/(^date$|Date$|On$|^asOf$)/.test(field)) return '2020-06-30';
  if (/Hash$/.test(field)) return 'b'.repeat(64);
  if (field === 'semester') return '2020-S1';
  if (field === 'commandId') return newCommandId();
  if (field === 'code' || field === 'communeCode') return '44109';
  if (/^(title|name|label|reason|text|place|legalReason)$/.test(field)) return 'Texte de test';
  if (/Id$|^key$|^id$/.test(field)) return 'k1';
  return undefined;
}

interface Options {
  region: string;
  /** Send explicit null in every optional field (instead of leaving it out). */
  nulls: boolean;
}

function valueFor(type: GraphQLInputType, field: string, options: Options, depth = 0): unknown {
  const named = getNamedType(type);
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = valueFor(nullable.ofType, field, options, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (isEnumType(named)) {
    if (field === 'projectKind') return 'NETWORK';
    if (field === 'source' && named.getValues().some((v) => v.name === 'AUDIT')) return 'AUDIT';
    if (field === 'kind' && named.getValues().some((v) => v.name === 'COMMUNE')) return 'COMMUNE';
    return named.getValues()[0].name;
  }
  if (isInputObjectType(named)) {
    if (named.name === 'TerritoryRefInput') return { kind: 'COMMUNE', code: COMMUNE[options.region] };
    if (depth > 3) return undefined;
    const value: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(named.getFields())) {
      const nonNull = isNonNullType(inner.type);
      if (!nonNull && options.nulls) {
        value[name] = null;
        continue;
      }
      if ((!nonNull || inner.defaultValue !== undefined) && !FIXTURE_FIELDS.has(name)) continue;
      const generated = valueFor(inner.type, name, options, depth + 1);
      if (generated !== undefined) value[name] = generated;
    }
    return value;
  }
  if (isScalarType(named)) {
    const fixture = named.name === 'String' || named.name === 'ID' ? fixtureValue(field, options.region) : undefined;
    if (fixture !== undefined) return fixture;
    if (named.name === 'String' || named.name === 'ID') {
      const plausible = plausibleText(field);
      if (plausible !== undefined) return plausible;
    }
    switch (named.name) {
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return '2020-01-01T00:00:00Z';
      default:
        return field === 'commandId' ? newCommandId() : 'x';
    }
  }
  return undefined;
}

/** A call of the mutation with a generated input aimed at `region`'s records. */
export function mutationCall(operation: string, region: string, nulls = false): { query: string; variables: Record<string, unknown> } {
  const field = schema.getMutationType()!.getFields()[operation];
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) variables[arg.name] = valueFor(arg.type, arg.name, { region, nulls });
  const input = variables.input as Record<string, unknown> | undefined;
  if (input && /UsageProject$/.test(operation) && operation !== 'registerUsageProject') input.projectId = `up-${region}`;
  // Files name their communes in their content: the regions they touch are those communes' regions.
  if (input && operation === 'importZoneFile')
    input.content = `code_commune;zone;operateur;projet_rip;date_effet;motif\n${COMMUNE[region]};AMII;op-${region};;2020-01-01;\n`;
  if (input && operation === 'importRegulatorFigures')
    input.content = `code_commune;locaux_raccordables;meilleure_estimation_des_locaux\n${COMMUNE[region]};1;10\n`;
  const declared = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return { query: `mutation(${declared}) { ${operation}(${passed}) { __typename } }`, variables };
}

export const allMutations = () => Object.keys(schema.getMutationType()!.getFields()).sort();

/**
 * Bootstraps an empty store as docs/security.md shows it, registers the callers of every role and,
 * in each region, actors and one record of each kind (by the admin, nationwide).
 */
export async function buildWorld(service: TestService): Promise<{ admin: string }> {
  const admin = await service.token('scoran-ledger', 'admin');
  const ok = async (query: string, input: Record<string, unknown>) => {
    const response = await service.graphql(query, { input: { commandId: newCommandId(), ...input } }, admin);
    if (response.body.errors) throw new Error(`World: ${JSON.stringify(response.body.errors)}`);
  };
  const doc = readFileSync('docs/security.md', 'utf8');
  const bootstrap = /```graphql\n(mutation \{\n {2}registerActor[\s\S]*?)```/.exec(doc)![1];
  const boot = await service.graphql(bootstrap, {}, admin);
  if (boot.body.errors) throw new Error(`Bootstrap: ${JSON.stringify(boot.body.errors)}`);

  const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
  for (const region of [REGION.own, REGION.other]) {
    for (const [actorId, kind] of [
      [`op-${region}`, 'PRIVATE_OPERATOR'],
      [`sgar-${region}`, 'STATE_IN_REGION'],
      [`region-${region}`, 'REGION'],
      [`target-${region}`, 'JOINT_SYNDICATE'],
    ] as const) {
      await ok(REGISTER, { actorId, kind, name: actorId, territories: [{ kind: 'REGION', code: region }] });
    }
  }
  for (const actorId of ['anct', 'ccomptes']) await ok(REGISTER, { actorId, kind: 'NATIONAL_BODY', name: actorId, territories: [] });

  for (const region of [REGION.own, REGION.other]) {
    const commune = COMMUNE[region];
    await ok(`mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { revision } }`, {
      commitmentId: `c-${region}`,
      committingActorId: `op-${region}`,
      subject: 'FIXED_COVERAGE',
      title: `FttH ${commune}`,
      target: { quantity: 100, unit: 'FTTH_PREMISES' },
      territories: [{ kind: 'COMMUNE', code: commune }],
      dueDate: '2040-12-31',
    });
    await ok(`mutation($input: DraftConventionInput!) { draftConvention(input: $input) { revision } }`, {
      conventionId: `conv-${region}`,
      kind: 'CPSD',
      title: `CPSD ${region}`,
      parties: [{ actorId: `op-${region}` }, { actorId: `region-${region}` }],
      documentHash: 'a'.repeat(64),
      scope: [commune],
    });
    await ok(`mutation($input: RegisterNetworkProjectInput!) { registerNetworkProject(input: $input) { revision } }`, {
      projectId: `np-${region}`,
      name: `RIP ${region}`,
      leadActorId: `region-${region}`,
      departementCodes: [DEPARTEMENT[region]],
      technologies: ['FTTH'],
    });
    await ok(`mutation($input: RegisterUsageProjectInput!) { registerUsageProject(input: $input) { revision } }`, {
      projectId: `up-${region}`,
      title: `Usages ${region}`,
      carryingActorId: `region-${region}`,
      domain: 'EDUCATION',
      priorityLevel: 'REGIONAL',
      territories: [{ kind: 'COMMUNE', code: commune }],
    });
    await ok(`mutation($input: RecordWhiteZoneInput!) { recordWhiteZone(input: $input) { revision } }`, {
      zoneId: `wz-${region}`,
      kind: 'FIXED_BELOW_THRESHOLD',
      communeCodes: [commune],
      identifiedOn: '2020-01-15',
      prioritySites: { schools: 1 },
    });
    await ok(`mutation($input: SetCommuneZoneInput!) { setCommuneZone(input: $input) { revision } }`, {
      communeCode: commune,
      zone: 'AMII',
      operatorId: `op-${region}`,
      effectiveFrom: '2020-01-01',
    });
    await ok(`mutation($input: RecordOperatorCommitmentsInput!) { recordOperatorCommitments(input: $input) { revision } }`, {
      setId: `ocs-${region}`,
      reference: `Lettre d'engagement ${region}`,
      operatorId: `op-${region}`,
      legalBasis: 'L33_13_BINDING',
      communes: [{ communeCode: commune, premises: 100, dueDate: '2040-12-31' }],
    });
    await ok(`mutation($input: ConstituteCommissionInput!) { constituteCommission(input: $input) { revision } }`, {
      regionCode: region,
      prefectActorId: `sgar-${region}`,
      regionActorId: `region-${region}`,
      secretariatActorId: `sgar-${region}`,
      members: [`sgar-${region}`, `region-${region}`, `op-${region}`].map((actorId) => ({ actorId, representatives: [`p-${actorId}`] })),
      rules: { mode: 'CONSENSUS' },
    });
    await ok(`mutation($input: ConveneMeetingInput!) { conveneMeeting(input: $input) { revision } }`, {
      meetingId: `m-${region}`,
      regionCode: region,
      date: '2040-01-15',
      place: 'Hôtel de Région',
      agenda: [{ itemId: 'x', title: 'Point' }],
    });
  }
  return { admin };
}

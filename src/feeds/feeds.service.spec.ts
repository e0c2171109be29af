import { GraphQLError } from 'graphql';
import { TerritoryService } from '../territory/territory.service.js';
import type { CalendarItem, DatedItem, FeedScope, FeedsReadModel, NetworkProjectFigures } from './feeds.read-model.js';
import { FeedsService, MAX_FEED_ITEMS } from './feeds.service.js';

const item = (date: string, kind: CalendarItem['kind'], uid: string): DatedItem => ({
  uid,
  date,
  kind,
  subject: { kind: 'commitment_due', commitment: uid, committingActorId: 'cd-44' },
  recordId: uid,
  streamId: uid,
  status: 'due',
  territoryCodes: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** A read model returning fixed rows and remembering the scope it was asked for. */
function stub(items: DatedItem[], projects: NetworkProjectFigures[] = []) {
  const calls: { from: string; to: string; scope: FeedScope }[] = [];
  const readModel = {
    calendarItems: (from: string, to: string, scope: FeedScope) => (calls.push({ from, to, scope }), [...items]),
    unitFigures: () => new Map(),
    networkProjectsOn: (codes: readonly string[]) => projects.filter((p) => p.departementCodes.some((c) => codes.includes(c))),
  } as unknown as FeedsReadModel;
  return { readModel, calls };
}

const fieldsOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return [(error as GraphQLError).extensions.code, (error as GraphQLError).extensions.fields];
  }
  throw new Error('expected a rejection');
};

describe('FeedsService', () => {
  const territories = new TerritoryService();
  beforeAll(() => territories.load());

  it('orders by date, then kind (milestones before due dates before signatures...), then uid', () => {
    const { readModel } = stub([
      item('2026-02-01', 'commitment_due', 'b'),
      item('2026-01-01', 'commission_meeting', 'z'),
      item('2026-02-01', 'network_milestone', 'c'),
      item('2026-02-01', 'commitment_due', 'a'),
    ]);
    expect(new FeedsService(readModel, territories).calendar({ from: '2026-01-01', to: '2026-12-31' }).map((i) => i.uid)).toEqual(['z', 'c', 'a', 'b']);
  });

  it('checks dates, order, the 10-year range and official codes, naming the field', () => {
    const feeds = new FeedsService(stub([]).readModel, territories);
    expect(fieldsOf(() => feeds.calendar({ from: '2026-13-01', to: '2026-12-31' }))).toEqual(['BAD_USER_INPUT', ['from']]);
    expect(fieldsOf(() => feeds.calendar({ from: '2026-01-01', to: '2026-02-30' }))).toEqual(['BAD_USER_INPUT', ['to']]);
    expect(fieldsOf(() => feeds.calendar({ from: '2026-01-02', to: '2026-01-01' }))).toEqual(['BAD_USER_INPUT', ['to']]);
    expect(fieldsOf(() => feeds.calendar({ from: '2016-02-29', to: '2026-03-01' }))).toEqual(['BAD_USER_INPUT', ['to']]);
    expect(feeds.calendar({ from: '2016-02-29', to: '2026-02-28' })).toEqual([]);
    expect(fieldsOf(() => feeds.calendar({ from: '2026-01-01', to: '2026-12-31', territory: { kind: 'commune', code: '75101' } }))).toEqual([
      'BAD_USER_INPUT',
      ['territory.code'],
    ]);
  });

  it('refuses a calendar above the bound instead of truncating it', () => {
    const many = Array.from({ length: MAX_FEED_ITEMS + 1 }, (_, i) => item('2026-01-01', 'commitment_due', `c${i}`));
    expect(fieldsOf(() => new FeedsService(stub(many).readModel, territories).calendar({ from: '2026-01-01', to: '2026-12-31' }))).toEqual([
      'BAD_USER_INPUT',
      ['from', 'to'],
    ]);
    expect(new FeedsService(stub(many.slice(1)).readModel, territories).calendar({ from: '2026-01-01', to: '2026-12-31' })).toHaveLength(MAX_FEED_ITEMS);
  });

  it('scopes network projects by département: a region’s départements, the département, none for a commune', () => {
    const { readModel, calls } = stub([]);
    const feeds = new FeedsService(readModel, territories);
    feeds.calendar({ from: '2026-01-01', to: '2026-12-31', territory: { kind: 'region', code: '52' } });
    feeds.calendar({ from: '2026-01-01', to: '2026-12-31', territory: { kind: 'departement', code: '44' } });
    feeds.calendar({ from: '2026-01-01', to: '2026-12-31', territory: { kind: 'commune', code: '44109' } });
    feeds.calendar({ from: '2026-01-01', to: '2026-12-31' });
    expect(calls.map((c) => c.scope.departements)).toEqual([['44', '49', '53', '72', '85'], ['44'], [], undefined]);
  });

  it('attributes a multi-départemental project to each of its départements, premises split so the sum is the project figure', () => {
    const { readModel } = stub(
      [],
      [
        { id: 'a', departementCodes: ['85', '44', '49'], ftthPremisesPlanned: 100, ftthPremisesConnectable: null },
        { id: 'b', departementCodes: ['44'], ftthPremisesPlanned: 7, ftthPremisesConnectable: 5 },
      ],
    );
    const features = new FeedsService(readModel, territories).map({ kind: 'region', code: '52' }).features;
    const byCode = Object.fromEntries(features.map((f) => [f.code, [f.networkProjects, f.ftthPremisesPlanned, f.ftthPremisesConnectable]]));
    expect(byCode).toEqual({ '44': [2, 34 + 7, 5], '49': [1, 33, null], '53': [0, null, null], '72': [0, null, null], '85': [1, 33, null] });
    expect(features.reduce((sum, f) => sum + (f.ftthPremisesPlanned ?? 0), 0)).toBe(107);
  });

  it('maps a département per commune, an EPCI per member commune, the country per département', () => {
    const feeds = new FeedsService(stub([]).readModel, territories);
    const communes = feeds.map({ kind: 'departement', code: '44' });
    expect(communes.level).toBe('commune');
    expect(communes.features.length).toBe(territories.communesOfDepartement('44').length);
    expect(communes.features.every((f) => f.networkProjects === null && f.departementCode === '44')).toBe(true);
    expect(feeds.map({ kind: 'epci', code: '244400404' }).features.map((f) => f.code)).toContain('44109');
    const country = feeds.map(undefined);
    expect(country.level).toBe('departement');
    expect(country.features).toHaveLength(101);
    expect(fieldsOf(() => feeds.map(undefined, 'commune'))).toEqual(['BAD_USER_INPUT', ['level']]);
  });
});

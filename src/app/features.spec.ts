import { isEventOf, type EventFilter } from '../event-store/event-store.js';
import { EntityStates } from '../runtime/entity-states.js';
import { TerritoryService } from '../territory/territory.service.js';
import { CODE_FIELDS_OF_FEATURES, FEATURES } from './features.js';
import { PROJECT_KINDS } from '../milestones/milestone.model.js';
import { declaredCodeFields, stream } from '../runtime/feature.js';
import type { Decider } from '../decider/decider.js';
import { reportSections } from './report-sections.js';

const needs = { territories: new TerritoryService(), codeFields: CODE_FIELDS_OF_FEATURES };
const accepts = (filter: EventFilter | undefined, category: string, type: string) =>
  (!filter?.categories || filter.categories.includes(category)) && (!filter?.eventTypes || filter.eventTypes.includes(type));

/** Categories with no read model of their own: the seal log is read from the store (IntegrityService). */
const READ_FROM_THE_STORE = new Set(['seal']);

const streams = FEATURES.flatMap((feature) => feature.streams.map((stream) => ({ feature, stream })));
const everyEvent = streams.flatMap(({ feature, stream }) => stream.eventTypes.map((type) => ({ feature: feature.name, category: stream.category, type })));

describe('The features list', () => {
  it('names each feature and each stream category once', () => {
    const names = FEATURES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    const categories = streams.map(({ stream }) => stream.category);
    expect(new Set(categories).size).toBe(categories.length);
    // The list's features are the app's: no feature module left out of it.
    expect(new Set(FEATURES.map((f) => f.module)).size).toBe(FEATURES.length);
  });

  it('gives every stream category a decider that time travel folds with', () => {
    const states = new EntityStates();
    for (const { stream } of streams) stream.registerFold(states);
    for (const { stream } of streams) expect(states.has(stream.category)).toBe(true);
    expect(states.categories()).toEqual(streams.map(({ stream }) => stream.category).sort());
  });

  it.each(everyEvent)('projects $type ($category, $feature) in a read model of its feature', ({ feature, category, type }) => {
    if (READ_FROM_THE_STORE.has(category)) return;
    const own = FEATURES.find((f) => f.name === feature)!.projections(needs);
    expect(own.filter((projection) => accepts(projection.filter, category, type)).map((p) => p.name)).not.toEqual([]);
  });

  it('sends every event of every decider to the audit projection', () => {
    const audit = FEATURES.flatMap((f) => f.projections(needs)).find((p) => p.name === 'audit')!;
    for (const { category, type } of everyEvent) expect(accepts(audit.filter, category, type)).toBe(true);
  });

  it('declares the territory code fields of every category whose events carry them', () => {
    type Event = { type: 'SiteListed'; data: { regionCode: string; sites: { communeCode: string }[] } };
    const decider: Pick<Decider<never, Event, null>, 'events' | 'initialState' | 'evolve'> = {
      events: isEventOf<Event>({ SiteListed: true }),
      initialState: () => null,
      evolve: () => null,
    };
    // @ts-expect-error -- its events carry codes (regionCode, communeCode) it does not declare: the compiler refuses it
    expect(stream('site', decider).codeFields).toEqual({});
    // @ts-expect-error -- one declared, one left out
    expect(stream('site', decider, { regionCode: 'region' }).codeFields).toEqual({ regionCode: 'region' });
    const declared = stream('site', decider, { regionCode: 'region', communeCode: 'commune' });
    expect(declared.codeFields).toEqual({ regionCode: 'region', communeCode: 'commune' });
    // The categories known to carry codes declare them (the audit's region filter and the region scope read these).
    const of = (category: string) => streams.find(({ stream }) => stream.category === category)!.stream.codeFields;
    expect(of('commission')).toEqual({ regionCode: 'region' });
    expect(of('convention')).toMatchObject({ scope: 'commune' });
    expect(of('report')).toEqual({ region: 'region' });
    expect(Object.keys(CODE_FIELDS_OF_FEATURES).sort()).toEqual(
      ['communeCode', 'communeCodes', 'communes', 'departementCodes', 'region', 'regionCode', 'scope'].sort(),
    );
  });

  it("takes a category's event types from its decider's guard, whose one list the compiler holds to the decider's union", () => {
    type Listed = { type: 'SiteListed'; data: { name: string } };
    type Event = Listed | { type: 'SiteClosed'; data: { name: string } };
    const isSiteEvent = isEventOf<Event>({ SiteListed: true, SiteClosed: true });
    expect(stream('site', { events: isSiteEvent, initialState: () => null, evolve: (state: null, _: Event) => state }).eventTypes).toEqual([
      'SiteListed',
      'SiteClosed',
    ]);
    // @ts-expect-error -- a list that leaves out one of the union's events
    expect(isEventOf<Event>({ SiteListed: true }).types).toEqual({ SiteListed: true });
    // @ts-expect-error -- a list that names an event of no union
    expect(isEventOf<Event>({ SiteListed: true, SiteClosed: true, SiteMoved: true }).types).toHaveProperty('SiteMoved');
    // @ts-expect-error -- a decider whose guard leaves out one of its events
    const partial: Pick<Decider<never, Event, null>, 'events'> = { events: isEventOf<Listed>({ SiteListed: true }) };
    expect(partial.events.types).toEqual({ SiteListed: true });
  });

  it('refuses one code field holding two kinds of codes', () => {
    const a = { category: 'a', eventTypes: [], registerFold: () => undefined, codeFields: { code: 'region' } } as const;
    expect(() => declaredCodeFields([a, { ...a, category: 'b', codeFields: { code: 'commune' } }])).toThrow(
      'Code field code of b holds commune codes, elsewhere region',
    );
  });

  it('declares the milestones of each kind of project once, in its feature', () => {
    const kinds = FEATURES.flatMap((feature) => (feature.milestones ? [feature.milestones.kind] : []));
    expect(kinds.sort()).toEqual([...PROJECT_KINDS].sort());
  });

  it('builds the report from the sections of the features, in the list order', () => {
    expect(reportSections({ commitments: { atRiskThreshold: 0.1, breachGraceDays: 0, lapseCheckMinutes: 60 } }).map((s) => s.key)).toEqual([
      'network-projects',
      'conventions',
      'commitments',
      'operator-commitments',
      'white-zones',
      'usage-projects',
      'concertation',
    ]);
  });
});

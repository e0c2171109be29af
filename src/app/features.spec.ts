import type { EventFilter } from '../event-store/event-store.js';
import { EntityStates } from '../runtime/entity-states.js';
import { TerritoryService } from '../territory/territory.service.js';
import { FEATURES } from './features.js';
import { reportSections } from './report-sections.js';

const territories = new TerritoryService();
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
    const own = FEATURES.find((f) => f.name === feature)!.projections({ territories });
    expect(own.filter((projection) => accepts(projection.filter, category, type)).map((p) => p.name)).not.toEqual([]);
  });

  it('sends every event of every decider to the audit projection', () => {
    const audit = FEATURES.flatMap((f) => f.projections({ territories })).find((p) => p.name === 'audit')!;
    for (const { category, type } of everyEvent) expect(accepts(audit.filter, category, type)).toBe(true);
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

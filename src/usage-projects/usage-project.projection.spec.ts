import { givenEvents } from '../../test/fixtures/projection-spec.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { UsageProjectEvent } from './usage-project.decider.js';
import { usageProjectsProjection } from './usage-project.projection.js';

describe('usage projects projection', () => {
  const projection = usageProjectsProjection(new TerritoryService());
  const streamId = 'usageProject-u-1';
  const registered: UsageProjectEvent & { streamId: string } = {
    streamId,
    type: 'UsageProjectRegistered',
    data: {
      projectId: 'u-1',
      title: 'Télémédecine en Morvan',
      domain: 'health',
      priorityLevel: 'regional',
      innovativeTerritory: true,
      nationalCallReference: null,
      carryingActorId: 'dep-58',
      partnerIds: ['chu-21'],
      territories: [{ kind: 'departement', code: '58' }],
      registeredOn: '2026-02-01',
    },
  };

  it('registers a project with its carrier and partners, and the territories enclosing its own', () => {
    const then = givenEvents(projection, [registered]);
    expect(then.rows('SELECT id, domain, priority_level, innovative_territory, status, revision FROM usage_projects')).toEqual([
      { id: 'u-1', domain: 'health', priority_level: 'regional', innovative_territory: 1, status: 'active', revision: 0 },
    ]);
    expect(then.rows('SELECT actor_id FROM usage_project_actors ORDER BY actor_id')).toEqual([{ actor_id: 'chu-21' }, { actor_id: 'dep-58' }]);
    expect(then.rows('SELECT kind, code FROM usage_project_territories ORDER BY kind')).toEqual([
      { kind: 'departement', code: '58' },
      { kind: 'region', code: '27' },
    ]);
  });

  it('writes its milestones to the usage milestone tables and completes or abandons the project', () => {
    const completed = givenEvents(projection, [
      registered,
      { streamId, type: 'MilestoneAdded', data: { projectId: 'u-1', key: 'pilot', label: 'Pilote', order: 1 } },
      { streamId, type: 'MilestonePlanned', data: { projectId: 'u-1', key: 'pilot', date: '2026-05-01' } },
      { streamId, type: 'UsageProjectCompleted', data: { projectId: 'u-1', completedOn: '2026-12-01' } },
    ]);
    expect(completed.rows('SELECT key, status, planned_date FROM usage_project_milestones')).toEqual([
      { key: 'pilot', status: 'planned', planned_date: '2026-05-01' },
    ]);
    expect(completed.rows('SELECT status, completed_on, abandoned_reason, revision FROM usage_projects')).toEqual([
      { status: 'completed', completed_on: '2026-12-01', abandoned_reason: null, revision: 3 },
    ]);
    const abandoned = givenEvents(projection, [registered, { streamId, type: 'UsageProjectAbandoned', data: { projectId: 'u-1', reason: 'financement' } }]);
    expect(abandoned.rows('SELECT status, abandoned_reason, revision FROM usage_projects')).toEqual([
      { status: 'abandoned', abandoned_reason: 'financement', revision: 1 },
    ]);
  });
});

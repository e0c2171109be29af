import { givenEvents } from '../../test/fixtures/projection-spec.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { CommitmentEvent } from './commitment.decider.js';
import { commitmentsProjection } from './commitment.projection.js';

describe('commitments projection', () => {
  const projection = commitmentsProjection(new TerritoryService());
  const streamId = 'commitment-c-1';
  const made: CommitmentEvent & { streamId: string } = {
    streamId,
    type: 'CommitmentMade',
    data: {
      commitmentId: 'c-1',
      committingActorId: 'op-1',
      subject: 'fixed_coverage',
      title: 'Fibre en Côte-d’Or',
      target: { quantity: 1000, unit: 'ftth_premises' },
      territories: [{ kind: 'departement', code: '21' }],
      dueDate: '2027-12-31',
      madeOn: '2026-01-01',
      stemsFrom: { kind: 'convention', conventionId: 'conv-1' },
    },
  };

  it('records a commitment with its first version, its territories and the convention it stems from', () => {
    const then = givenEvents<CommitmentEvent>(projection, [made]);
    expect(then.rows('SELECT id, status, target_quantity, target_unit, due_date, made_event_id, revision FROM commitments')).toEqual([
      { id: 'c-1', status: 'active', target_quantity: 1000, target_unit: 'ftth_premises', due_date: '2027-12-31', made_event_id: 'event-0', revision: 0 },
    ]);
    expect(then.rows('SELECT revision, target_quantity, reason FROM commitment_versions')).toEqual([{ revision: 0, target_quantity: 1000, reason: null }]);
    expect(then.rows('SELECT convention_id, commitment_id FROM commitment_conventions')).toEqual([{ convention_id: 'conv-1', commitment_id: 'c-1' }]);
  });

  it('keeps every revision and report, takes only a superseding figure as current, and ends the commitment', () => {
    const then = givenEvents<CommitmentEvent>(projection, [
      made,
      {
        streamId,
        type: 'CommitmentRevised',
        data: {
          commitmentId: 'c-1',
          target: { quantity: 1200, unit: 'ftth_premises' },
          dueDate: '2028-06-30',
          previousTarget: { quantity: 1000, unit: 'ftth_premises' },
          previousDueDate: '2027-12-31',
          reason: 'avenant',
        },
      },
      {
        streamId,
        type: 'CommitmentProgressReported',
        data: { commitmentId: 'c-1', value: 400, asOf: '2026-06-30', source: 'declared', note: null, supersedesCurrent: true },
      },
      {
        streamId,
        type: 'CommitmentProgressReported',
        data: { commitmentId: 'c-1', value: 390, asOf: '2026-06-30', source: 'audit', note: 'écart', supersedesCurrent: false },
      },
      { streamId, type: 'CommitmentBreached', data: { commitmentId: 'c-1', reason: 'retard', declaredBy: null, dueDate: '2028-06-30' } },
    ]);
    expect(then.rows('SELECT status, ended_reason, target_quantity, due_date, current_value, revision FROM commitments')).toEqual([
      { status: 'breached', ended_reason: 'retard', target_quantity: 1200, due_date: '2028-06-30', current_value: 400, revision: 4 },
    ]);
    expect(then.rows('SELECT revision, reason FROM commitment_versions ORDER BY revision')).toEqual([
      { revision: 0, reason: null },
      { revision: 1, reason: 'avenant' },
    ]);
    expect(then.rows('SELECT value, source FROM commitment_progress ORDER BY revision')).toEqual([
      { value: 400, source: 'declared' },
      { value: 390, source: 'audit' },
    ]);
  });
});

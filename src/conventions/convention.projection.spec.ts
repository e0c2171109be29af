import { givenEvents } from '../../test/fixtures/projection-spec.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { ConventionEvent } from './convention.decider.js';
import { conventionsProjection } from './convention.projection.js';

describe('conventions projection', () => {
  const projection = conventionsProjection(new TerritoryService());
  const streamId = 'convention-c-1';
  const conventionId = 'c-1';
  const hash = (c: string) => c.repeat(64);
  const drafted: ConventionEvent & { streamId: string } = {
    streamId,
    type: 'ConventionDrafted',
    data: {
      conventionId,
      kind: 'cpsd',
      title: 'CPSD Dijon',
      parties: [
        { actorId: 'op-1', signaturesRequired: 1, localAuthority: false },
        { actorId: 'dep-21', signaturesRequired: 1, localAuthority: true },
      ],
      documentHash: hash('a'),
      scope: ['21231'],
      calendar: [{ communeCode: '21231', plannedPremises: 500, plannedDate: '2027-06-30' }],
      endsOn: '2030-12-31',
      draftedOn: '2026-01-20',
    },
  };
  const signed = (partyId: string, version = 1): ConventionEvent & { streamId: string } => ({
    streamId,
    type: 'ConventionSigned',
    data: {
      conventionId,
      version,
      documentHash: hash('a'),
      partyId,
      signatory: { personId: `p-${partyId}`, title: 'Directeur' },
      place: 'Dijon',
      signedOn: '2026-02-01',
      councilResolution: null,
    },
  });

  it('drafts a convention with its first version, its parties in order and the territories of its scope', () => {
    const then = givenEvents(projection, [drafted]);
    expect(then.rows('SELECT id, kind, status, current_version, in_force_version, ends_on, revision, position FROM conventions')).toEqual([
      { id: 'c-1', kind: 'cpsd', status: 'draft', current_version: 1, in_force_version: null, ends_on: '2030-12-31', revision: 0, position: '1' },
    ]);
    expect(then.rows('SELECT version, document_hash, proposed_on FROM convention_versions')).toEqual([
      { version: 1, document_hash: hash('a'), proposed_on: '2026-01-20' },
    ]);
    expect(then.rows('SELECT party_id, position, local_authority FROM convention_parties ORDER BY position')).toEqual([
      { party_id: 'op-1', position: 0, local_authority: 0 },
      { party_id: 'dep-21', position: 1, local_authority: 1 },
    ]);
    expect(then.rows("SELECT code FROM convention_territories WHERE kind = 'region'")).toEqual([{ code: '27' }]);
  });

  it('is partially signed after one signature, in force after the last, then amended and terminated', () => {
    const then = givenEvents(projection, [
      drafted,
      signed('op-1'),
      signed('dep-21'),
      { streamId, type: 'ConventionEnteredIntoForce', data: { conventionId, version: 1, documentHash: hash('a'), on: '2026-02-02', amendment: false } },
      {
        streamId,
        type: 'ConventionAmendmentProposed',
        data: { conventionId, version: 2, documentHash: hash('b'), summary: 'Avenant 1', proposedBy: 'op-1', proposedOn: '2026-05-01' },
      },
    ]);
    expect(then.rows('SELECT status, current_version, in_force_version, revision FROM conventions')).toEqual([
      { status: 'amendment_pending', current_version: 2, in_force_version: 1, revision: 4 },
    ]);
    expect(then.rows('SELECT version, in_force_on, summary FROM convention_versions ORDER BY version')).toEqual([
      { version: 1, in_force_on: '2026-02-02', summary: null },
      { version: 2, in_force_on: null, summary: 'Avenant 1' },
    ]);
    expect(then.rows('SELECT party_id, revision, person_id FROM convention_signatures ORDER BY revision')).toEqual([
      { party_id: 'op-1', revision: 1, person_id: 'p-op-1' },
      { party_id: 'dep-21', revision: 2, person_id: 'p-dep-21' },
    ]);
    const partial = givenEvents(projection, [drafted, signed('op-1')]);
    expect(partial.rows('SELECT status FROM conventions')).toEqual([{ status: 'partially_signed' }]);
    const ended = givenEvents(projection, [
      drafted,
      { streamId, type: 'ConventionTerminated', data: { conventionId, reason: 'résiliation', on: '2026-03-01' } },
    ]);
    expect(ended.rows('SELECT status, ended_on, ended_reason FROM conventions')).toEqual([
      { status: 'terminated', ended_on: '2026-03-01', ended_reason: 'résiliation' },
    ]);
    const expired = givenEvents(projection, [drafted, { streamId, type: 'ConventionExpired', data: { conventionId, on: '2030-12-31' } }]);
    expect(expired.rows('SELECT status, ended_on, ended_reason FROM conventions')).toEqual([{ status: 'expired', ended_on: '2030-12-31', ended_reason: null }]);
  });

  it('follows a default of a party from its notification to its referral, decision and resolution', () => {
    const notified: ConventionEvent & { streamId: string } = {
      streamId,
      type: 'ConventionDefaultNotified',
      data: { conventionId, defaultId: 'd-1', defaultingPartyId: 'op-1', description: 'retard', notifiedBy: 'dep-21', notifiedOn: '2026-04-01' },
    };
    const stages = (events: (ConventionEvent & { streamId: string })[]) =>
      givenEvents(projection, [drafted, notified, ...events]).rows('SELECT stage, referred_by, decision_id, resolution FROM convention_defaults');
    expect(stages([])).toEqual([{ stage: 'notified', referred_by: null, decision_id: null, resolution: null }]);
    const referred: ConventionEvent & { streamId: string } = {
      streamId,
      type: 'ConventionDefaultReferred',
      data: { conventionId, defaultId: 'd-1', referredBy: 'dep-21' },
    };
    expect(stages([referred])).toEqual([{ stage: 'referred_to_commission', referred_by: 'dep-21', decision_id: null, resolution: null }]);
    const decided: ConventionEvent & { streamId: string } = {
      streamId,
      type: 'ConventionDefaultDecided',
      data: { conventionId, defaultId: 'd-1', decisionId: 'dec-1', meetingId: 'm-1', outcome: 'formal_default' },
    };
    expect(stages([referred, decided])).toEqual([{ stage: 'formal_default', referred_by: 'dep-21', decision_id: 'dec-1', resolution: null }]);
    const resolved: ConventionEvent & { streamId: string } = {
      streamId,
      type: 'ConventionDefaultResolved',
      data: { conventionId, defaultId: 'd-1', resolution: 'rattrapé' },
    };
    expect(stages([referred, decided, resolved])).toEqual([{ stage: 'resolved', referred_by: 'dep-21', decision_id: 'dec-1', resolution: 'rattrapé' }]);
  });
});

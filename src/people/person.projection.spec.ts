import { givenEvents } from '../../test/fixtures/projection-spec.js';
import type { PersonEvent } from './person.decider.js';
import { peopleProjection } from './person.projection.js';

describe('people projection', () => {
  const streamId = 'person-p-1';
  // The fields arrive sealed (ciphertext); the projection stores them as they are.
  const registered: PersonEvent & { streamId: string } = {
    streamId,
    type: 'PersonRegistered',
    data: {
      personId: 'p-1',
      keyId: 'k-1',
      keyVersion: 1,
      registeredBy: 'sgar',
      fields: { name: 'sealed:name', title: 'sealed:title', email: null, phone: null },
    },
  };

  it('registers a person with the sealed fields and updates only the fields an update carries', () => {
    const then = givenEvents(peopleProjection, [registered, { streamId, type: 'PersonUpdated', data: { personId: 'p-1', fields: { email: 'sealed:email' } } }]);
    expect(then.rows('SELECT id, key_id, name_sealed, title_sealed, email_sealed, phone_sealed, erased, revision FROM people')).toEqual([
      {
        id: 'p-1',
        key_id: 'k-1',
        name_sealed: 'sealed:name',
        title_sealed: 'sealed:title',
        email_sealed: 'sealed:email',
        phone_sealed: null,
        erased: 0,
        revision: 1,
      },
    ]);
  });

  it('clears every sealed field on erasure and keeps the legal reason', () => {
    const then = givenEvents(peopleProjection, [
      registered,
      { streamId, type: 'PersonErased', data: { personId: 'p-1', keyId: 'k-1', keyVersion: 1, legalReason: 'droit à l’effacement (RGPD art. 17)' } },
    ]);
    expect(then.rows('SELECT name_sealed, title_sealed, erased, erasure_reason, revision FROM people')).toEqual([
      { name_sealed: null, title_sealed: null, erased: 1, erasure_reason: 'droit à l’effacement (RGPD art. 17)', revision: 1 },
    ]);
  });
});

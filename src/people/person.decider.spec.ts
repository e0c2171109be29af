import { specificationOf } from '../decider/given-when-then.js';
import type { Role } from '../shared/principal.js';
import { newDataKey, seal } from './personal-data-crypto.js';
import { personDecider, type PersonCommand, type PersonEvent, type SealedFields } from './person.decider.js';

const spec = specificationOf(personDecider);
const as = (role: Role, actorId = 'sgar-52') => ({ actorId, role });
const admin = as('admin');
const key = newDataKey();
const otherKey = newDataKey();
const sealed = (text: string, field: string, k = key) => seal(k, text, `p-1/${field}`);
const fields: SealedFields = { name: sealed('Hélène Martin', 'name'), title: sealed('Directrice', 'title'), email: null, phone: null };

const register = (principal = admin, f: SealedFields = fields): PersonCommand => ({
  type: 'RegisterPerson',
  principal,
  personId: 'p-1',
  keyId: key.keyId,
  keyVersion: key.version,
  fields: f,
});
const registered: PersonEvent = {
  type: 'PersonRegistered',
  data: { personId: 'p-1', keyId: key.keyId, keyVersion: 1, registeredBy: 'sgar-52', fields },
};
const erased: PersonEvent = {
  type: 'PersonErased',
  data: { personId: 'p-1', keyId: key.keyId, keyVersion: 1, legalReason: 'RGPD art. 17(1)(b): consent withdrawn' },
};
const update = (f: Partial<SealedFields>, principal = admin): PersonCommand => ({ type: 'UpdatePerson', principal, fields: f });
const erase = (principal = admin, legalReason = 'RGPD art. 17(1)(b): consent withdrawn'): PersonCommand => ({ type: 'ErasePerson', principal, legalReason });

describe('People registry', () => {
  describe('registering', () => {
    it('records the sealed fields, the key reference and who registered', () => {
      spec.given([]).when(register()).then([registered]);
      spec
        .given([])
        .when(register(as('representative', 'gigalis')))
        .then([{ ...registered, data: { ...registered.data, registeredBy: 'gigalis' } }]);
    });

    it('is for admins, the commission secretariat and representatives', () => {
      spec
        .given([])
        .when(register(as('commission_secretariat')))
        .then([registered]);
      spec
        .given([])
        .when(register(as('auditor')))
        .thenRejects('forbidden');
      spec
        .given([])
        .when(register(as('national_body')))
        .thenRejects('forbidden');
    });

    it('refuses plaintext, envelopes of another key and a missing name', () => {
      expect(
        spec
          .given([])
          .when(register(admin, { ...fields, title: 'Directrice' }))
          .thenRejects('invalid', /sealed/).fields,
      ).toEqual(['title']);
      expect(
        spec
          .given([])
          .when(register(admin, { ...fields, name: sealed('X', 'name', otherKey) }))
          .thenRejects('invalid').fields,
      ).toEqual(['name']);
      spec
        .given([])
        .when(register(admin, { ...fields, name: null as unknown as string }))
        .thenRejects('invalid', /name/);
    });

    it('refuses a person registered twice, or registered again after erasure', () => {
      spec
        .given([registered])
        .when(register())
        .thenRejects('conflict', /already registered/);
      spec
        .given([registered, erased])
        .when(register())
        .thenRejects('conflict', /erased/);
    });
  });

  describe('updating', () => {
    const email = sealed('h.martin@example.fr', 'email');
    it('records only the fields given, clearing with null', () => {
      spec
        .given([registered])
        .when(update({ email, title: null }))
        .then([{ type: 'PersonUpdated', data: { personId: 'p-1', fields: { title: null, email } } }]);
    });

    it('needs at least one field, never clears the name, and only accepts envelopes of the person key', () => {
      spec
        .given([registered])
        .when(update({}))
        .thenRejects('invalid', /at least one/);
      spec
        .given([registered])
        .when(update({ name: null as unknown as string }))
        .thenRejects('invalid', /name/);
      spec
        .given([registered])
        .when(update({ email: seal(otherKey, 'x@y.fr', 'p-1/email') }))
        .thenRejects('invalid', /sealed/);
    });

    it('may be done by an admin, the secretariat or the registering actor, not another representative', () => {
      const byGigalis: PersonEvent = { ...registered, data: { ...registered.data, registeredBy: 'gigalis' } };
      spec
        .given([byGigalis])
        .when(update({ email }, as('representative', 'gigalis')))
        .then([{ type: 'PersonUpdated', data: { personId: 'p-1', fields: { email } } }]);
      spec
        .given([byGigalis])
        .when(update({ email }, as('commission_secretariat')))
        .then([{ type: 'PersonUpdated', data: { personId: 'p-1', fields: { email } } }]);
      spec
        .given([byGigalis])
        .when(update({ email }, as('representative', 'region-52')))
        .thenRejects('forbidden');
      spec
        .given([byGigalis])
        .when(update({ email }, as('auditor')))
        .thenRejects('forbidden');
    });

    it('refuses an unknown or erased person', () => {
      spec.given([]).when(update({ email })).thenRejects('notFound');
      spec
        .given([registered, erased])
        .when(update({ email }))
        .thenRejects('conflict', /erased/);
    });
  });

  describe('erasing', () => {
    it('records the erasure with its legal reason and the key to destroy', () => {
      spec.given([registered]).when(erase(admin, '  RGPD art. 17(1)(b):   consent withdrawn ')).then([erased]);
      spec.given([registered]).when(erase()).thenState({ status: 'erased', personId: 'p-1', keyId: key.keyId, keyVersion: 1, registeredBy: 'sgar-52' });
    });

    it('is for admins only', () => {
      for (const role of ['representative', 'commission_secretariat', 'national_body', 'auditor'] as const) {
        spec
          .given([registered])
          .when(erase(as(role)))
          .thenRejects('forbidden');
      }
    });

    it('requires a legal reason', () => {
      expect(
        spec
          .given([registered])
          .when(erase(admin, '   '))
          .thenRejects('invalid', /legal reason/).fields,
      ).toEqual(['legalReason']);
      spec.given([registered]).when(erase(admin, 'because')).thenRejects('invalid');
      spec
        .given([registered])
        .when(erase(admin, 'x'.repeat(1001)))
        .thenRejects('invalid');
    });

    it('refuses an unknown or already erased person', () => {
      spec.given([]).when(erase()).thenRejects('notFound');
      spec
        .given([registered, erased])
        .when(erase())
        .thenRejects('conflict', /already erased/);
    });
  });
});

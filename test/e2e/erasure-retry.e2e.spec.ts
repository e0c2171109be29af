/** Fault injection: a registration retried after the person was erased, with the same and with another name. */
import { codesOf, newCommandId, registerPrincipals, startTestService, type TestService } from './harness.js';

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { revision replayed person { id name erased } } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { revision } }`;
const ERASE = `mutation($input: ErasePersonInput!) { erasePerson(input: $input) { revision replayed } }`;

describe('Retrying a registration after erasure', () => {
  let service: TestService;
  let admin: string;
  let representative: string;

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52', 'gigalis');
    admin = await service.token('sgar-52', 'admin');
    representative = await service.token('gigalis', 'representative');
  });
  afterAll(() => service.close());

  it('answers CONFLICT, as documented, whatever the name, and records nothing', async () => {
    const commandId = newCommandId();
    const updateId = newCommandId();
    const input = { commandId, personId: 'pmb', name: 'Paul-Marie Bréhat', title: 'Chargé de mission' };
    const first = await service.graphql(REGISTER, { input }, representative);
    expect(first.body.data!.registerPerson).toMatchObject({ replayed: false, revision: 0 });
    // Before erasure a retry is a replay and another name a reused id.
    expect((await service.graphql(REGISTER, { input }, representative)).body.data!.registerPerson.replayed).toBe(true);
    expect(codesOf(await service.graphql(REGISTER, { input: { ...input, name: 'Someone Else' } }, representative))).toEqual(['CONFLICT']);
    const updated = await service.graphql(UPDATE, { input: { commandId: updateId, personId: 'pmb', title: 'Directeur' } }, representative);
    expect(updated.body.errors).toBeUndefined();

    const erased = await service.graphql(ERASE, { input: { commandId: newCommandId(), personId: 'pmb', legalReason: 'RGPD art. 17: demande écrite' } }, admin);
    expect(erased.body.errors).toBeUndefined();

    for (const retry of [
      service.graphql(REGISTER, { input: { ...input, name: 'Someone Else' } }, representative),
      service.graphql(REGISTER, { input }, representative),
      service.graphql(UPDATE, { input: { commandId: updateId, personId: 'pmb', title: 'Autre titre' } }, representative),
    ]) {
      const response = await retry;
      expect(codesOf(response)).toEqual(['CONFLICT']);
      expect(response.body.errors![0].message).toMatch(/erased/);
    }
    const person = await service.graphql(`{ person(id: "pmb") { erased revision } }`, {}, admin);
    expect(person.body.data!.person).toEqual({ erased: true, revision: 2 });
  });
});

import { RegisterActorInput } from '../actors/actor.input.js';
import { canonicalJson } from '../event-store/hash-chain.js';
import { commandContext } from '../graphql/command-input.js';
import type { Principal } from '../shared/principal.js';
import { validationPipe } from './validation.js';

const principal: Principal = { subject: 'sgar-27', actorId: 'sgar-27', role: 'admin' };

/**
 * A retry is recognised on the canonical JSON of what the client sent (its request). The request is
 * the validated input itself, not a JSON copy of it: its canonical text must be the one a copy
 * gives, or retries of commands recorded before would no longer be recognised.
 */
describe('the request a command is recognised by', () => {
  const received = async (plain: Record<string, unknown>) =>
    (await validationPipe().transform(plain, { type: 'body', metatype: RegisterActorInput })) as RegisterActorInput;

  it.each([
    ['every field, a Date and nested territories', { occurredAt: new Date('2026-03-01T10:00:00.000Z'), siren: '200053767', actorId: 'cd-21' }],
    ['optional fields left out', {}],
    ['an explicit null (dropped by the pipe)', { siren: null }],
  ])('%s: the same canonical JSON as a JSON copy of the input', async (_case, extra) => {
    const input = await received({
      commandId: '7f1d2c3e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
      kind: 'departement',
      name: 'Conseil départemental de la Côte-d’Or',
      territories: [{ kind: 'departement', code: '21' }],
      ...extra,
    });
    const { request } = commandContext(input, principal, new Date('2026-03-02T00:00:00.000Z'));
    expect(request).toBeInstanceOf(RegisterActorInput);
    expect(canonicalJson(request)).toBe(canonicalJson(JSON.parse(JSON.stringify(input))));
  });
});

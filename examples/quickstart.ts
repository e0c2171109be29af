/**
 * The first example of docs/api.md, kept identical to it by test/e2e/client-quickstart.e2e.spec.ts,
 * which also runs it against the service.
 */
// <quickstart>
import { ActorsDocument, BadUserInputError, RegisterActorDocument, ScoranClient } from '@scoran/ledger-client';

export async function quickstart(url: string, token: string) {
  const client = new ScoranClient({ url, token });

  // A command: the client generates its commandId, and resends the same one after a network error.
  const { registerActor } = await client.command(RegisterActorDocument, {
    actorId: 'cd-44',
    kind: 'DEPARTEMENT',
    name: 'Département de Loire-Atlantique',
    territories: [{ kind: 'DEPARTEMENT', code: '44' }],
  });

  // Every actor of the region (a département's actors are in it), page after page.
  const names: string[] = [];
  const inRegion = { territory: { kind: 'REGION' as const, code: '52' } };
  for await (const actor of client.paginate(ActorsDocument, { filter: inRegion, first: 50 }, (data) => data.actors)) {
    names.push(actor.name);
  }

  // A refusal is a typed error naming the fields at fault; nothing was recorded.
  let refusedFields: string[] = [];
  try {
    await client.command(RegisterActorDocument, { kind: 'DEPARTEMENT', name: 'Nowhere', territories: [{ kind: 'DEPARTEMENT', code: '2C' }] });
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    refusedFields = error.fields;
  }
  return { revision: registerActor.revision, names, refusedFields };
}
// </quickstart>

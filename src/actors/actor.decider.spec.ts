import { specificationOf } from '../decider/given-when-then.js';
import type { Role } from '../shared/principal.js';
import { actorDecider, type ActorCommand, type ActorEvent, type TerritoryRef } from './actor.decider.js';

const spec = specificationOf(actorDecider);
type Principal = { actorId: string; role: Role };
const admin: Principal = { actorId: 'sgar-52', role: 'admin' };
const gigalisRep: Principal = { actorId: 'gigalis', role: 'representative' };
const otherRep: Principal = { actorId: 'region-52', role: 'representative' };

const register: ActorCommand = {
  type: 'RegisterActor',
  principal: admin,
  actorId: 'gigalis',
  kind: 'joint_syndicate',
  name: '  Syndicat mixte   Gigalis ',
  territories: [{ kind: 'region', code: '52' }],
  siren: '732829320',
};
const registered: ActorEvent = {
  type: 'ActorRegistered',
  data: { actorId: 'gigalis', kind: 'joint_syndicate', name: 'Syndicat mixte Gigalis', territories: [{ kind: 'region', code: '52' }], siren: '732829320' },
};
const retired: ActorEvent = { type: 'ActorRetired', data: { actorId: 'gigalis', reason: 'Merged' } };

describe('Actor registry', () => {
  describe('registering', () => {
    it('records a new actor with its name tidied', () => {
      spec.given([]).when(register).then([registered]);
    });

    it('is for admins only', () => {
      spec
        .given([])
        .when({ ...register, principal: gigalisRep })
        .thenRejects('forbidden', /admin/);
    });

    it('refuses to register the same actor twice', () => {
      spec
        .given([registered])
        .when(register)
        .thenRejects('conflict', /already registered/);
    });

    it('refuses an empty or oversized name', () => {
      expect(
        spec
          .given([])
          .when({ ...register, name: '   ' })
          .thenRejects('invalid').fields,
      ).toEqual(['name']);
      spec
        .given([])
        .when({ ...register, name: 'x'.repeat(201) })
        .thenRejects('invalid', /at most 200/);
    });

    it('refuses a SIREN with a bad checksum', () => {
      expect(
        spec
          .given([])
          .when({ ...register, siren: '732829321' })
          .thenRejects('invalid').fields,
      ).toEqual(['siren']);
    });

    it('gives a local authority exactly one territory of its own kind', () => {
      const departement = { ...register, actorId: 'cd-44', kind: 'departement' as const, siren: undefined };
      spec
        .given([])
        .when({ ...departement, territories: [{ kind: 'region', code: '52' }] })
        .thenRejects('invalid', /exactly one territory, of kind departement/);
      spec
        .given([])
        .when({
          ...departement,
          territories: [
            { kind: 'departement', code: '44' },
            { kind: 'departement', code: '49' },
          ],
        })
        .thenRejects('invalid');
      spec
        .given([])
        .when({ ...departement, territories: [{ kind: 'departement', code: '44' }] })
        .then([
          {
            type: 'ActorRegistered',
            data: { actorId: 'cd-44', kind: 'departement', name: 'Syndicat mixte Gigalis', territories: [{ kind: 'departement', code: '44' }], siren: null },
          },
        ]);
    });

    it('requires a territory except for national bodies, and refuses duplicates', () => {
      spec
        .given([])
        .when({ ...register, territories: [] })
        .thenRejects('invalid', /At least one territory/);
      spec
        .given([])
        .when({
          ...register,
          territories: [
            { kind: 'region', code: '52' },
            { kind: 'region', code: '52' },
          ],
        })
        .thenRejects('invalid', /twice/);
      spec
        .given([])
        .when({ ...register, actorId: 'datar', kind: 'national_body', name: 'DATAR', territories: [], siren: undefined })
        .then([{ type: 'ActorRegistered', data: { actorId: 'datar', kind: 'national_body', name: 'DATAR', territories: [], siren: null } }]);
    });
  });

  describe('renaming', () => {
    const rename = (principal = admin, name = 'Gigalis'): ActorCommand => ({ type: 'RenameActor', principal, name });

    it('records the new and the previous name', () => {
      spec
        .given([registered])
        .when(rename())
        .then([{ type: 'ActorRenamed', data: { actorId: 'gigalis', name: 'Gigalis', previousName: 'Syndicat mixte Gigalis' } }]);
    });

    it('may be done by a representative of the actor itself, not of another actor', () => {
      spec
        .given([registered])
        .when(rename(gigalisRep))
        .then([{ type: 'ActorRenamed', data: { actorId: 'gigalis', name: 'Gigalis', previousName: 'Syndicat mixte Gigalis' } }]);
      spec.given([registered]).when(rename(otherRep)).thenRejects('forbidden');
      spec
        .given([registered])
        .when(rename({ actorId: 'gigalis', role: 'auditor' }))
        .thenRejects('forbidden');
    });

    it('changes nothing when the name is the same', () => {
      spec.given([registered]).when(rename(admin, 'Syndicat mixte Gigalis')).then([]);
    });

    it('refuses an unknown or retired actor', () => {
      spec.given([]).when(rename()).thenRejects('notFound');
      spec
        .given([registered, retired])
        .when(rename())
        .thenRejects('conflict', /retired/);
    });
  });

  describe('changing territories', () => {
    const both: TerritoryRef[] = [
      { kind: 'region', code: '52' },
      { kind: 'departement', code: '44' },
    ];
    const change = (territories = both): ActorCommand => ({
      type: 'ChangeActorTerritories',
      principal: gigalisRep,
      territories,
    });
    it('records the new territories, and nothing when they are the same in any order', () => {
      spec
        .given([registered])
        .when(change())
        .then([{ type: 'ActorTerritoriesChanged', data: { actorId: 'gigalis', territories: both } }]);
      spec
        .given([registered])
        .when(change([{ kind: 'region', code: '52' }]))
        .then([]);
    });
    it('keeps the kind rules', () => {
      spec.given([registered]).when(change([])).thenRejects('invalid');
    });
  });

  describe('retiring', () => {
    const retire = (principal = admin, reason = 'Merged'): ActorCommand => ({ type: 'RetireActor', principal, reason });
    it('is for admins only, with a reason, once', () => {
      spec.given([registered]).when(retire()).then([retired]);
      spec.given([registered]).when(retire(gigalisRep)).thenRejects('forbidden');
      spec
        .given([registered])
        .when(retire(admin, ' '))
        .thenRejects('invalid', /reason/);
      spec.given([registered, retired]).when(retire()).thenRejects('conflict');
    });
  });
});

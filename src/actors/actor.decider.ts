import { isEventOf } from '../event-store/event-store.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid, notFound } from '../decider/errors.js';
import type { ActorSelfAction, AdminAction } from '../decider/refusal-phrases.commission.js';
import { refusal } from '../decider/refusals.js';
import type { Role } from '../shared/principal.js';
import { isValidSirenFormat } from '../territory/siren.js';
import type { TerritoryKindValue, TerritoryRef } from '../territory/territory.types.js';

export type { TerritoryRef };

/** Who takes part in the concertation (docs/domain.md, "Actors"). */
export const ACTOR_KINDS = [
  'state_in_region', // préfet de région, SGAR, DIRECCTE, DREAL
  'region', // conseil régional
  'departement', // conseil départemental
  'epci', // intercommunality
  'commune',
  'joint_syndicate', // syndicat mixte
  'private_operator',
  'state_agency', // ARS, rectorat, Caisse des dépôts
  'national_body', // Mission France THD, ANCT/DATAR, ARCEP
  'consultative_body', // CESER
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const NAME_MAX_LENGTH = 200;

/** Local authorities are their territory: exactly one territory of their own kind. */
const OWN_TERRITORY: Partial<Record<ActorKind, TerritoryKindValue>> = {
  region: 'region',
  departement: 'departement',
  epci: 'epci',
  commune: 'commune',
};

export interface Actor {
  principal: { actorId: string; role: Role };
}

export type ActorCommand =
  | (Actor & { type: 'RegisterActor'; actorId: string; kind: ActorKind; name: string; territories: TerritoryRef[]; siren?: string })
  | (Actor & { type: 'RenameActor'; name: string })
  | (Actor & { type: 'ChangeActorTerritories'; territories: TerritoryRef[] })
  | (Actor & { type: 'RetireActor'; reason: string });

export type ActorEvent =
  | { type: 'ActorRegistered'; data: { actorId: string; kind: ActorKind; name: string; territories: TerritoryRef[]; siren: string | null } }
  | { type: 'ActorRenamed'; data: { actorId: string; name: string; previousName: string } }
  | { type: 'ActorTerritoriesChanged'; data: { actorId: string; territories: TerritoryRef[] } }
  | { type: 'ActorRetired'; data: { actorId: string; reason: string } };

export type ActorState = { status: 'unknown' } | { status: 'active' | 'retired'; actorId: string; kind: ActorKind; name: string; territories: TerritoryRef[] };

export const actorStreamId = (actorId: string) => `actor-${actorId}`;

/** Narrows a recorded event of the log to this decider's events. */
export const isActorEvent = isEventOf<ActorEvent>({ ActorRegistered: true, ActorRenamed: true, ActorTerritoriesChanged: true, ActorRetired: true });

export const actorDecider: Decider<ActorCommand, ActorEvent, ActorState> = {
  events: isActorEvent,
  initialState: () => ({ status: 'unknown' }),

  evolve(state, event) {
    switch (event.type) {
      case 'ActorRegistered':
        return { status: 'active', actorId: event.data.actorId, kind: event.data.kind, name: event.data.name, territories: event.data.territories };
      case 'ActorRenamed':
        return state.status === 'unknown' ? state : { ...state, name: event.data.name };
      case 'ActorTerritoriesChanged':
        return state.status === 'unknown' ? state : { ...state, territories: event.data.territories };
      case 'ActorRetired':
        return state.status === 'unknown' ? state : { ...state, status: 'retired' };
      default:
        return assertNever(event, 'actor event');
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterActor': {
        requireAdmin(command, 'register actors');
        if (state.status !== 'unknown') throw conflict(refusal('actor.alreadyRegistered', { actorId: command.actorId }));
        const name = validName(command.name);
        checkTerritories(command.kind, command.territories);
        if (command.siren !== undefined && !isValidSirenFormat(command.siren)) {
          throw invalid(refusal('actor.sirenInvalid'), 'siren');
        }
        return [
          {
            type: 'ActorRegistered',
            data: { actorId: command.actorId, kind: command.kind, name, territories: command.territories, siren: command.siren ?? null },
          },
        ];
      }
      case 'RenameActor': {
        const actor = requireActive(state);
        requireAdminOrSelf(command, actor.actorId, 'rename');
        const name = validName(command.name);
        if (name === actor.name) return [];
        return [{ type: 'ActorRenamed', data: { actorId: actor.actorId, name, previousName: actor.name } }];
      }
      case 'ChangeActorTerritories': {
        const actor = requireActive(state);
        requireAdminOrSelf(command, actor.actorId, 'change the territories of');
        checkTerritories(actor.kind, command.territories);
        if (sameTerritories(actor.territories, command.territories)) return [];
        return [{ type: 'ActorTerritoriesChanged', data: { actorId: actor.actorId, territories: command.territories } }];
      }
      case 'RetireActor': {
        requireAdmin(command, 'retire actors');
        const actor = requireActive(state);
        const reason = command.reason.trim();
        if (reason.length === 0) throw invalid(refusal('actor.reasonRequired'), 'reason');
        return [{ type: 'ActorRetired', data: { actorId: actor.actorId, reason } }];
      }
      default:
        return assertNever(command, 'actor command');
    }
  },
};

function requireActive(state: ActorState) {
  if (state.status === 'unknown') throw notFound(refusal('actor.unknown'));
  if (state.status === 'retired') throw conflict(refusal('actor.retired', { actorId: state.actorId }));
  return state;
}

function requireAdmin(command: Actor, action: AdminAction) {
  if (command.principal.role !== 'admin') throw forbidden(refusal('actor.adminOnly', { action }));
}

function requireAdminOrSelf(command: Actor, actorId: string, action: ActorSelfAction) {
  const { principal } = command;
  if (principal.role === 'admin') return;
  if (principal.role === 'representative' && principal.actorId === actorId) return;
  throw forbidden(refusal('actor.adminOrSelf', { action }));
}

function validName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw invalid(refusal('actor.nameEmpty'), 'name');
  if (name.length > NAME_MAX_LENGTH) throw invalid(refusal('actor.nameTooLong', { max: NAME_MAX_LENGTH }), 'name');
  return name;
}

function checkTerritories(kind: ActorKind, territories: TerritoryRef[]) {
  const seen = new Set(territories.map((t) => `${t.kind}:${t.code}`));
  if (seen.size !== territories.length) throw invalid(refusal('territory.twice'), 'territories');
  const own = OWN_TERRITORY[kind];
  if (own && (territories.length !== 1 || territories[0].kind !== own)) {
    throw invalid(refusal('actor.oneOwnTerritory', { kind, own }), 'territories');
  }
  if (kind !== 'national_body' && territories.length === 0) throw invalid(refusal('territory.required'), 'territories');
}

function sameTerritories(a: TerritoryRef[], b: TerritoryRef[]) {
  const key = (list: TerritoryRef[]) =>
    list
      .map((t) => `${t.kind}:${t.code}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

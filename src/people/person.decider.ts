import { isEventOf } from '../event-store/event-store.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid, notFound } from '../decider/errors.js';
import type { Role } from '../shared/principal.js';
import { isEnvelopeFor } from './personal-data-crypto.js';

/**
 * The people registry. Names, titles and contact details enter commands and events only as
 * ciphertext envelopes sealed with the person's own key (personal-data-crypto.ts): the decider
 * never sees plaintext, it checks who may act and that every envelope is sealed with that key.
 * Plaintext checks (lengths, e-mail form) happen before sealing, in the input layer.
 */
export const PERSONAL_FIELDS = ['name', 'title', 'email', 'phone'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
/** Envelopes per field; null: no value. The name is required. */
export type SealedFields = { name: string; title: string | null; email: string | null; phone: string | null };

export const LEGAL_REASON_MIN = 10;
export const LEGAL_REASON_MAX = 1000;

interface Act {
  principal: { actorId: string; role: Role };
}

export type PersonCommand =
  | (Act & { type: 'RegisterPerson'; personId: string; keyId: string; keyVersion: number; fields: SealedFields })
  | (Act & { type: 'UpdatePerson'; fields: Partial<SealedFields> })
  | (Act & { type: 'ErasePerson'; legalReason: string });

export type PersonEvent =
  | { type: 'PersonRegistered'; data: { personId: string; keyId: string; keyVersion: number; registeredBy: string; fields: SealedFields } }
  | { type: 'PersonUpdated'; data: { personId: string; fields: Partial<SealedFields> } }
  | { type: 'PersonErased'; data: { personId: string; keyId: string; keyVersion: number; legalReason: string } };

export type PersonState = { status: 'unknown' } | { status: 'active' | 'erased'; personId: string; keyId: string; keyVersion: number; registeredBy: string };

export const personStreamId = (personId: string) => `person-${personId}`;

/** Who may register people and correct their details (auditors and national bodies only read). */
const WRITERS: readonly Role[] = ['admin', 'commission_secretariat', 'representative'];

/** Narrows a recorded event of the log to this decider's events. */
export const isPersonEvent = isEventOf<PersonEvent>({ PersonRegistered: true, PersonUpdated: true, PersonErased: true });

export const personDecider: Decider<PersonCommand, PersonEvent, PersonState> = {
  events: isPersonEvent,
  initialState: () => ({ status: 'unknown' }),

  evolve(state, event) {
    switch (event.type) {
      case 'PersonRegistered': {
        const { personId, keyId, keyVersion, registeredBy } = event.data;
        return { status: 'active', personId, keyId, keyVersion, registeredBy };
      }
      case 'PersonUpdated':
        return state;
      case 'PersonErased':
        return state.status === 'unknown' ? state : { ...state, status: 'erased' };
      default:
        return assertNever(event, 'person event');
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterPerson': {
        if (!WRITERS.includes(command.principal.role)) throw forbidden('Only an admin, the commission secretariat or a representative may register people');
        if (state.status === 'erased') throw conflict(`Person ${state.personId} was erased and cannot be registered again`);
        if (state.status === 'active') throw conflict(`Person ${command.personId} is already registered`);
        checkSealed(command.fields, command.keyId, command.keyVersion, true);
        const { personId, keyId, keyVersion } = command;
        return [
          {
            type: 'PersonRegistered',
            data: { personId, keyId, keyVersion, registeredBy: command.principal.actorId, fields: pickFields(command.fields, true) as SealedFields },
          },
        ];
      }
      case 'UpdatePerson': {
        const person = requireActive(state);
        const { principal } = command;
        const mayUpdate =
          principal.role === 'admin' ||
          principal.role === 'commission_secretariat' ||
          (principal.role === 'representative' && principal.actorId === person.registeredBy);
        if (!mayUpdate) throw forbidden('Only an admin, the commission secretariat or a representative of the actor that registered the person may update it');
        const fields = pickFields(command.fields, false);
        if (Object.keys(fields).length === 0) throw invalid('Nothing to update: give at least one field', 'fields');
        checkSealed(fields, person.keyId, person.keyVersion, false);
        return [{ type: 'PersonUpdated', data: { personId: person.personId, fields } }];
      }
      case 'ErasePerson': {
        if (command.principal.role !== 'admin') throw forbidden('Only an admin may erase a person');
        if (state.status === 'unknown') throw notFound('No such person');
        if (state.status === 'erased') throw conflict(`Person ${state.personId} is already erased`);
        const legalReason = command.legalReason.trim().replace(/\s+/g, ' ');
        if (legalReason.length < LEGAL_REASON_MIN || legalReason.length > LEGAL_REASON_MAX) {
          throw invalid(
            `A legal reason of ${LEGAL_REASON_MIN} to ${LEGAL_REASON_MAX} characters is required (e.g. "RGPD art. 17(1)(b): consent withdrawn")`,
            'legalReason',
          );
        }
        const { personId, keyId, keyVersion } = state;
        return [{ type: 'PersonErased', data: { personId, keyId, keyVersion, legalReason } }];
      }
      default:
        return assertNever(command, 'person command');
    }
  },
};

function requireActive(state: PersonState) {
  if (state.status === 'unknown') throw notFound('No such person');
  if (state.status === 'erased') throw conflict(`Person ${state.personId} was erased: their data can no longer change`);
  return state;
}

/** Only the known fields, in a fixed order; on registration every field is present (null when empty). */
function pickFields(fields: Partial<SealedFields>, all: boolean): Partial<SealedFields> {
  const picked: Partial<Record<PersonalField, string | null>> = {};
  for (const field of PERSONAL_FIELDS) {
    if (fields[field] !== undefined) picked[field] = fields[field];
    else if (all) picked[field] = null;
  }
  return picked as Partial<SealedFields>;
}

function checkSealed(fields: Partial<SealedFields>, keyId: string, keyVersion: number, registering: boolean) {
  if ((registering || fields.name !== undefined) && (fields.name === null || fields.name === undefined)) throw invalid('A person has a name', 'name');
  for (const field of PERSONAL_FIELDS) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (!isEnvelopeFor(value, keyId, keyVersion)) throw invalid(`${field} must be sealed with the person's key (only ciphertext enters the log)`, field);
  }
}

import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteCommand } from '../runtime/execute-command.js';
import type { Principal } from '../shared/principal.js';
import type { CommandContext } from '../decider/command-handler.js';
import { CommandIdReusedError, conflict, notFound } from '../decider/errors.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.js';
import { badUserInput } from '../graphql/errors.js';
import type { WithoutPrincipal } from '../graphql/command-input.js';
import { KeyStore } from './key-store.js';
import { open, seal, type DataKey } from './personal-data-crypto.js';
import {
  PERSONAL_FIELDS,
  personDecider,
  personStreamId,
  type PersonalField,
  type PersonCommand,
  type PersonEvent,
  type SealedFields,
  isPersonEvent,
} from './person.decider.js';
import type { StoredPerson } from './people.read-model.js';

/** Plaintext of a person's fields; undefined: not given (unchanged), null: none. */
export type PersonalData = Partial<Record<PersonalField, string | null>>;

/** What queries show: decrypted at query time, or `erased` with every personal field null. */
export interface PersonView {
  id: string;
  erased: boolean;
  name: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  registeredBy: string;
  erasure: { erasedAt: Date; legalReason: string } | null;
  revision: number;
  registeredAt: Date;
  updatedAt: Date;
}

const context = (personId: string, field: PersonalField) => `person/${personId}/${field}`;

/**
 * The only place plaintext personal data exists: sealed here before any command is sent, opened
 * here when a query reads. Erasure records the event first (the decider judges it), then destroys
 * the key; at start, any key an erasure event names but a crash left behind is destroyed too.
 */
@Injectable()
export class PersonalDataService implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly keys: KeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let after = 0n;
    for (;;) {
      const page = await this.store.readAll({ after, limit: 1000, filter: { categories: ['person'], eventTypes: ['PersonErased'] } });
      for (const event of page.events) {
        // A damaged erasure names no one: verification reports it; the key was destroyed when it was recorded.
        if (event.damage !== undefined) continue;
        this.keys.destroy((event.data as { personId: string }).personId);
      }
      after = page.lastPosition;
      if (page.isEnd || page.events.length === 0) break;
    }
  }

  onApplicationShutdown(): void {
    this.keys.close();
  }

  register(personId: string, data: PersonalData, principal: Principal, ctx: CommandContext) {
    return this.runSealed(personId, data, principal, ctx, 'PersonRegistered', () => {
      const key = this.keys.keyFor(personId);
      if (!key) throw conflict(`Person ${personId} was erased and cannot be registered again`);
      const fields = this.sealAll(key, personId, { title: null, email: null, phone: null, ...data }) as SealedFields;
      return { type: 'RegisterPerson', personId, keyId: key.keyId, keyVersion: key.version, fields };
    });
  }

  update(personId: string, data: PersonalData, principal: Principal, ctx: CommandContext) {
    return this.runSealed(personId, data, principal, ctx, 'PersonUpdated', () => {
      const found = this.keys.lookup(personId);
      if (found.status === 'absent') throw notFound('No such person');
      if (found.status === 'destroyed') throw conflict(`Person ${personId} was erased: their data can no longer change`);
      return { type: 'UpdatePerson', fields: this.sealAll(found.key, personId, data) };
    });
  }

  async erase(personId: string, legalReason: string, principal: Principal, ctx: CommandContext) {
    if (principal.role === 'admin') {
      // The reason stays in the log for good: refuse one that names the person (checked for admins only, so it is no name oracle).
      const found = this.keys.lookup(personId);
      const history = found.status === 'active' ? await this.store.readStream(personStreamId(personId)) : [];
      const name = this.currentPlaintext(history, found.status === 'active' ? found.key : undefined, personId).name;
      if (name && fold(legalReason).includes(fold(name))) {
        throw badUserInput('The legal reason must not contain the person’s name: it is kept in the log for good', ['legalReason']);
      }
    }
    const result = await this.execute(personId, { type: 'ErasePerson', legalReason }, principal, ctx);
    this.keys.destroy(personId);
    return result;
  }

  /** Decrypts a read-model row; a destroyed key shows the person as erased. */
  view(row: StoredPerson): PersonView {
    const found = row.erased ? undefined : this.keys.lookup(row.id);
    const key = found?.status === 'active' ? found.key : undefined;
    const read = (field: PersonalField) => {
      const sealed = row[`${field}_sealed`];
      return key && sealed ? open(key, sealed, context(row.id, field)) : null;
    };
    const erased = !key;
    const view = {
      id: row.id,
      erased,
      name: erased ? null : read('name'),
      title: erased ? null : read('title'),
      email: erased ? null : read('email'),
      phone: erased ? null : read('phone'),
      registeredBy: row.registered_by,
      erasure: row.erased ? { erasedAt: new Date(row.erased_at!), legalReason: row.erasure_reason! } : null,
      revision: row.revision,
      registeredAt: new Date(row.registered_at),
      updatedAt: new Date(row.updated_at),
    };
    key?.bytes.fill(0);
    return view;
  }

  /**
   * Sealing is random (fresh IV), so a retried command would differ from the first one. A retry
   * (same commandId) is therefore rebuilt from the envelopes it recorded the first time, after
   * checking that it carries the same plaintext; then the command handler replays it as usual.
   */
  private async runSealed(
    personId: string,
    data: PersonalData,
    principal: Principal,
    ctx: CommandContext,
    eventType: PersonEvent['type'],
    build: () => WithoutPrincipal<PersonCommand>,
  ) {
    for (let attempt = 0; ; attempt++) {
      const history = await this.store.readStream(personStreamId(personId));
      const earlier = history.find((event) => event.metadata.commandId === ctx.commandId);
      const command = earlier ? this.rebuild(earlier, eventType, data, personId, ctx.commandId) : build();
      try {
        return await this.execute(personId, command, principal, ctx);
      } catch (error) {
        // Two deliveries of one command raced: the other one recorded; answer as its retry.
        if (!earlier && attempt === 0 && error instanceof CommandIdReusedError) continue;
        throw error;
      }
    }
  }

  private rebuild(
    earlier: RecordedEvent,
    eventType: PersonEvent['type'],
    data: PersonalData,
    personId: string,
    commandId: string,
  ): WithoutPrincipal<PersonCommand> {
    if (earlier.type !== eventType) throw new CommandIdReusedError(commandId);
    if (!isPersonEvent(earlier)) throw new CommandIdReusedError(commandId);
    const event = earlier;
    const found = this.keys.lookup(personId);
    // Once erased, what the first command carried can no longer be compared: as documented, CONFLICT.
    if (found.status === 'destroyed') throw conflict(`Person ${personId} was erased: their data can no longer change`);
    if (found.status === 'active') {
      const fields = (event.data as { fields: Partial<SealedFields> }).fields;
      for (const field of PERSONAL_FIELDS) {
        if (fields[field] === undefined && data[field] === undefined) continue;
        const before = fields[field] ? open(found.key, fields[field], context(personId, field)) : null;
        if (before !== (data[field] ?? null)) throw new CommandIdReusedError(commandId);
      }
    }
    if (event.type === 'PersonRegistered') {
      const { keyId, keyVersion, fields } = event.data;
      return { type: 'RegisterPerson', personId, keyId, keyVersion, fields };
    }
    if (event.type === 'PersonUpdated') return { type: 'UpdatePerson', fields: event.data.fields };
    throw new CommandIdReusedError(commandId);
  }

  private async execute(personId: string, command: WithoutPrincipal<PersonCommand>, principal: Principal, ctx: CommandContext) {
    const full = { ...command, principal: { actorId: principal.actorId, role: principal.role } };
    // Retries are recognised on the sealed command (rebuilt from the first one above), never on a hash of
    // the plaintext request: that hash would stay in the log after erasure.
    const { request: _plaintext, ...sealedContext } = ctx;
    return this.commandBus.execute(new ExecuteCommand(personDecider, personStreamId(personId), full, sealedContext));
  }

  /** Seals the fields given; the key's bytes are wiped from memory afterwards (sealing is the last use of this copy). */
  private sealAll(key: DataKey, personId: string, data: PersonalData): Partial<SealedFields> {
    const sealed: Partial<Record<PersonalField, string | null>> = {};
    try {
      for (const field of PERSONAL_FIELDS) {
        const value = data[field];
        if (value !== undefined) sealed[field] = value === null ? null : seal(key, value, context(personId, field));
      }
    } finally {
      key.bytes.fill(0);
    }
    return sealed as Partial<SealedFields>;
  }

  private currentPlaintext(history: RecordedEvent[], key: DataKey | undefined, personId: string): PersonalData {
    const current: Partial<Record<PersonalField, string | null>> = {};
    for (const recorded of history) {
      if (!isPersonEvent(recorded)) continue;
      const event = recorded;
      if (event.type === 'PersonRegistered' || event.type === 'PersonUpdated') Object.assign(current, event.data.fields);
    }
    const plain: PersonalData = {};
    if (!key) return plain;
    for (const field of PERSONAL_FIELDS) {
      const sealed = current[field];
      if (sealed) plain[field] = open(key, sealed, context(personId, field));
    }
    return plain;
  }
}

/** Lower case, no accents, single spaces: for the name-in-reason check. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from '../graphql/pagination.js';
import { keysetPage } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';

/** A row of the `people` read model: envelopes, never plaintext. */
export interface StoredPerson {
  id: string;
  key_id: string;
  key_version: number;
  name_sealed: string | null;
  title_sealed: string | null;
  email_sealed: string | null;
  phone_sealed: string | null;
  registered_by: string;
  erased: 0 | 1;
  erased_at: string | null;
  erasure_reason: string | null;
  revision: number;
  registered_at: string;
  updated_at: string;
}

/** Queries over the `people` projection, paged by id (names are ciphertext: they cannot be sorted or searched). */
@Injectable()
export class PeopleReadModel {
  private readonly statements: StatementCache;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    this.statements = new StatementCache(db);
  }

  byId(id: string): StoredPerson | undefined {
    return this.statements.get('SELECT * FROM people WHERE id = ?').get(id) as StoredPerson | undefined;
  }

  list(filter: { erased?: boolean }, first: number, after?: string): Connection<StoredPerson> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.erased !== undefined) where.push('erased = @erased') && (params.erased = filter.erased ? 1 : 0);
    return keysetPage<StoredPerson & Record<string, unknown>, StoredPerson>(
      this.statements,
      { from: 'people', where, params, keys: ['id'] },
      { first, after },
      (row) => row,
    );
  }
}

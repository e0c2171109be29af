import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Type } from '@nestjs/common';
import { badUserInput } from './errors.js';
import { asPage } from '../shared/page-batch.js';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most the configured maximum, 100 by default).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  first?: number;

  @Field(() => String, { nullable: true, description: 'Opaque cursor: the `endCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;
  @Field()
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true })
  startCursor!: string | null;
  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Relay connection type for a node type: `XConnection { edges { cursor node } pageInfo totalCount }`. */
export function ConnectionType<T>(node: Type<T>, name = node.name): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;
    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: EdgeType[];
    @Field(() => PageInfo)
    pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

/** A keyset cursor: the sort key values of the last row seen, opaque to clients. */
export function encodeCursor(keys: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(keys) && keys.length === arity && keys.every((k) => typeof k === 'string' || typeof k === 'number')) return keys;
  } catch {
    // fall through to the typed error
  }
  throw badUserInput('Invalid cursor: use the endCursor of a previous page', ['after']);
}

export function pageSize(args: PageArgs, maxPageSize: number, defaultSize = 20): number {
  const size = args.first ?? Math.min(defaultSize, maxPageSize);
  if (size > maxPageSize) throw badUserInput(`first must be at most ${maxPageSize}`, ['first']);
  return size;
}

/**
 * Builds a connection from a keyset query that fetched `first + 1` rows: the extra row only tells
 * whether another page follows.
 */
export function connectionFromRows<Row, Node>(
  rows: readonly Row[],
  page: { first: number; after?: string; totalCount: number },
  cursorKeys: (row: Row) => readonly (string | number)[],
  toNode: (row: Row) => Node,
): Connection<Node> {
  const edges = rows.slice(0, page.first).map((row) => ({ cursor: encodeCursor(cursorKeys(row)), node: toNode(row) }));
  // Nested fields of the nodes are then read once for the whole page (src/shared/page-batch.ts).
  asPage(edges.map((edge) => edge.node as object));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

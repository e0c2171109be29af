import type { INestApplication } from '@nestjs/common';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { getNamedType, isInputObjectType, type GraphQLFormattedError } from 'graphql';
import type { Principal } from '../shared/principal.js';

/**
 * Sends mutations to the service in process, as an HTTP request would reach them (validation, the
 * guard, deciders, follow-ups), with a given principal: how the demo loader and the importer record
 * history through the API's own path rather than beside it.
 */
export function inProcessMutations(app: Pick<INestApplication, 'get'>, operationName: string) {
  const apollo = (app.get(GraphQLModule, { strict: false }).graphQlAdapter as unknown as { instance: ApolloServer<BaseContext> }).instance;
  const fields = app.get(GraphQLSchemaHost, { strict: false }).schema.getMutationType()!.getFields();
  const documents = new Map<string, { query: string; takesOccurredAt: boolean }>();
  const documentOf = (mutation: string) => {
    let document = documents.get(mutation);
    if (!document) {
      const field = fields[mutation];
      if (!field) throw new Error(`No mutation ${mutation} in the schema`);
      const inputType = field.args[0].type;
      const named = getNamedType(inputType);
      document = {
        query: `mutation ${operationName}($input: ${String(inputType)}) { ${mutation}(input: $input) { __typename } }`,
        takesOccurredAt: isInputObjectType(named) && 'occurredAt' in named.getFields(),
      };
      documents.set(mutation, document);
    }
    return document;
  };
  return {
    /** Whether the mutation's input has an `occurredAt` (history is recorded at its own time). */
    takesOccurredAt: (mutation: string) => documentOf(mutation).takesOccurredAt,
    /** Runs the mutation; its first error, if any (undefined when it was recorded), or a note that the answer was not a single result. */
    async send(mutation: string, input: unknown, principal: Principal): Promise<GraphQLFormattedError | 'unexpected' | undefined> {
      const response = await apollo.executeOperation(
        { query: documentOf(mutation).query, variables: { input } },
        { contextValue: { req: { headers: {}, principal } } },
      );
      if (response.body.kind !== 'single') return 'unexpected';
      return response.body.singleResult.errors?.[0];
    },
  };
}

import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isObjectType } from 'graphql';
import { startTestService, type TestService } from './harness.js';

/**
 * Nested fields run on every row of a page. Written as plain graphql-js resolvers `(parent, args,
 * context)`, with no Nest parameter decorator, Nest hands graphql-js the bound method itself; with
 * one, it wraps each call in its external context (docs/architecture.md, "Nested fields are plain
 * graphql-js resolvers"). Only these fields keep the wrapper, each for its reason:
 */
const WRAPPED_ON_PURPOSE: Record<string, string> = {
  'Convention.commitments': 'page arguments, validated by the pipe',
  'NetworkProject.whiteZones': 'page arguments, validated by the pipe',
  'Person.contact': 'redacted by the caller (@CurrentPrincipal)',
  'ConventionSignature.person': 'null without a caller (@CurrentPrincipal)',
};

describe('Nested field resolvers', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('are the bound methods themselves, except the fields that need arguments or the caller', () => {
    const schema = service.app.get(GraphQLSchemaHost).schema;
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
    const plain: string[] = [];
    const wrapped: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || roots.has(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        // Nest's own property read for plain @Field()s: not a resolver of ours.
        if (!field.resolve || field.resolve.name === 'rootFieldResolver') continue;
        // A bound method keeps its name; Nest's external-context wrapper is named `target`, or is an
        // anonymous arrow when it maps arguments first.
        const name = field.resolve.name.replace(/^(bound )+/, '');
        (name === 'target' || name === '' ? wrapped : plain).push(`${type.name}.${field.name}`);
      }
    }
    expect(wrapped.sort()).toEqual(Object.keys(WRAPPED_ON_PURPOSE).sort());
    // The page loads of bench:api resolve these on every row.
    expect(plain).toEqual(expect.arrayContaining(['Commitment.progress', 'Commitment.committingActor', 'Commitment.territories', 'ConventionParty.actor']));
  });
});

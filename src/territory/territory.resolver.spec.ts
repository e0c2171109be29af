import 'reflect-metadata';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { INestApplication } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { validationPipe } from '../app/validation.js';
import { TerritoryModule } from './territory.module.js';

describe('territory queries (GraphQL)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TerritoryModule, GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true, sortSchema: true })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(validationPipe());
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await request(app.getHttpServer()).post('/graphql').send({ query, variables });
    return response.body as { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };

  it('returns a territory by kind and code, null when unknown', async () => {
    const body = await gql(`{ nantes: territory(kind: COMMUNE, code: "44109") { kind code name regionCode departementCode }
      none: territory(kind: COMMUNE, code: "44999") { code } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      nantes: { kind: 'COMMUNE', code: '44109', name: 'Nantes', regionCode: '52', departementCode: '44' },
      none: null,
    });
  });

  it('refuses a malformed code with BAD_USER_INPUT', async () => {
    const body = await gql(`{ territory(kind: EPCI, code: "999999999") { code } }`);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['code'] });
    const wrongShape = await gql(`{ territory(kind: REGION, code: "5") { code } }`);
    expect(wrongShape.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('lists territories of a region with search, capped at 100', async () => {
    const body = await gql(
      `query($search: String) {
      deps: territories(kind: DEPARTEMENT, regionCode: "52") { code }
      found: territories(kind: COMMUNE, search: $search, first: 3) { name }
      many: territories(kind: COMMUNE, first: 500) { code } }`,
      { search: 'SAINT-ÉTIENNE' },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.deps).toEqual(['44', '49', '53', '72', '85'].map((code) => ({ code })));
    expect((body.data!.found as { name: string }[])[0]).toEqual({ name: 'Saint-Étienne' });
    expect(body.data!.many).toHaveLength(100);
  });

  it('refuses an unknown regionCode', async () => {
    const body = await gql(`{ territories(kind: COMMUNE, regionCode: "99") { code } }`);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['regionCode'] });
  });
});

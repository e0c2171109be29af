/**
 * Loads the Pays de la Loire demo (docs/demo.md) into the configured store, if it is empty:
 * npm run demo. Refused when NODE_ENV=production.
 */
import 'reflect-metadata';
import { createApp } from '../src/app/create-app.js';
import { ConfigError, loadToolConfig } from '../src/config/config.js';
import { loadDemo } from '../src/demo/demo-loader.js';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (process.env.NODE_ENV === 'production') fail('Refusing to load demo data when NODE_ENV=production.');
let config;
try {
  // DEMO_DATA=off: the start must not load it by itself while this script does.
  config = loadToolConfig({ ...process.env, DEMO_DATA: 'off', REPORT_SCHEDULER_ENABLED: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const app = await createApp(config);
try {
  const result = await loadDemo(app);
  if (!result.loaded) fail(`Demo not loaded: ${result.skipped}.`);
  process.stdout.write(
    `Demo loaded: ${result.commands} commands, ${result.events} events, ${result.reports.length} semestrial reports issued, in ${(result.ms / 1000).toFixed(1)} s\n`,
  );
} finally {
  await app.close();
}

/**
 * Imports a zone file or a regulator quarterly file into a running service, through its GraphQL API:
 *   npm run zones -- import <file.csv> [--commit] [--quarter 2025-Q3] [--url http://127.0.0.1:3000]
 * The token comes from SCORAN_TOKEN (or --token). Without --commit it is a dry run. See
 * src/zones/zones-cli.ts and docs/api-zones.md.
 */
import { runZonesCli } from '../src/zones/zones-cli.js';

process.exitCode = await runZonesCli(process.argv.slice(2), process.env, { out: (line) => console.log(line), err: (line) => console.error(line) });

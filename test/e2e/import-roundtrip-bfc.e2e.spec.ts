import { loadRegionalInstance } from '../../src/demo/demo-loader.js';
import { BOURGOGNE_FRANCHE_COMTE } from '../../src/demo/demo-regions.js';
import { roundTripSuite } from './import-roundtrip.js';

// Bourgogne-Franche-Comté (27): decisions by vote (member by member) and by consensus, a quorum failure, breached commitments.
roundTripSuite(BOURGOGNE_FRANCHE_COMTE.code, (app) => loadRegionalInstance(app, BOURGOGNE_FRANCHE_COMTE), [
  'actors',
  'commissions',
  'conventions',
  'signatures',
  'commitments',
  'progress',
  'network_projects',
  'milestones',
  'indicators',
  'white_zones',
  'meetings',
  'decisions',
  'votes',
  'votes_cast',
]);

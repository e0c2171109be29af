import { loadPaysDeLaLoireInstance } from '../../src/demo/demo-loader.js';
import { DEMO_REGION } from '../../src/demo/demo-data.js';
import { roundTripSuite } from './import-roundtrip.js';

// Pays de la Loire (52), the main demo: an amended CPSD with its calendar, the zones of its communes, operators'
// commitment sets, the regulator's quarters, a commitment withdrawn when its commune moved to the RIP.
roundTripSuite(DEMO_REGION, loadPaysDeLaLoireInstance, [
  'actors',
  'conventions',
  'amendments',
  'signatures',
  'commitments',
  'progress',
  'network_projects',
  'financing',
  'usage_projects',
  'milestones',
  'indicators',
  'white_zones',
  'commune_zones',
  'operator_commitments',
  'regulator_figures',
  'meetings',
  'attendance',
  'decisions',
  'votes',
  'votes_cast',
]);

import { loadPaysDeLaLoireInstance } from '../../src/demo/demo-loader.js';
import { DEMO_REGION } from '../../src/demo/demo-data.js';
import { roundTripSuite } from './import-roundtrip.js';

// Pays de la Loire (52), the main demo: an amended CPSD with its calendar, a member admitted, a withdrawn commitment, the zone map.
roundTripSuite(DEMO_REGION, loadPaysDeLaLoireInstance);

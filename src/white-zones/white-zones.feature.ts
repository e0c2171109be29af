import { runnable } from '../projections/projection.js';
import { stream, type Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { whiteZoneDecider } from './white-zone.decider.js';
import { whiteZonesProjection } from './white-zone.projection.js';
import { WhiteZonesModule } from './white-zones.module.js';
import { whiteZonesReportSection } from './white-zones.report-section.js';

/** The white-zones feature as the application reads it (see docs/adding-a-feature.md). */
export const whiteZonesFeature = {
  name: 'white-zones',
  module: WhiteZonesModule,
  streams: [stream('whiteZone', whiteZoneDecider, { communeCodes: 'commune' })],
  projections: ({ territories }) => [runnable(whiteZonesProjection(territories))],
  reportSection: () => whiteZonesReportSection(),
} satisfies Feature<{ territories: TerritoryService }>;

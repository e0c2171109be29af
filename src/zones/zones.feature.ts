import { stream, type Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { communeZoneDecider, isCommuneZoneEvent } from './commune-zone.decider.js';
import { operatorCommitmentsDecider, isOperatorCommitmentsEvent } from './operator-commitments.decider.js';
import { regulatorQuarterDecider, isRegulatorQuarterEvent } from './regulator-quarter.decider.js';
import { zonesProjection } from './zones.projection.js';
import { ZonesModule } from './zones.module.js';
import { zonesReportSection } from './zones.report-section.js';

/** The zones feature as the application reads it (see docs/adding-a-feature.md). */
export const zonesFeature = {
  name: 'zones',
  module: ZonesModule,
  streams: [
    stream('communeZone', communeZoneDecider, isCommuneZoneEvent, { communeCode: 'commune' }),
    stream('operatorCommitments', operatorCommitmentsDecider, isOperatorCommitmentsEvent, { communes: 'commune', communeCode: 'commune' }),
    stream('regulatorQuarter', regulatorQuarterDecider, isRegulatorQuarterEvent, { communes: 'commune', communeCode: 'commune' }),
  ],
  projections: ({ territories }) => [zonesProjection(territories)],
  reportSection: (config) => zonesReportSection(config.commitments.atRiskThreshold),
} satisfies Feature<{ territories: TerritoryService }>;

import { stream, type Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { communeZoneDecider } from './commune-zone.decider.js';
import { operatorCommitmentsDecider } from './operator-commitments.decider.js';
import { regulatorQuarterDecider } from './regulator-quarter.decider.js';
import { zonesProjection } from './zones.projection.js';
import { ZonesModule } from './zones.module.js';
import { zonesReportSection } from './zones.report-section.js';
import { addZoneDemoSteps } from './zones.demo.js';

/** The zones feature as the application reads it (see docs/adding-a-feature.md). */
export const zonesFeature = {
  name: 'zones',
  module: ZonesModule,
  streams: [
    stream('communeZone', communeZoneDecider, { CommuneZoneSet: true }, { communeCode: 'commune' }),
    stream(
      'operatorCommitments',
      operatorCommitmentsDecider,
      {
        OperatorCommitmentsRecorded: true,
        OperatorCommitmentsAmended: true,
        OperatorCommuneCommitmentEnded: true,
      },
      { communes: 'commune', communeCode: 'commune' },
    ),
    stream('regulatorQuarter', regulatorQuarterDecider, { RegulatorQuarterRecorded: true }, { communes: 'commune', communeCode: 'commune' }),
  ],
  projections: ({ territories }) => [zonesProjection(territories)],
  reportSection: (config) => zonesReportSection(config.commitments.atRiskThreshold),
  demo: addZoneDemoSteps,
} satisfies Feature<{ territories: TerritoryService }>;

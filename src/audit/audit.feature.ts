import type { Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { auditProjection } from './audit.projection.js';
import { AuditModule } from './audit.module.js';

/** The audit feature as the application reads it (see docs/adding-a-feature.md). */
export const auditFeature = {
  name: 'audit',
  module: AuditModule,
  streams: [],
  projections: ({ territories }) => [auditProjection(territories)],
} satisfies Feature<{ territories: TerritoryService }>;

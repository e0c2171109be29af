import { runnable } from '../projections/projection.js';
import type { CodeFields, Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { auditProjection } from './audit.projection.js';
import { AuditModule } from './audit.module.js';

/** The audit feature as the application reads it (see docs/adding-a-feature.md). */
export const auditFeature = {
  name: 'audit',
  module: AuditModule,
  streams: [],
  projections: ({ territories, codeFields }) => [runnable(auditProjection(territories, codeFields))],
} satisfies Feature<{ territories: TerritoryService; codeFields: CodeFields }>;

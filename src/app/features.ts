import { actorsFeature } from '../actors/actors.feature.js';
import { auditFeature } from '../audit/audit.feature.js';
import { commissionFeature } from '../commission/commission.feature.js';
import { commitmentsFeature } from '../commitments/commitments.feature.js';
import { conventionsFeature } from '../conventions/conventions.feature.js';
import { feedsFeature } from '../feeds/feeds.feature.js';
import { importFeature } from '../import/import.feature.js';
import { integrityFeature } from '../integrity/integrity.feature.js';
import type { MilestoneDeclaration } from '../milestones/project-milestones.js';
import { nationalFeature } from '../national/national.feature.js';
import { networkProjectsFeature } from '../network-projects/network-projects.feature.js';
import { peopleFeature } from '../people/people.feature.js';
import { reportsFeature } from '../reports/reports.feature.js';
import { declaredCodeFields, type CodeFields, type DemoContribution, type Feature } from '../runtime/feature.js';
import { territoryFeature } from '../territory/territory.feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { usageProjectsFeature } from '../usage-projects/usage-projects.feature.js';
import { whiteZonesFeature } from '../white-zones/white-zones.feature.js';
import { zonesFeature } from '../zones/zones.feature.js';

/** What a feature's projections are built from. */
export interface ProjectionNeeds {
  territories: TerritoryService;
  /** The territory code fields every feature declares (the audit's region filter reads them). */
  codeFields: CodeFields;
}

/**
 * Every feature, once. The app module imports their modules, time travel registers their deciders,
 * the projection runner their projections, the milestone mutations their kinds of project, and the report takes their sections in this order.
 */
export const FEATURES: readonly Feature<ProjectionNeeds, unknown, MilestoneDeclaration>[] = [
  territoryFeature,
  auditFeature,
  actorsFeature,
  peopleFeature,
  networkProjectsFeature,
  conventionsFeature,
  commitmentsFeature,
  zonesFeature,
  whiteZonesFeature,
  usageProjectsFeature,
  commissionFeature,
  reportsFeature,
  nationalFeature,
  integrityFeature,
  feedsFeature,
  importFeature,
];

/** The features' parts of the demo, in the list's order (the demo loader adds them after its own story). */
export const DEMO_OF_FEATURES: readonly DemoContribution[] = FEATURES.flatMap((feature) => (feature.demo ? [feature.demo] : []));

/** The fields of every feature's events that hold bare territory codes, as the streams declare them. */
export const CODE_FIELDS_OF_FEATURES: CodeFields = declaredCodeFields(FEATURES.flatMap((feature) => feature.streams));

import type { AppConfig } from '../config/config.js';
import type { ReportSection } from '../reports/report-section.js';
import { FEATURES } from './features.js';

/**
 * Every section of the report, in the order of the features list. A plain list rather than module
 * registration: the command-line tool builds reports without starting the service, from the same sections.
 */
export function reportSections(config: Pick<AppConfig, 'commitments'>): ReportSection[] {
  // A section's state and events are its own; the log fold hands it the events its guard accepts.
  return FEATURES.flatMap((feature) => (feature.reportSection ? [feature.reportSection(config)] : []));
}

import { concertationReportSection } from '../commission/commission.report-section.js';
import { commitmentsReportSection } from '../commitments/commitments.report-section.js';
import type { AppConfig } from '../config/config.js';
import { conventionsReportSection } from '../conventions/conventions.report-section.js';
import { networkProjectsReportSection } from '../network-projects/network-projects.report-section.js';
import { usageProjectsReportSection } from '../usage-projects/usage-projects.report-section.js';
import { whiteZonesReportSection } from '../white-zones/white-zones.report-section.js';
import { zonesReportSection } from '../zones/zones.report-section.js';
import type { ReportSection } from '../reports/report-section.js';

/**
 * Every section of the report, in order. A plain list rather than module registration: the
 * command-line tool builds reports without starting the service, from the same sections.
 */
export function reportSections(config: Pick<AppConfig, 'commitments'>): ReportSection[] {
  return [
    networkProjectsReportSection(),
    conventionsReportSection(),
    commitmentsReportSection(config.commitments.atRiskThreshold),
    zonesReportSection(config.commitments.atRiskThreshold),
    whiteZonesReportSection(),
    usageProjectsReportSection(),
    concertationReportSection(),
  ].map((section) => section as ReportSection);
}

import { Module, type OnModuleInit } from '@nestjs/common';
import { EntityStates } from '../runtime/entity-states.js';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { Projections } from '../projections/projections.module.js';
import { issuedReportsProjection } from './issued-reports.projection.js';
import { ReportScheduler } from './report.scheduler.js';
import { reportDecider } from './report.decider.js';
import { restatedReportDecider } from './restated-report.decider.js';
import { restatedReportsProjection } from './restated-reports.projection.js';
import { ReportsController } from './reports.controller.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [IntegrityModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsResolver, ReportScheduler],
  exports: [ReportsService],
})
export class ReportsModule implements OnModuleInit {
  constructor(
    private readonly projections: Projections,
    private readonly states: EntityStates,
  ) {}

  onModuleInit(): void {
    this.states.register('report', reportDecider);
    this.projections.register(issuedReportsProjection);
    this.states.register('restatedReport', restatedReportDecider);
    this.projections.register(restatedReportsProjection);
  }
}

import { Module } from '@nestjs/common';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { ReportScheduler } from './report.scheduler.js';
import { ReportsController } from './reports.controller.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [IntegrityModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsResolver, ReportScheduler],
  exports: [ReportsService],
})
export class ReportsModule {}

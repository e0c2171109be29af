import { Module } from '@nestjs/common';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { NationalController } from './national.controller.js';
import { NationalResolver } from './national.resolver.js';
import { NationalScheduler } from './national.scheduler.js';
import { NationalService } from './national.service.js';

@Module({
  imports: [IntegrityModule, ReportsModule],
  controllers: [NationalController],
  providers: [NationalService, NationalResolver, NationalScheduler],
})
export class NationalModule {}

import { Module, type OnModuleInit } from '@nestjs/common';
import { EntityStates } from '../runtime/entity-states.js';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { Projections } from '../projections/projections.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { nationalSynthesisDecider } from './national-synthesis.decider.js';
import { NationalController } from './national.controller.js';
import { nationalProjection } from './national.projection.js';
import { NationalResolver } from './national.resolver.js';
import { NationalService } from './national.service.js';
import { regionalSubmissionDecider } from './regional-submission.decider.js';

@Module({
  imports: [IntegrityModule, ReportsModule],
  controllers: [NationalController],
  providers: [NationalService, NationalResolver],
})
export class NationalModule implements OnModuleInit {
  constructor(
    private readonly projections: Projections,
    private readonly states: EntityStates,
  ) {}

  onModuleInit(): void {
    this.states.register('nationalSynthesis', nationalSynthesisDecider);
    this.states.register('regionalSubmission', regionalSubmissionDecider);
    this.projections.register(nationalProjection);
  }
}

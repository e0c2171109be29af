import { Module, type OnModuleInit } from '@nestjs/common';
import { EntityStates } from '../runtime/entity-states.js';
import type { DomainEvent } from '../decider/decider.js';
import { ExportController } from './export.controller.js';
import { IntegrityResolver } from './integrity.resolver.js';
import { IntegrityService } from './integrity.service.js';
import type { SealData } from './verify-log.js';

/** What time travel shows of the seal log: how many seals, and the last one. */
const sealLog = {
  initialState: (): { seals: number; last: SealData | null } => ({ seals: 0, last: null }),
  evolve: (state: { seals: number; last: SealData | null }, event: DomainEvent) => ({ seals: state.seals + 1, last: event.data as SealData }),
};

/** Seals, proofs, the log verifier and the archive export (docs/integrity.md). */
@Module({
  providers: [IntegrityService, IntegrityResolver],
  controllers: [ExportController],
  exports: [IntegrityService],
})
export class IntegrityModule implements OnModuleInit {
  constructor(private readonly states: EntityStates) {}

  onModuleInit(): void {
    this.states.register('seal', sealLog);
  }
}

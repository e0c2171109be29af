import { Module } from '@nestjs/common';
import { ExportController } from './export.controller.js';
import { IntegrityResolver } from './integrity.resolver.js';
import { IntegrityService } from './integrity.service.js';

/** Seals, proofs, the log verifier and the archive export (docs/integrity.md). */
@Module({
  providers: [IntegrityService, IntegrityResolver],
  controllers: [ExportController],
  exports: [IntegrityService],
})
export class IntegrityModule {}

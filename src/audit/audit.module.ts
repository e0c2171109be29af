import { Global, Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { AuditReadModel } from './audit.read-model.js';
import { AuditResolver } from './audit.resolver.js';
import { EntityStates } from '../runtime/entity-states.js';
import { RegionScope } from './region-scope.js';
import { WRITE_SCOPE } from '../auth/auth.guard.js';

/** Global: every feature module registers its decider with EntityStates for time travel. */
@Global()
@Module({
  imports: [ActorsModule],
  providers: [AuditReadModel, AuditResolver, EntityStates, RegionScope, { provide: WRITE_SCOPE, useExisting: RegionScope }],
  exports: [AuditReadModel, EntityStates, RegionScope, WRITE_SCOPE],
})
export class AuditModule {}

import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { ZonesReadModel } from './zones.read-model.js';
import { ZonesResolver } from './zones.resolver.js';
import { ZonesService } from './zones.service.js';

@Module({
  imports: [ActorsModule, CommitmentsModule],
  providers: [ZonesReadModel, ZonesService, ZonesResolver],
  exports: [ZonesService, ZonesReadModel],
})
export class ZonesModule {}

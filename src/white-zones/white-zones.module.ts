import { Module } from '@nestjs/common';
import { NetworkProjectsModule } from '../network-projects/network-projects.module.js';
import { NetworkProjectWhiteZonesResolver } from './network-project-white-zones.resolver.js';
import { WhiteZonesReadModel } from './white-zones.read-model.js';
import { WhiteZonesResolver } from './white-zones.resolver.js';

@Module({
  imports: [NetworkProjectsModule],
  providers: [WhiteZonesReadModel, WhiteZonesResolver, NetworkProjectWhiteZonesResolver],
})
export class WhiteZonesModule {}

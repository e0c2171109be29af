import { Module } from '@nestjs/common';
import { FeedsController } from './feeds.controller.js';
import { FeedsReadModel } from './feeds.read-model.js';
import { FeedsResolver } from './feeds.resolver.js';
import { FeedsService } from './feeds.service.js';

/** Calendar and map feeds: read-only, over their own read model (feeds.projection.ts). */
@Module({
  controllers: [FeedsController],
  providers: [FeedsReadModel, FeedsService, FeedsResolver],
})
export class FeedsModule {}

import { Global, Module } from '@nestjs/common';
import { TerritoryResolver } from './territory.resolver.js';
import { TerritoryService } from './territory.service.js';

/** The official geography (COG), loaded once at start; TerritoryService is available everywhere. */
@Global()
@Module({ providers: [TerritoryService, TerritoryResolver], exports: [TerritoryService] })
export class TerritoryModule {}

import { Module, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { EntityStates } from '../runtime/entity-states.js';
import { Projections } from '../projections/projections.module.js';
import { personDecider } from './person.decider.js';
import { KeyStore } from './key-store.js';
import { PeopleReadModel } from './people.read-model.js';
import { PeopleResolver } from './people.resolver.js';
import { peopleProjection } from './person.projection.js';
import { PersonalDataService } from './personal-data.service.js';
import { SignatoryResolver } from './signatory.resolver.js';

@Module({
  providers: [
    { provide: KeyStore, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new KeyStore(config.keyStorePath) },
    PeopleReadModel,
    PersonalDataService,
    PeopleResolver,
    SignatoryResolver,
  ],
  exports: [PeopleReadModel, PersonalDataService],
})
export class PeopleModule implements OnModuleInit {
  constructor(
    private readonly projections: Projections,
    private readonly states: EntityStates,
  ) {}

  onModuleInit(): void {
    this.states.register('person', personDecider);
    this.projections.register(peopleProjection);
  }
}

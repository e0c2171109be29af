import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { KeyStore } from './key-store.js';
import { PeopleReadModel } from './people.read-model.js';
import { PeopleResolver } from './people.resolver.js';
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
export class PeopleModule {}

import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';

import { TokenVerifier } from './token-verifier.js';

@Global()
@Module({
  providers: [
    {
      provide: TokenVerifier,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenVerifier(config.auth, { cacheSize: config.caches.verifiedTokens }),
    },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}

import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';

/**
 * Builds another instance of the service on its own files: the import's dry run rehearses its
 * steps on a scratch copy of the log, the demo records a region's history on an instance of its
 * own. Provided by the composition root (app/create-app.ts), so that no feature imports the
 * application that imports it.
 */
export const SCRATCH_APP = Symbol('scoran:scratchApp');
export type ScratchAppFactory = (config: AppConfig) => Promise<INestApplication>;

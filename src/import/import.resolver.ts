import { randomUUID } from 'node:crypto';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ModuleRef } from '@nestjs/core';
import { CurrentPrincipal, RequireRoles } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { apiError, badUserInput } from '../graphql/errors.js';
import { deploymentMapping, InvalidMapping, type DeploymentMapping } from './deployment-mapping.js';
import { importFile, ImportRefused, type ImportPhase, type ImportReport } from './importer.js';
import { IMPORT_MAX_BYTES, ImportFileInput, ImportJobModel, ImportReportModel } from './import.model.js';

interface ImportJob {
  id: string;
  fileName: string;
  mode: 'dry-run' | 'commit';
  phase: ImportPhase | 'done' | 'failed';
  done: number;
  total: number | null;
  report: ImportReport | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** Jobs kept for polling once finished (the oldest finished ones are forgotten first). */
const KEPT_JOBS = 20;

/**
 * Import over GraphQL. The file travels as base64 in the mutation's JSON: it goes through the same
 * transport, authentication, limits and error mapping as every other call, where a multipart upload
 * would need its own middleware and CSRF exemption (Apollo Server refuses multipart by default).
 * `importSpreadsheet` answers once done; `startImport` answers at once and `importJob` shows the
 * progress, for files whose commit outlasts an HTTP request.
 */
@Resolver()
export class ImportResolver {
  private running = false;
  private readonly jobs = new Map<string, ImportJob>();

  constructor(private readonly moduleRef: ModuleRef) {}

  @RequireRoles('admin')
  @Mutation(() => ImportReportModel, {
    description:
      'Admin only. Validates a spreadsheet of a region’s existing record (dry run, the default) or records every row (commit: true), all or nothing.',
  })
  async importSpreadsheet(@Args('input') input: ImportFileInput, @CurrentPrincipal() principal: Principal): Promise<ImportReport> {
    const { bytes, mapping } = this.checked(input);
    this.running = true;
    try {
      return await importFile(this.moduleRef, input.fileName, bytes, { principal, commit: input.commit ?? false, mapping });
    } catch (error) {
      if (error instanceof ImportRefused) throw apiError('FORBIDDEN', error.message);
      throw error;
    } finally {
      this.running = false;
    }
  }

  @RequireRoles('admin')
  @Mutation(() => ImportJobModel, {
    description: 'Admin only. As importSpreadsheet, but answers at once with a job to poll (importJob) for its phase, progress and, once done, its report.',
  })
  startImport(@Args('input') input: ImportFileInput, @CurrentPrincipal() principal: Principal): ImportJob {
    const { bytes, mapping } = this.checked(input);
    this.running = true;
    const job: ImportJob = {
      id: randomUUID(),
      fileName: input.fileName,
      mode: input.commit ? 'commit' : 'dry-run',
      phase: 'validating',
      done: 0,
      total: null,
      report: null,
      error: null,
      startedAt: new Date(),
      finishedAt: null,
    };
    this.keep(job);
    void importFile(this.moduleRef, input.fileName, bytes, {
      principal,
      commit: input.commit ?? false,
      mapping,
      onPhase: (phase) => (job.phase = phase),
      onProgress: (done, total) => Object.assign(job, { done, total }),
    })
      .then((report) => Object.assign(job, { phase: 'done', report }))
      .catch((error: unknown) => Object.assign(job, { phase: 'failed', error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        job.finishedAt = new Date();
        this.running = false;
      });
    return { ...job };
  }

  @RequireRoles('admin')
  @Query(() => ImportJobModel, {
    nullable: true,
    description: 'Admin only. An import started with startImport on this service (the last 20 are kept); null when unknown.',
  })
  importJob(@Args('id', { type: () => ID }) id: string): ImportJob | null {
    return this.jobs.get(id) ?? null;
  }

  /** The file's bytes and mapping, or a typed error; and no other import running. */
  private checked(input: ImportFileInput): { bytes: Buffer; mapping?: DeploymentMapping } {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) throw badUserInput('contentBase64 holds no bytes', ['contentBase64']);
    if (bytes.length > IMPORT_MAX_BYTES) throw badUserInput(`The file is larger than ${IMPORT_MAX_BYTES} bytes`, ['contentBase64']);
    let mapping: DeploymentMapping | undefined;
    if (input.deploymentMapping) {
      const { preset, columns, source, quarter, sheet } = input.deploymentMapping;
      try {
        mapping = deploymentMapping({ preset, json: columns === undefined ? undefined : { columns }, source, quarter, sheet });
      } catch (error) {
        if (error instanceof InvalidMapping) throw badUserInput(error.message, ['deploymentMapping']);
        throw error;
      }
    }
    if (this.running) throw apiError('CONFLICT', 'Another import is running on this service: try again once it is done');
    return { bytes, mapping };
  }

  private keep(job: ImportJob): void {
    this.jobs.set(job.id, job);
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== null);
    for (const old of finished.slice(0, Math.max(0, this.jobs.size - KEPT_JOBS))) this.jobs.delete(old.id);
  }
}

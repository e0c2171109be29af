import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ModuleRef } from '@nestjs/core';
import { CurrentPrincipal, RequireRoles } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { apiError, badUserInput } from '../graphql/errors.js';
import { importFile, ImportRefused, type ImportReport } from './importer.js';
import { IMPORT_MAX_BYTES, ImportFileInput, ImportReportModel } from './import.model.js';

/**
 * Import over GraphQL. The file travels as base64 in the mutation's JSON: it goes through the same
 * transport, authentication, limits and error mapping as every other call, where a multipart upload
 * would need its own middleware and CSRF exemption (Apollo Server refuses multipart by default).
 */
@Resolver()
export class ImportResolver {
  private running = false;

  constructor(private readonly moduleRef: ModuleRef) {}

  @RequireRoles('admin')
  @Mutation(() => ImportReportModel, {
    description: 'Admin only. Validates a spreadsheet of a region’s existing record (dry run, the default) or records every row (commit: true), all or nothing.',
  })
  async importSpreadsheet(@Args('input') input: ImportFileInput, @CurrentPrincipal() principal: Principal): Promise<ImportReport> {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) throw badUserInput('contentBase64 holds no bytes', ['contentBase64']);
    if (bytes.length > IMPORT_MAX_BYTES) throw badUserInput(`The file is larger than ${IMPORT_MAX_BYTES} bytes`, ['contentBase64']);
    if (this.running) throw apiError('CONFLICT', 'Another import is running on this service: try again once it is done');
    this.running = true;
    try {
      return await importFile(this.moduleRef, input.fileName, bytes, { principal, commit: input.commit ?? false });
    } catch (error) {
      if (error instanceof ImportRefused) throw apiError('FORBIDDEN', error.message);
      throw error;
    } finally {
      this.running = false;
    }
  }
}

import { once } from 'node:events';
import { Catch, Controller, Get, Query, Res, UseFilters, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { RequireRoles } from '../auth/access.decorators.js';
import { EXPORT_FORMAT, eventLine, isFiltered, matchesFilter, type ExportFilter } from './export-format.js';
import { IntegrityService } from './integrity.service.js';
import { computeTree, consistencyProofRanges, inclusionPathRanges, toHex, type NodeRange } from './merkle.js';
import { scalarText } from '../shared/scalar-text.js';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 };

/** The API's coded errors as plain JSON with an HTTP status, for this non-GraphQL route. */
@Catch(GraphQLError)
class HttpApiErrorFilter implements ExceptionFilter {
  catch(error: GraphQLError, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const code = scalarText(error.extensions?.code, 'INTERNAL');
    if (res.headersSent) return res.end();
    res.status(STATUS[code] ?? 500).json({ error: { code, message: error.message } });
  }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const PATTERNS: Record<keyof ExportFilter, RegExp> = {
  stream: /^[a-zA-Z][a-zA-Z0-9]*-[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/,
  category: /^[a-zA-Z][a-zA-Z0-9]{0,99}$/,
  type: /^[A-Za-z][A-Za-z0-9]{0,99}$/,
  recordedFrom: INSTANT,
  recordedTo: INSTANT,
  occurredFrom: INSTANT,
  occurredTo: INSTANT,
  actor: /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/,
  principal: /^[\x21-\x7e]{1,200}$/,
  correlationId: /^[0-9a-fA-F-]{36}$/,
};

function filterOf(query: Record<string, unknown>): ExportFilter {
  const filter: ExportFilter = {};
  for (const [name, value] of Object.entries(query)) {
    // Own properties only: `__proto__`, `constructor`, `toString` are unknown filters, not Object.prototype's.
    if (!Object.hasOwn(PATTERNS, name)) throw new GraphQLError(`Unknown filter ${name.slice(0, 50)}`, { extensions: { code: 'BAD_USER_INPUT' } });
    const pattern = PATTERNS[name as keyof ExportFilter];
    if (typeof value !== 'string' || !pattern.test(value) || (pattern === INSTANT && Number.isNaN(Date.parse(value)))) {
      throw new GraphQLError(`Invalid ${name}`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    filter[name as keyof ExportFilter] = value;
  }
  return filter;
}

/**
 * GET /integrity/export: NDJSON (format in export-format.ts). Seals first, so every exported event
 * is covered by the seal that follows the events. Written as read, respecting back-pressure.
 */
@Controller('integrity')
@UseFilters(HttpApiErrorFilter)
export class ExportController {
  constructor(private readonly integrity: IntegrityService) {}

  @RequireRoles('auditor', 'admin')
  @Get('export')
  async export(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const filter = filterOf(query);
    const seal = await this.integrity.sealNow();
    const treeSize = seal?.treeSize ?? 0;
    const complete = !isFiltered(filter);
    res.status(200).setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="scoran-ledger-export.ndjson"');
    const write = async (value: unknown) => {
      if (!res.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`)) await once(res, 'drain');
    };
    await write({ kind: 'header', format: EXPORT_FORMAT, exportedAt: new Date().toISOString(), filter, complete });
    const selected: number[] = [];
    if (treeSize > 0) {
      for await (const record of this.integrity.records()) {
        if (record.index >= treeSize) break;
        if (!matchesFilter(record, filter)) continue;
        if (!complete) selected.push(record.index);
        await write(eventLine(record));
      }
    }
    if (seal) {
      const { treeSize: size, lastPosition, root, eventId, position, recordedAt } = seal;
      await write({ kind: 'seal', treeSize: size, lastPosition, root, eventId, position, recordedAt });
      // One pass over the sealed tree gives every inclusion path and every consistency proof.
      const earlier = (await this.integrity.seals()).filter((s) => s.treeSize >= 1 && s.treeSize < treeSize);
      const inclusion = selected.map((index) => inclusionPathRanges(index, treeSize));
      const consistency = earlier.map((s) => consistencyProofRanges(s.treeSize, treeSize));
      const requested: NodeRange[] = [...inclusion.flat(), ...consistency.flat()];
      const { nodes } = await computeTree(this.integrity.leaves(), treeSize, requested);
      let offset = 0;
      const take = (count: number) => nodes.slice(offset, (offset += count)).map(toHex);
      for (const [i, ranges] of inclusion.entries()) await write({ kind: 'inclusion', index: selected[i], path: take(ranges.length) });
      for (const [i, ranges] of consistency.entries()) {
        await write({ kind: 'consistency', firstSize: earlier[i].treeSize, firstRoot: earlier[i].root, secondSize: treeSize, path: take(ranges.length) });
      }
    }
    res.end();
  }
}

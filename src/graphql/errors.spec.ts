import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { requestContext } from '../runtime/request-context.js';
import { conflict, invalid } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import { ConcurrencyError } from '../event-store/errors.js';
import { ProjectionTimeoutError } from '../projections/projection-runner.js';
import { ERROR_CODES, formatApiError } from './errors.js';

const formatted = (message: string, extensions: Record<string, unknown> = {}): GraphQLFormattedError => ({ message, path: ['x'], extensions });
const asResolverError = (original: Error) => new GraphQLError(original.message, { path: ['x'], originalError: original });

describe('formatApiError: the closed set of codes', () => {
  it('turns anything unexpected into INTERNAL with the request id, hiding the message and logging it', () => {
    const logged: unknown[] = [];
    const secret = new Error('SQLITE_ERROR: no such table: actors at /srv/app/dist/x.js');
    const result = requestContext.run({ requestId: 'req-42' }, () =>
      formatApiError(formatted(secret.message, { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] }), asResolverError(secret), {
        error: (...args: unknown[]) => logged.push(args),
      }),
    );
    expect(result).toEqual({
      message: 'Internal error (request req-42)',
      path: ['x'],
      locations: undefined,
      extensions: { code: 'INTERNAL', requestId: 'req-42' },
    });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|srv|stack/i);
    expect(logged).toHaveLength(1);
  });

  it('maps domain rejections by kind, with field paths', () => {
    expect(formatApiError(formatted('x'), asResolverError(invalid('bad name', 'name'))).extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['name'] });
    expect(formatApiError(formatted('x'), asResolverError(conflict('already'))).extensions).toEqual({ code: 'CONFLICT' });
  });

  it('adds a catalogued rejection’s code and parameters, the message staying English', () => {
    const result = formatApiError(formatted('x'), asResolverError(conflict(refusal('actor.retired', { actorId: 'cd-44' }))));
    expect(result.message).toBe('Actor cd-44 is retired and can no longer act or change');
    expect(result.extensions).toEqual({ code: 'CONFLICT', refusal: { code: 'actor.retired', params: { actorId: 'cd-44' } } });
  });

  it('maps a concurrency error to CONFLICT with both revisions, and a late read model to INTERNAL with advice', () => {
    const result = formatApiError(formatted('x'), asResolverError(new ConcurrencyError('actor-1', 3, 5)));
    expect(result.extensions).toEqual({ code: 'CONFLICT', expectedRevision: 3, actualRevision: 5 });
    const late = formatApiError(formatted('x'), asResolverError(new ProjectionTimeoutError(10n, ['actors'])));
    expect(late.extensions!.code).toBe('INTERNAL');
    expect(late.message).toMatch(/same commandId/);
  });

  it('never lets an unknown code through', () => {
    const custom = new GraphQLError('teapot', { extensions: { code: 'I_AM_A_TEAPOT' } });
    expect(ERROR_CODES).toContain(formatApiError(formatted('teapot', { code: 'I_AM_A_TEAPOT' }), asResolverError(custom)).extensions!.code);
  });
});

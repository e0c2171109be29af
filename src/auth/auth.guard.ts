import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { apiError, AuthenticationError } from '../graphql/errors.js';
import { requestContext } from '../runtime/request-context.js';
import { ACCESS, requestOf, type AccessRule } from './access.decorators.js';
import { authorityFor, reachCovers, type Reach } from './authority.js';
import type { Principal } from '../shared/principal.js';
import { isFromToken, TokenVerifier } from './token-verifier.js';

/** Tells whether an actor is registered and may still act. Provided by the actor registry. */
export const ACTOR_STATUS = Symbol('ACTOR_STATUS');
export interface ActorStatusLookup {
  /** Undefined when no actor has this id. */
  statusOf(actorId: string): 'active' | 'retired' | undefined;
}

/** The regions a write touches and those of an actor (provided by the audit module). */
export const WRITE_SCOPE = Symbol('WRITE_SCOPE');
export interface WriteScopeLookup {
  regionsOfWrite(operation: string, input: Record<string, unknown>): Set<string>;
  regionsOfActor(actorId: string): ReadonlySet<string>;
}

/** The one write an unregistered admin may make: registering actors (the first admin bootstraps the registry). */
const BOOTSTRAP_OPERATION = 'registerActor';

/**
 * Every GraphQL field and HTTP route goes through here. Mutations always need a valid token and
 * pass the authority table (authority.ts: role × operation × regional or national reach, the
 * regions derived from the record); queries follow their @PublicRead / @RequireRoles mark
 * (unmarked: any authenticated caller). A token that is present but invalid, or names an actor
 * that is not registered or is retired, is refused even where none is needed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private scope?: WriteScopeLookup;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(ACTOR_STATUS) private readonly actors?: ActorStatusLookup,
    @Optional() private readonly moduleRef?: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    const gql = context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context) : undefined;
    const info = gql?.getInfo<{ parentType: { name: string }; fieldName: string }>();
    const isMutation = info?.parentType.name === 'Mutation';
    const rule: AccessRule = (!isMutation && this.reflector.getAllAndOverride<AccessRule>(ACCESS, [context.getHandler(), context.getClass()])) || {
      kind: 'authenticated',
    };

    const principal = request.principal ?? (await this.authenticate(request.headers.authorization));
    if (principal) {
      this.requireRegisteredActor(principal, isMutation ? info.fieldName : undefined);
      request.principal = principal;
      const current = requestContext.current();
      if (current) current.principal = principal;
    }
    if (rule.kind === 'publicRead' && !this.config.auth.requireTokenForQueries) return true;
    if (!principal) throw apiError('UNAUTHENTICATED', 'A bearer token is required (Authorization: Bearer <JWT>)');
    if (rule.kind === 'roles' && !rule.roles.includes(principal.role)) {
      throw apiError('FORBIDDEN', `This needs one of the roles: ${rule.roles.join(', ')}`);
    }
    if (isMutation) this.requireAuthority(principal, info.fieldName, gql!.getArgs());
    return true;
  }

  /** A token's actor must be registered and active; an admin's may be unregistered only to register actors (bootstrap). */
  private requireRegisteredActor(principal: Principal, mutation: string | undefined) {
    if (!this.actors || !isFromToken(principal)) return;
    const status = this.actors.statusOf(principal.actorId);
    if (status === 'retired') throw apiError('FORBIDDEN', `Actor ${principal.actorId} is retired and can no longer act`);
    if (status) return;
    if (principal.role === 'admin' && mutation === BOOTSTRAP_OPERATION) return;
    throw apiError('UNAUTHENTICATED', `The token names actor ${principal.actorId}, which is not registered`);
  }

  private requireAuthority(principal: Principal, operation: string, args: Record<string, unknown>) {
    const rule = authorityFor(operation);
    if (!rule) throw apiError('FORBIDDEN', `${operation} has no entry in the authority table`, { authority: 'role', operation });
    const reach = rule.roles[principal.role];
    if (!reach) throw apiError('FORBIDDEN', `The role ${principal.role} may not ${operation}: ${rule.reason}`, { authority: 'role', operation });
    if (reach === 'national') return;
    const scope = this.writeScope();
    const input = (args.input && typeof args.input === 'object' ? args.input : args) as Record<string, unknown>;
    assertWithinReach(principal, operation, reach, scope.regionsOfWrite(operation, input), scope.regionsOfActor(principal.actorId));
  }

  private writeScope(): WriteScopeLookup {
    this.scope ??= this.moduleRef?.get<WriteScopeLookup>(WRITE_SCOPE, { strict: false });
    if (!this.scope) throw new Error('No write scope provider: the audit module is not loaded');
    return this.scope;
  }

  private async authenticate(header: string | string[] | undefined) {
    if (header === undefined) return undefined;
    const value = Array.isArray(header) ? header[0] : header;
    const match = /^Bearer\s+(\S+)$/i.exec(value ?? '');
    if (!match) throw apiError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <JWT>"');
    try {
      return await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof AuthenticationError) throw apiError('UNAUTHENTICATED', error.message);
      throw error;
    }
  }
}

/**
 * FORBIDDEN unless the reach covers every region the write touches. The guard calls it with the
 * regions derived from the input; a write whose regions are only known once a file is read (a zone
 * file) calls it again after reading.
 */
export function assertWithinReach(principal: Principal, operation: string, reach: Reach, touched: ReadonlySet<string>, own: ReadonlySet<string>): void {
  if (reachCovers(reach, touched, own)) return;
  const outside = [...touched].filter((region) => !own.has(region)).sort();
  throw apiError(
    'FORBIDDEN',
    `This write touches region ${outside.join(', ')}, outside the regions of actor ${principal.actorId} (${[...own].sort().join(', ') || 'none'})`,
    {
      authority: 'region',
      operation,
      regions: outside,
    },
  );
}

import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { apiError } from '../graphql/errors.js';
import { requestContext } from '../app/request-context.js';
import { ACCESS, requestOf, type AccessRule } from './access.decorators.js';
import { AuthenticationError, TokenVerifier } from './token-verifier.js';

/** Tells whether an actor may still act (a retired actor may not). Provided by the actor registry. */
export const ACTOR_STATUS = Symbol('ACTOR_STATUS');
export interface ActorStatusLookup {
  isRetired(actorId: string): boolean;
}

/**
 * Every GraphQL field and HTTP route goes through here. Mutations always need a valid token;
 * queries follow their @PublicRead / @RequireRoles mark (unmarked: any authenticated caller).
 * A token that is present but invalid is refused even where none is needed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(ACTOR_STATUS) private readonly actors?: ActorStatusLookup,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    const isMutation = context.getType<string>() === 'graphql' && GqlExecutionContext.create(context).getInfo().parentType.name === 'Mutation';
    const rule: AccessRule =
      (!isMutation && this.reflector.getAllAndOverride<AccessRule>(ACCESS, [context.getHandler(), context.getClass()])) || { kind: 'authenticated' };

    const principal = request.principal ?? (await this.authenticate(request.headers.authorization));
    if (principal) {
      request.principal = principal;
      const current = requestContext.current();
      if (current) current.principal = principal;
    }
    if (rule.kind === 'publicRead' && !this.config.auth.requireTokenForQueries) return true;
    if (!principal) throw apiError('UNAUTHENTICATED', 'A bearer token is required (Authorization: Bearer <JWT>)');
    if (rule.kind === 'roles' && !rule.roles.includes(principal.role)) {
      throw apiError('FORBIDDEN', `This needs one of the roles: ${rule.roles.join(', ')}`);
    }
    if (isMutation && this.actors?.isRetired(principal.actorId)) {
      throw apiError('FORBIDDEN', `Actor ${principal.actorId} is retired and can no longer act`);
    }
    return true;
  }

  private async authenticate(header: string | string[] | undefined) {
    if (header === undefined) return undefined;
    const value = Array.isArray(header) ? header[0] : header;
    const match = /^Bearer\s+(\S+)$/i.exec(value ?? '');
    if (!match) throw apiError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <JWT>"');
    try {
      return await this.verifier.verify(match[1]!);
    } catch (error) {
      if (error instanceof AuthenticationError) throw apiError('UNAUTHENTICATED', error.message);
      throw error;
    }
  }
}

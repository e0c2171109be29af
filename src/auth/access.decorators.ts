import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Principal, Role } from '../shared/principal.js';

export const ACCESS = 'scoran:access';
export type AccessRule = { kind: 'publicRead' } | { kind: 'authenticated' } | { kind: 'roles'; roles: Role[] };

/** A query of public state: open, unless AUTH_REQUIRE_TOKEN_FOR_QUERIES=true. */
export const PublicRead = () => SetMetadata(ACCESS, { kind: 'publicRead' } satisfies AccessRule);
/** Only these roles (audit queries: auditor, admin). */
export const RequireRoles = (...roles: Role[]) => SetMetadata(ACCESS, { kind: 'roles', roles } satisfies AccessRule);

type AccessRequest = { headers: Record<string, string | string[] | undefined>; principal?: Principal };

export function requestOf(context: ExecutionContext): AccessRequest {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: AccessRequest }>().req;
  return context.switchToHttp().getRequest<AccessRequest>();
}

/** The verified principal (the guard ran before). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext) => requestOf(context).principal);

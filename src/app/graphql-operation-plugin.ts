import type { ApolloServerPlugin } from '@apollo/server';
import { requestContext } from '../runtime/request-context.js';

/**
 * Notes the GraphQL operation (name, type) and the first error code in the request context, so the
 * request log line and the metrics tell GraphQL operations apart (every one is POST /graphql).
 */
export function graphqlOperationPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart(start) {
      const context = requestContext.current();
      if (context && start.request.operationName) context.operationName = start.request.operationName;
      return {
        async didResolveOperation(resolved) {
          if (!context) return;
          context.operationName = resolved.operationName ?? '(anonymous)';
          context.operationType = resolved.operation?.operation;
        },
        async willSendResponse(response) {
          if (!context || context.errorCode) return;
          const body = response.response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          const code = errors?.[0]?.extensions?.code;
          if (typeof code === 'string') context.errorCode = code;
        },
      };
    },
  };
}

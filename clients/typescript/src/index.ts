export { ScoranClient, type ScoranClientOptions, type TokenProvider, type CommandInput, type ConnectionShape, type ReportDownload } from './client.js';
export {
  ScoranError,
  BadUserInputError,
  UnauthenticatedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  InternalError,
  RateLimitedError,
  NetworkError,
  errorFromResponse,
  type ScoranErrorCode,
  type GraphQLErrorShape,
} from './errors.js';
export * from './generated/graphql.js';

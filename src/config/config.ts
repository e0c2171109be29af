import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

/**
 * Typed configuration from environment variables, validated at start: a bad value stops the start
 * with a message naming the variable. `.env.example` documents every variable.
 */
export type NodeEnvironment = 'development' | 'test' | 'production';

export interface AppConfig {
  nodeEnv: NodeEnvironment;
  port: number;
  host: string;
  eventStore: { engine: 'sqlite'; path: string; synchronous: 'FULL' | 'NORMAL' } | { engine: 'eventstoredb'; connectionString: string };
  readModelPath: string;
  readModels: {
    /** A read model whose checkpoint the log does not hold (restored backup, another file): rebuild it, or refuse to start. */
    onLogMismatch: 'rebuild' | 'refuse';
  };
  /** SQLite file of the people registry's per-person keys: kept apart from the log (docs/personal-data.md). */
  keyStorePath: string;
  auth: {
    /** HMAC secret for development tokens (HS256); at least 32 characters. */
    devSecret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    /** Whether queries of public state need a token. */
    requireTokenForQueries: boolean;
  };
  graphql: {
    introspection: boolean;
    graphiql: boolean;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    maxPageSize: number;
  };
  rateLimit: {
    requestsPerMinute: number;
    /**
     * Express `trust proxy`: which proxies' X-Forwarded-For to believe for the client address
     * (false: none, the socket's address is the client's). Never `true`: anyone could pick an address.
     */
    trustProxy: false | number | string;
  };
  /** How long a mutation waits for its own effect to reach the read models (ms). */
  readYourWritesTimeoutMs: number;
  /** Performance caches, bounded (docs/benchmarks.md says what they buy). */
  caches: {
    /** Streams whose folded state commands keep in memory (least recently used leave first; 0: off). */
    commandStateStreams: number;
    /** Verified bearer tokens kept until their expiry (0: verify every request). */
    verifiedTokens: number;
    /** Answers of hot list queries (actors, commitments) kept while the read models are unchanged (0: off). */
    listResults: number;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  commitments: {
    /** At risk when progress trails the straight line from 0 to the target by more than this share of it. */
    atRiskThreshold: number;
    /** Days after the due date before an unfulfilled commitment is recorded as breached. */
    breachGraceDays: number;
    /** How often the service looks for lapsed commitments (minutes; 0: never). */
    lapseCheckMinutes: number;
  };
  /** Demo data for Pays de la Loire (docs/demo.md): `auto` loads it at start when the store is empty; never in production. */
  demoData: 'auto' | 'off';
  reports: {
    /** Whether the service issues reports by itself (the cron below, and a catch-up at start). */
    schedulerEnabled: boolean;
    /** Six-field cron (seconds first), read in `timeZone`. */
    cron: string;
    timeZone: string;
    /** Regions to issue for; empty: every region the log names. */
    regions: string[];
    /** The first semester to issue (`2014-S1`); unset: the semester of the region's first event. */
    firstSemester?: string;
    recipients: string[];
    /** Days after a semester's cut-off that regions have to issue or submit; then the national synthesis is issued with the regions still missing. */
    nationalDeadlineDays: number;
  };
  integrity: {
    /** How often the service seals the log when it grew (minutes; 0: never, only on demand). */
    sealIntervalMinutes: number;
  };
  /** GET /metrics (Prometheus): on by default; with a token, only for `Authorization: Bearer <token>`. */
  metrics: { enabled: boolean; token?: string };
  /** OpenTelemetry traces of the command path over OTLP/HTTP (destination: OTEL_EXPORTER_OTLP_* variables); off by default. */
  tracing: { enabled: boolean };
  /** The starter front-end (web/dist) at /app and GraphiQL's built page: served when GraphiQL is on, or when asked. */
  web: { serveApp: boolean; distDir: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * The configuration of a command-line tool that opens the store itself (import, demo). It serves no
 * request and verifies no token, so outside production a machine without a token secret (no
 * `npm start` yet) gets a throwaway one instead of a refusal.
 */
export function loadToolConfig(env: Env): AppConfig {
  const config = loadConfig(env);
  if (config.nodeEnv === 'production' || config.auth.devSecret !== undefined || config.auth.jwksUrl !== undefined) return config;
  return { ...config, auth: { ...config.auth, devSecret: randomBytes(32).toString('base64url') } };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = nodeEnv === 'production';
  const connectionString = read.string('EVENTSTORE_CONNECTION_STRING');
  if (connectionString !== undefined && !/^(esdb|esdb\+discover|kurrentdb|kdb):\/\//.test(connectionString)) {
    problems.push('EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://');
  }
  const devSecret = read.string('AUTH_DEV_SECRET');
  if (devSecret !== undefined && devSecret.length < 32) problems.push('AUTH_DEV_SECRET must be at least 32 characters');
  const jwksUrl = read.url('AUTH_JWKS_URL');
  const issuer = read.string('AUTH_ISSUER');
  const audience = read.string('AUTH_AUDIENCE');
  if (jwksUrl && (!issuer || !audience)) problems.push('AUTH_JWKS_URL needs AUTH_ISSUER and AUTH_AUDIENCE');
  if (production && devSecret) problems.push('AUTH_DEV_SECRET must not be set when NODE_ENV=production (use AUTH_JWKS_URL)');
  if (production && !jwksUrl) problems.push('AUTH_JWKS_URL is required when NODE_ENV=production');

  // Read (and so validate) every variable, even those the chosen engine will not use.
  const sqlitePath = read.string('EVENT_STORE_PATH') ?? './data/events.db';
  const synchronous = read.oneOf('EVENT_STORE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL');
  const config: AppConfig = {
    nodeEnv,
    port: read.integer('PORT', 3000, 1, 65535),
    host: read.string('HOST') ?? '127.0.0.1',
    eventStore: connectionString ? { engine: 'eventstoredb', connectionString } : { engine: 'sqlite', path: sqlitePath, synchronous },
    readModelPath: read.string('READ_MODEL_PATH') ?? './data/read-models.db',
    readModels: { onLogMismatch: read.oneOf('READ_MODEL_ON_LOG_MISMATCH', ['rebuild', 'refuse'] as const, 'rebuild') },
    keyStorePath: read.string('KEY_STORE_PATH') ?? (sqlitePath === ':memory:' ? ':memory:' : join(dirname(sqlitePath), 'keys.db')),
    auth: {
      devSecret,
      jwksUrl,
      issuer,
      audience,
      requireTokenForQueries: read.boolean('AUTH_REQUIRE_TOKEN_FOR_QUERIES', false),
    },
    graphql: {
      introspection: read.boolean('GRAPHQL_INTROSPECTION', !production),
      graphiql: read.boolean('GRAPHQL_GRAPHIQL', !production),
      maxDepth: read.integer('GRAPHQL_MAX_DEPTH', 10, 2, 50),
      maxAliases: read.integer('GRAPHQL_MAX_ALIASES', 15, 1, 200),
      maxCost: read.integer('GRAPHQL_MAX_COST', 5000, 10, 1_000_000),
      maxPageSize: read.integer('GRAPHQL_MAX_PAGE_SIZE', 100, 1, 1000),
    },
    rateLimit: { requestsPerMinute: read.integer('RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000), trustProxy: read.trustProxy('TRUST_PROXY') },
    readYourWritesTimeoutMs: read.integer('READ_YOUR_WRITES_TIMEOUT_MS', 5000, 10, 60_000),
    caches: {
      commandStateStreams: read.integer('COMMAND_STATE_CACHE_STREAMS', 10_000, 0, 10_000_000),
      verifiedTokens: read.integer('VERIFIED_TOKEN_CACHE_SIZE', 10_000, 0, 10_000_000),
      listResults: read.integer('LIST_RESULT_CACHE_SIZE', 200, 0, 100_000),
    },
    logLevel: read.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info'),
    commitments: {
      atRiskThreshold: read.integer('COMMITMENT_AT_RISK_THRESHOLD_PERCENT', 10, 0, 100) / 100,
      breachGraceDays: read.integer('COMMITMENT_BREACH_GRACE_DAYS', 0, 0, 3650),
      lapseCheckMinutes: read.integer('COMMITMENT_LAPSE_CHECK_MINUTES', nodeEnv === 'test' ? 0 : 60, 0, 10_080),
    },
    demoData: read.oneOf('DEMO_DATA', ['auto', 'off'] as const, nodeEnv === 'development' ? 'auto' : 'off'),
    reports: {
      schedulerEnabled: read.boolean('REPORT_SCHEDULER_ENABLED', nodeEnv !== 'test'),
      cron: read.matching('REPORT_CRON', /^(\S+\s+){5}\S+$/, 'a six-field cron expression (seconds first)', '0 30 1 1 1,7 *'),
      timeZone: read.timeZone('REPORT_TIME_ZONE', 'Europe/Paris'),
      regions: read.list('REPORT_REGIONS', /^\d{2}$/, 'INSEE region codes'),
      firstSemester: read.matching('REPORT_FIRST_SEMESTER', /^\d{4}-S[12]$/, 'a semester such as 2014-S1'),
      recipients: read.list('REPORT_RECIPIENTS', /^[a-z0-9][a-z0-9_.-]{0,62}$/, 'actor ids'),
      nationalDeadlineDays: read.integer('NATIONAL_SYNTHESIS_DEADLINE_DAYS', 30, 0, 365),
    },
    integrity: {
      sealIntervalMinutes: read.integer('INTEGRITY_SEAL_INTERVAL_MINUTES', nodeEnv === 'test' ? 0 : 60, 0, 10_080),
    },
    metrics: { enabled: read.boolean('METRICS_ENABLED', true), token: read.string('METRICS_TOKEN') },
    tracing: { enabled: read.boolean('TRACING_ENABLED', false) },
    web: { serveApp: read.boolean('WEB_APP_ENABLED', !production), distDir: read.string('WEB_DIST_DIR') ?? './web/dist' },
  };
  if (config.metrics.token !== undefined && config.metrics.token.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');
  if (config.reports.recipients.length === 0) config.reports.recipients = ['mission-france-thd', 'datar'];
  if (production && (config.graphql.introspection || config.graphql.graphiql)) {
    problems.push('GRAPHQL_INTROSPECTION and GRAPHQL_GRAPHIQL must be off when NODE_ENV=production');
  }
  if (production && config.demoData === 'auto') problems.push('DEMO_DATA=auto is refused when NODE_ENV=production (demo data never goes into a real log)');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /** `false` (default), a number of proxy hops, or a comma-separated list of addresses, CIDR ranges, loopback/linklocal/uniquelocal. */
  trustProxy(name: string): false | number | string {
    const raw = this.string(name);
    if (raw === undefined || raw.toLowerCase() === 'false') return false;
    if (/^\d{1,2}$/.test(raw)) return Number(raw);
    const items = raw.split(',').map((item) => item.trim());
    if (items.every((item) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(item))) return items.join(',');
    this.problems.push(
      `${name} must be false, a number of proxy hops, or a list of proxy addresses/CIDR ranges (never true: any client could then choose its address) (got "${raw}")`,
    );
    return false;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  matching(name: string, pattern: RegExp, what: string): string | undefined;
  matching(name: string, pattern: RegExp, what: string, fallback: string): string;
  matching(name: string, pattern: RegExp, what: string, fallback?: string): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (pattern.test(raw)) return raw;
    this.problems.push(`${name} must be ${what} (got "${raw}")`);
    return fallback;
  }

  /** Comma-separated values, each matching the pattern; empty when unset. */
  list(name: string, pattern: RegExp, what: string): string[] {
    const raw = this.string(name);
    if (raw === undefined) return [];
    const values = raw
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    const bad = values.filter((v) => !pattern.test(v));
    if (bad.length > 0) this.problems.push(`${name} must be a comma-separated list of ${what} (bad: ${bad.join(', ')})`);
    return values.filter((v) => pattern.test(v));
  }

  timeZone(name: string, fallback: string): string {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    try {
      new Intl.DateTimeFormat('en', { timeZone: raw });
      return raw;
    } catch {
      this.problems.push(`${name} must be an IANA time zone such as Europe/Paris (got "${raw}")`);
      return fallback;
    }
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  url(name: string): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be an http(s) URL (got "${raw}")`);
      return undefined;
    }
  }
}

import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Global, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD, ModuleRef } from '@nestjs/core';
import { ProjectMilestones } from '../milestones/project-milestones.js';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { ScheduleModule } from '@nestjs/schedule';
import { ActorsModule } from '../actors/actors.module.js';
import { ACTOR_STATUS, AuthGuard, type ActorStatusLookup } from '../auth/auth.guard.js';
import { AuthModule } from '../auth/auth.module.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { graphqlContext, graphqlWsOptions } from '../auth/subscription-auth.js';
import { APP_CONFIG, ConfigModule } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { EventStoreModule } from '../event-store/event-store.module.js';
import { formatApiError } from '../graphql/errors.js';
import { queryLimitsRule } from '../graphql/query-limits.js';
import { rememberWrittenDates } from '../graphql/date-time.js';
import { describeLengths } from '../graphql/length-descriptions.js';
import { HistoryResolver } from '../audit/history.resolver.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { REPORT_SECTIONS } from '../reports/report-section.js';
import { reportSections } from './report-sections.js';
import { CODE_FIELDS_OF_FEATURES, DEMO_OF_FEATURES, FEATURES } from './features.js';
import { CODE_FIELDS, DEMO_CONTRIBUTIONS } from '../runtime/feature.js';
import { EntityStates } from '../runtime/entity-states.js';
import { Projections } from '../projections/projections.module.js';
import { TerritoryService } from '../territory/territory.service.js';
import { CommandExecutor } from '../runtime/command-executor.js';
import { ExecuteCommandHandler } from '../runtime/execute-command.js';
import { CommandGateway } from '../graphql/command-gateway.js';
import { HealthController } from './health.controller.js';
import { RateLimiter, RateLimitModule } from '../auth/rate-limit.js';
import type { JsonLogger } from './json-logger.js';
import { graphqlOperationPlugin } from './graphql-operation-plugin.js';
import { Metrics } from '../shared/metrics.js';
import { MetricsModule } from '../metrics/metrics.module.js';

@Global()
@Module({ providers: [CommandExecutor, ExecuteCommandHandler, CommandGateway], exports: [CommandExecutor, CommandGateway] })
class CommandExecutionModule {}

/** Registers every feature's deciders (time travel), projections and milestone hosts, from the features list. */
@Injectable()
class FeatureRegistration implements OnModuleInit {
  constructor(
    private readonly states: EntityStates,
    private readonly projections: Projections,
    private readonly territories: TerritoryService,
    private readonly milestones: ProjectMilestones,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    for (const feature of FEATURES) {
      if (feature.milestones) this.milestones.register(feature.milestones, this.moduleRef.get(feature.milestones.readModel, { strict: false }));
      for (const stream of feature.streams) stream.registerFold(this.states);
      for (const projection of feature.projections({ territories: this.territories, codeFields: CODE_FIELDS_OF_FEATURES }))
        this.projections.register(projection);
    }
  }
}

@Module({ providers: [FeatureRegistration] })
class FeatureRegistrationModule {}

/** The report's sections and the features' territory code fields, listed here at the composition root (the report reads them, the features write them). */
@Global()
@Module({
  providers: [
    { provide: REPORT_SECTIONS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => reportSections(config) },
    { provide: CODE_FIELDS, useValue: CODE_FIELDS_OF_FEATURES },
    { provide: DEMO_CONTRIBUTIONS, useValue: DEMO_OF_FEATURES },
  ],
  exports: [REPORT_SECTIONS, CODE_FIELDS, DEMO_CONTRIBUTIONS],
})
class ReportSectionsModule {}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: JsonLogger, metrics = new Metrics()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule.forRoot(metrics),
        CqrsModule.forRoot(),
        EventStoreModule,
        ProjectionsModule,
        AuthModule,
        RateLimitModule,
        CommandExecutionModule,
        ReportSectionsModule,
        FeatureRegistrationModule,
        ...FEATURES.map((feature) => feature.module),
        ScheduleModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [ActorsModule],
          inject: [TokenVerifier, RateLimiter, ACTOR_STATUS],
          useFactory: (verifier: TokenVerifier, limiter: RateLimiter, actors: ActorStatusLookup): ApolloDriverConfig => {
            const validationRules = [
              queryLimitsRule({
                maxDepth: config.graphql.maxDepth,
                maxAliases: config.graphql.maxAliases,
                maxCost: config.graphql.maxCost,
                defaultPageSize: config.graphql.maxPageSize,
              }),
            ];
            const hideSuggestions = !config.graphql.introspection;
            return {
              path: '/graphql',
              // Built in memory; `npm run schema` writes the committed schema.gql (a test keeps it current).
              autoSchemaFile: true,
              sortSchema: true,
              // Each string input states its maximum length in its description (input hygiene enforces it);
              // a served Date is written once (date-time.ts).
              transformSchema: (schema) => rememberWrittenDates(describeLengths(schema)),
              // GraphiQL's page is ours (src/web/serve-web.ts): bundled, no CDN.
              graphiql: false,
              introspection: config.graphql.introspection,
              includeStacktraceInErrorResponses: false,
              // WebSocket = HTTP: same validation rules, rate limiter, token expiry and error codes.
              subscriptions: { 'graphql-ws': graphqlWsOptions({ verifier, limiter, actors, validationRules, logger, hideSuggestions }) as never },
              context: graphqlContext,
              // No HTTP cache hints are served; the default plugin would wrap every field resolver.
              plugins: [ApolloServerPluginCacheControlDisabled(), graphqlOperationPlugin()],
              formatError: (formatted, error) => formatApiError(formatted, error, logger, { hideSuggestions }),
              validationRules,
            };
          },
        }),
      ],
      controllers: [HealthController],
      providers: [HistoryResolver, { provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}

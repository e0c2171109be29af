import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { CommandRejected } from '../decider/errors.js';
import { RECORDING_CLOCK, type RecordingClock } from '../event-store/recording-clock.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { parisDateOf } from '../shared/calendar-date.js';
import { ReportsService } from './reports.service.js';
import { parseSemester, semesterLabel, semesterOf } from './semester.js';

const JOB = 'semestrial-reports';
const SYSTEM = { principal: { subject: `system:${JOB}`, actorId: 'scoran-ledger', role: 'admin' as const }, subject: `system:${JOB}` };

/**
 * Issues every region's report once its semester is over: on the configured cron, and at start
 * for any report missed while the service was down. Issuing is idempotent (see ReportsService),
 * so several instances may run this at once.
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JOB);
  private running?: Promise<string[]>;
  private startTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly reports: ReportsService,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(RECORDING_CLOCK) private readonly recordingClock?: RecordingClock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.reports.schedulerEnabled) return;
    const job = CronJob.from({ cronTime: this.config.reports.cron, onTick: () => this.runInBackground(), timeZone: this.config.reports.timeZone, start: true });
    this.schedulerRegistry.addCronJob(JOB, job);
    // After the start: the read models the region list comes from are caught up by then, or nearly.
    this.startTimer = setTimeout(() => this.runInBackground(), 5_000);
    this.startTimer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.startTimer);
  }

  private runInBackground(): void {
    this.catchUp().catch((error: unknown) => this.logger.error(`Report catch-up failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Issues every report due by `now` and not yet issued; returns the `region/semester` issued. */
  catchUp(now = new Date()): Promise<string[]> {
    // While the demo loader replays history, a report would be issued on half of it: it calls this itself once done.
    if (this.stopped || this.recordingClock?.simulating) return Promise.resolve([]);
    this.running ??= this.issueDue(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async issueDue(now: Date): Promise<string[]> {
    const issued: string[] = [];
    for (const { region, firstRecorded } of this.regions()) {
      const first = (this.config.reports.firstSemester && parseSemester(this.config.reports.firstSemester)) || semesterOf(parisDateOf(firstRecorded));
      const done = new Set(this.reports.issued({ region }).map((r) => r.semester));
      for (const semester of ReportsService.endedSemesters(first, now)) {
        if (this.stopped) break;
        const label = semesterLabel(semester);
        if (done.has(label)) continue;
        try {
          const { result } = await this.reports.issue({ region, semester: label }, SYSTEM, now);
          if (!result.replayed) issued.push(`${region}/${label}`);
        } catch (error) {
          // Another instance issued it first (conflict), or it failed: the next run tries again.
          if (!(error instanceof CommandRejected && error.kind === 'conflict')) {
            this.logger.error(`Could not issue the ${label} report of region ${region}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }
    }
    if (issued.length > 0) this.logger.log(`Issued ${issued.length} semestrial report(s): ${issued.join(', ')}`);
    return issued;
  }

  /** The configured regions, or every region the log names, with the time of its first record. */
  private regions(): { region: string; firstRecorded: string }[] {
    const rows = this.db
      .prepare(
        `SELECT r.region AS region, min(e.recorded_at) AS firstRecorded FROM audit_stream_regions r JOIN audit_events e ON e.stream_id = r.stream_id
         GROUP BY r.region ORDER BY r.region`,
      )
      .all() as { region: string; firstRecorded: string }[];
    const configured = this.config.reports.regions;
    return configured.length === 0 ? rows : rows.filter((row) => configured.includes(row.region));
  }
}

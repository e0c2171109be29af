import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { CommandRejected } from '../decider/errors.js';
import { RECORDING_CLOCK, type RecordingClock } from '../event-store/recording-clock.js';
import { ReportsService } from '../reports/reports.service.js';
import { cutoffOf, parseSemester } from '../reports/semester.js';
import { NationalService } from './national.service.js';

const JOB = 'national-synthesis';
const SYSTEM = { principal: { subject: `system:${JOB}`, actorId: 'scoran-ledger', role: 'admin' as const }, subject: `system:${JOB}` };
const DAY_MS = 86_400_000;

/** When the regions' time to report a semester is over: its cut-off plus the configured days. */
export function nationalDeadlineOf(semester: string, days: number): Date {
  return new Date(Date.parse(cutoffOf(parseSemester(semester)!)) + days * DAY_MS);
}

/**
 * Issues the national synthesis of every semester some region reported, once the regions' deadline
 * is past, with the regions still missing listed in it. Each day, and at start. Only a first issue:
 * a later report makes the national body reissue it (issueNationalSynthesis).
 */
@Injectable()
export class NationalScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JOB);
  private running?: Promise<{ semester: string; missing: string[] }[]>;
  private startTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly national: NationalService,
    private readonly reports: ReportsService,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(RECORDING_CLOCK) private readonly recordingClock?: RecordingClock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.reports.schedulerEnabled) return;
    const job = CronJob.from({ cronTime: '0 0 3 * * *', onTick: () => this.runInBackground(), timeZone: this.config.reports.timeZone, start: true });
    this.schedulerRegistry.addCronJob(JOB, job);
    // After the regional catch-up (five seconds after start): the reports it issues count.
    this.startTimer = setTimeout(() => this.runInBackground(), 60_000);
    this.startTimer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.startTimer);
  }

  private runInBackground(): void {
    this.catchUp().catch((error: unknown) =>
      this.logger.error(`National synthesis catch-up failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** Issues every synthesis past its deadline and not issued yet; returns them with their missing regions. */
  catchUp(now = new Date()): Promise<{ semester: string; missing: string[] }[]> {
    if (this.stopped || this.recordingClock?.simulating) return Promise.resolve([]);
    this.running ??= this.issueDue(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async issueDue(now: Date): Promise<{ semester: string; missing: string[] }[]> {
    const issued: { semester: string; missing: string[] }[] = [];
    const done = new Set(this.national.issued().map((s) => s.semester));
    const reported = new Set([...this.reports.issued({}).map((r) => r.semester), ...this.national.submissions().map((s) => s.semester)]);
    for (const semester of [...reported].sort()) {
      if (this.stopped) break;
      if (done.has(semester) || nationalDeadlineOf(semester, this.config.reports.nationalDeadlineDays) > now) continue;
      try {
        const { synthesis, replayed } = await this.national.issue(semester, SYSTEM, now);
        if (!replayed) issued.push({ semester, missing: synthesis.content.missing });
      } catch (error) {
        // Issued meanwhile by the national body or another instance: nothing to do.
        if (!(error instanceof CommandRejected && error.kind === 'conflict')) {
          this.logger.error(`Could not issue the ${semester} national synthesis: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    for (const { semester, missing } of issued)
      this.logger.log(`Issued the ${semester} national synthesis; regions still missing: ${missing.join(', ') || 'none'}`);
    return issued;
  }
}

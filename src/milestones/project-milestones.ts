import { Injectable } from '@nestjs/common';
import type { Role } from '../shared/principal.js';
import type { Decider } from '../decider/decider.js';
import type { MilestoneRow } from './milestone-timeline.js';
import type { ProjectKind } from './milestone.model.js';
import type { MilestoneCommand } from './milestones.js';

/** What the milestone mutations need from a kind of project: its decider, its streams, its timeline. */
export interface MilestoneHost {
  /** Accepts milestone commands (with the principal) among its own; the resolver sends only those. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each host's state type is its own
  decider: Decider<MilestoneCommand & { principal: { actorId: string; role: Role } }, any, any>;
  streamId(projectId: string): string;
  milestone(projectId: string, key: string): MilestoneRow | undefined;
}

/** Each kind of project registers itself here on start; the milestone mutations serve them all. */
@Injectable()
export class ProjectMilestones {
  private readonly hosts = new Map<ProjectKind, MilestoneHost>();

  register(kind: ProjectKind, host: MilestoneHost): void {
    this.hosts.set(kind, host);
  }

  host(kind: ProjectKind): MilestoneHost | undefined {
    return this.hosts.get(kind);
  }
}

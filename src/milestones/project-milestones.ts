import { Injectable } from '@nestjs/common';
import type { Role } from '../shared/principal.js';
import type { Decider } from '../decider/decider.js';
import { parisToday } from '../shared/calendar-date.js';
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

/**
 * A kind of project's milestones as its feature declares them (`milestones` in `<feature>.feature.ts`):
 * the app module registers each declaration here on start, with the read model it names.
 */
export interface MilestoneDeclaration {
  kind: ProjectKind;
  decider: MilestoneHost['decider'];
  streamId: (projectId: string) => string;
  /** The feature's projects read model (a provider of its module): the timeline the mutations check. */
  readModel: abstract new (...args: never[]) => ProjectTimelines;
}

/** What the mutations read of a projects read model: a project's milestones as of a day. */
interface ProjectTimelines {
  milestones(projectId: string, today: ReturnType<typeof parisToday>): MilestoneRow[];
}

/** Each kind of project is registered here on start (from the features list); the milestone mutations serve them all. */
@Injectable()
export class ProjectMilestones {
  private readonly hosts = new Map<ProjectKind, MilestoneHost>();

  register({ kind, decider, streamId }: MilestoneDeclaration, readModel: ProjectTimelines): void {
    this.hosts.set(kind, { decider, streamId, milestone: (projectId, key) => readModel.milestones(projectId, parisToday()).find((m) => m.key === key) });
  }

  host(kind: ProjectKind): MilestoneHost | undefined {
    return this.hosts.get(kind);
  }
}

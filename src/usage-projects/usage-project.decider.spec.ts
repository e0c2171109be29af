import { specificationOf } from '../decider/given-when-then.js';
import { proposedMilestones } from '../milestones/milestones.js';
import { STANDARD_USAGE_MILESTONES, usageProjectDecider, type UsageProjectCommand, type UsageProjectEvent } from './usage-project.decider.js';
import type { ActingActor } from '../shared/principal.js';

const spec = specificationOf(usageProjectDecider);
const ars: ActingActor = { actorId: 'ars-pdl', role: 'representative' };
const region: ActingActor = { actorId: 'region-52', role: 'representative' };
const admin: ActingActor = { actorId: 'sgar-52', role: 'admin' };
const active = { kind: 'state_agency', status: 'active' as const };

const register: Extract<UsageProjectCommand, { type: 'RegisterUsageProject' }> = {
  type: 'RegisterUsageProject',
  principal: ars,
  projectId: 'telemed-53',
  title: ' Télémédecine   en Mayenne ',
  domain: 'health',
  priorityLevel: 'national',
  innovativeTerritory: true,
  nationalCallReference: 'PIA-ESANTE-2014',
  carryingActorId: 'ars-pdl',
  carryingActor: active,
  partnerIds: ['cd-53'],
  partners: [{ kind: 'departement', status: 'active' }],
  territories: [{ kind: 'departement', code: '53' }],
  registeredOn: '2014-05-01',
};
const registered: UsageProjectEvent = {
  type: 'UsageProjectRegistered',
  data: {
    projectId: 'telemed-53',
    title: 'Télémédecine en Mayenne',
    domain: 'health',
    priorityLevel: 'national',
    innovativeTerritory: true,
    nationalCallReference: 'PIA-ESANTE-2014',
    carryingActorId: 'ars-pdl',
    partnerIds: ['cd-53'],
    territories: [{ kind: 'departement', code: '53' }],
    registeredOn: '2014-05-01',
  },
};
const history: UsageProjectEvent[] = [registered, ...proposedMilestones('telemed-53', STANDARD_USAGE_MILESTONES)];

describe('Usage and service projects', () => {
  it('are registered with their domain, priority level, innovative-territory flag, call, partners and territory, proposing a milestone sequence', () => {
    spec.given([]).when(register).then(history);
  });

  it('may bring their own milestone sequence instead', () => {
    spec
      .given([])
      .when({ ...register, milestones: [{ key: 'ent_opened', label: ' ENT opened ' }] })
      .then([registered, { type: 'MilestoneAdded', data: { projectId: 'telemed-53', key: 'ent_opened', label: 'ENT opened', order: 10 } }]);
    spec
      .given([])
      .when({
        ...register,
        milestones: [
          { key: 'a', label: 'A' },
          { key: 'a', label: 'B' },
        ],
      })
      .thenRejects('invalid', /twice/);
  });

  it('are registered by the carrying actor (or an admin), which must exist, with existing partners', () => {
    spec
      .given([])
      .when({ ...register, principal: region })
      .thenRejects('forbidden', /ars-pdl/);
    spec
      .given([])
      .when({ ...register, principal: admin })
      .then(history);
    spec
      .given([])
      .when({ ...register, carryingActor: undefined })
      .thenRejects('notFound', /ars-pdl/);
    spec
      .given([])
      .when({ ...register, partners: [undefined] })
      .thenRejects('notFound', /cd-53/);
    spec
      .given([])
      .when({ ...register, partnerIds: ['ars-pdl'], partners: [active] })
      .thenRejects('invalid', /own partner/);
    spec
      .given([])
      .when({ ...register, territories: [] })
      .thenRejects('invalid', /territory/);
    spec
      .given([])
      .when({ ...register, nationalCallReference: 'bad ref' })
      .thenRejects('invalid', /national call/);
    spec
      .given(history)
      .when(register)
      .thenRejects('conflict', /already exists/);
  });

  it('share the milestone rules of network projects (achievement not before registration, flagged out of order)', () => {
    const achieve = (key: string, achievedOn: string, principal = ars): UsageProjectCommand => ({
      type: 'AchieveMilestone',
      principal,
      key,
      achievedOn,
      evidenceHash: 'c'.repeat(64),
      today: '2016-01-01',
    });
    spec
      .given(history)
      .when(achieve('pilot_started', '2014-04-30'))
      .thenRejects('invalid', /before the project was registered/);
    spec
      .given(history)
      .when(achieve('pilot_started', '2015-03-01'))
      .then([
        {
          type: 'MilestoneAchieved',
          data: {
            projectId: 'telemed-53',
            key: 'pilot_started',
            achievedOn: '2015-03-01',
            evidenceHash: 'c'.repeat(64),
            outOfOrder: true,
            skippedKeys: ['project_defined', 'funding_secured'],
          },
        },
      ]);
    spec
      .given(history)
      .when(achieve('pilot_started', '2015-03-01', region))
      .thenRejects('forbidden');
  });

  it('complete on a date neither future nor before registration, or are abandoned with a reason; then nothing changes', () => {
    spec
      .given(history)
      .when({ type: 'CompleteUsageProject', principal: ars, completedOn: '2016-01-02', today: '2016-01-01' })
      .thenRejects('invalid', /future/);
    spec
      .given(history)
      .when({ type: 'CompleteUsageProject', principal: ars, completedOn: '2014-04-01', today: '2016-01-01' })
      .thenRejects('invalid', /before/);
    const completed: UsageProjectEvent = { type: 'UsageProjectCompleted', data: { projectId: 'telemed-53', completedOn: '2015-12-01' } };
    spec.given(history).when({ type: 'CompleteUsageProject', principal: ars, completedOn: '2015-12-01', today: '2016-01-01' }).then([completed]);
    spec
      .given(history)
      .when({ type: 'AbandonUsageProject', principal: ars, reason: ' ' })
      .thenRejects('invalid', /reason/);
    spec
      .given([...history, completed])
      .when({ type: 'PlanMilestone', principal: ars, key: 'evaluated', date: '2017-01-01' })
      .thenRejects('conflict', /completed/);
    spec.given([]).when({ type: 'AbandonUsageProject', principal: ars, reason: 'x' }).thenRejects('notFound');
  });
});

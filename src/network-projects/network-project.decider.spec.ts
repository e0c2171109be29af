import fc from 'fast-check';
import { fold } from '../decider/decider.js';
import { CommandRejected } from '../decider/errors.js';
import { specificationOf } from '../decider/given-when-then.js';
import { proposedMilestones } from '../milestones/milestones.js';
import {
  EMPTY_INDICATORS,
  INDICATORS,
  networkProjectDecider,
  STANDARD_RIP_MILESTONES,
  type IndicatorSource,
  type Indicators,
  type NetworkProjectCommand,
  type NetworkProjectEvent,
} from './network-project.decider.js';
import type { ActingActor } from '../shared/principal.js';

const spec = specificationOf(networkProjectDecider);
const cd44: ActingActor = { actorId: 'cd-44', role: 'representative' };
const orange: ActingActor = { actorId: 'orange', role: 'representative' };
const sfr: ActingActor = { actorId: 'sfr', role: 'representative' };
const admin: ActingActor = { actorId: 'sgar-52', role: 'admin' };
const missionThd: ActingActor = { actorId: 'mission-thd', role: 'national_body' };
const HASH = 'a'.repeat(64);

const register: Extract<NetworkProjectCommand, { type: 'RegisterNetworkProject' }> = {
  type: 'RegisterNetworkProject',
  principal: cd44,
  projectId: 'rip-44',
  name: '  Loire-Atlantique   THD ',
  leadActorId: 'cd-44',
  leadActor: { kind: 'departement', status: 'active' },
  departementCodes: ['44'],
  technologies: ['ftth', 'copper_upgrade'],
  registeredOn: '2014-03-01',
};
const registered: NetworkProjectEvent = {
  type: 'NetworkProjectRegistered',
  data: {
    projectId: 'rip-44',
    name: 'Loire-Atlantique THD',
    leadActorId: 'cd-44',
    departementCodes: ['44'],
    multiDepartemental: false,
    technologies: ['ftth', 'copper_upgrade'],
    procurementModel: null,
    delegateOperatorId: null,
    registeredOn: '2014-03-01',
  },
};
const history: NetworkProjectEvent[] = [registered, ...proposedMilestones('rip-44', STANDARD_RIP_MILESTONES)];
const contract: NetworkProjectEvent = {
  type: 'NetworkProjectContractChosen',
  data: { projectId: 'rip-44', procurementModel: 'concession_dsp', delegateOperatorId: 'orange' },
};
const planned = (key: string, date: string): NetworkProjectEvent => ({ type: 'MilestonePlanned', data: { projectId: 'rip-44', key, date } });
const achieve = (key: string, achievedOn = '2015-01-10', principal = cd44): NetworkProjectCommand => ({
  type: 'AchieveMilestone',
  principal,
  key,
  achievedOn,
  evidenceHash: HASH,
  today: '2016-01-01',
});
const achieved = (key: string, skippedKeys: string[] = [], achievedOn = '2015-01-10'): NetworkProjectEvent => ({
  type: 'MilestoneAchieved',
  data: { projectId: 'rip-44', key, achievedOn, evidenceHash: HASH, outOfOrder: skippedKeys.length > 0, skippedKeys },
});
const report = (figures: Partial<Indicators>, asOf = '2015-06-30', principal = cd44, reason?: string, source?: IndicatorSource): NetworkProjectCommand => ({
  type: 'ReportNetworkIndicators',
  principal,
  asOf,
  figures,
  reason,
  ...(source ? { source } : {}),
  today: '2016-01-01',
});
const reported = (
  figures: Partial<Indicators>,
  asOf = '2015-06-30',
  lowered: (typeof INDICATORS)[number][] = [],
  reason: string | null = null,
  source: IndicatorSource = 'declared',
): NetworkProjectEvent => ({
  type: 'NetworkIndicatorsReported',
  data: { projectId: 'rip-44', asOf, figures: { ...EMPTY_INDICATORS, ...figures }, lowered, reason, source },
});
const split = { state: 40, region: 20, departement: 30, epci: 0, euErdf: 5, operatorPrivate: 5, other: 0 };
const revise = (overrides: Record<string, unknown> = {}, principal = cd44): NetworkProjectCommand => ({
  type: 'ReviseNetworkFinancing',
  principal,
  asOf: '2015-06-30',
  financing: { totalCost: 100, split, stateAidCommitted: 40, stateAidPaid: 10, ...overrides },
  today: '2016-01-01',
});

describe('Network projects (RIP)', () => {
  describe('registration', () => {
    it('records the project and proposes the standard milestone sequence of docs/domain.md', () => {
      const events = networkProjectDecider.decide(register, networkProjectDecider.initialState());
      expect(events).toEqual(history);
      expect(events.slice(1).map((e) => e.data)).toHaveLength(13);
      expect(events[1]).toEqual({ type: 'MilestoneAdded', data: { projectId: 'rip-44', key: 'sdtan_adopted', label: 'SDTAN adopted', order: 10 } });
      expect(events.at(-1)?.data).toMatchObject({ key: 'completed', order: 130 });
    });

    it('flags a multi-departmental project and sorts its départements', () => {
      const [event] = networkProjectDecider.decide({ ...register, departementCodes: ['85', '44', '49'] }, networkProjectDecider.initialState());
      expect(event.data).toMatchObject({ departementCodes: ['44', '49', '85'], multiDepartemental: true });
    });

    it('is led by a département, a syndicat mixte or the Région only', () => {
      spec
        .given([])
        .when({ ...register, leadActorId: 'cd-44', leadActor: { kind: 'epci', status: 'active' } })
        .thenRejects('invalid', /département, a syndicat mixte/);
      for (const kind of ['joint_syndicate', 'region']) {
        expect(networkProjectDecider.decide({ ...register, leadActor: { kind, status: 'active' } }, networkProjectDecider.initialState())).toHaveLength(14);
      }
    });

    it('needs an existing, active lead actor', () => {
      spec
        .given([])
        .when({ ...register, leadActor: undefined })
        .thenRejects('notFound', /No actor cd-44/);
      spec
        .given([])
        .when({ ...register, leadActor: { kind: 'departement', status: 'retired' } })
        .thenRejects('conflict', /retired/);
    });

    it('may only be registered by the lead actor or an admin', () => {
      spec
        .given([])
        .when({ ...register, principal: orange })
        .thenRejects('forbidden', /cd-44/);
      expect(networkProjectDecider.decide({ ...register, principal: admin }, networkProjectDecider.initialState())).toHaveLength(14);
    });

    it('needs départements and technologies, each once, and a private operator as delegate', () => {
      spec
        .given([])
        .when({ ...register, departementCodes: [] })
        .thenRejects('invalid', /at least one département/);
      spec
        .given([])
        .when({ ...register, departementCodes: ['44', '44'] })
        .thenRejects('invalid', /twice/);
      spec
        .given([])
        .when({ ...register, technologies: [] })
        .thenRejects('invalid', /technology/);
      spec
        .given([])
        .when({ ...register, delegateOperatorId: 'cd-49', delegateOperator: { kind: 'departement', status: 'active' } })
        .thenRejects('invalid', /private operator/);
      spec
        .given([])
        .when({ ...register, delegateOperatorId: 'nobody' })
        .thenRejects('notFound', /nobody/);
    });

    it('is registered once', () => {
      spec
        .given(history)
        .when(register)
        .thenRejects('conflict', /already exists/);
    });

    it('records the procurement model and the delegate operator once chosen', () => {
      spec
        .given(history)
        .when({
          type: 'ChooseNetworkProjectContract',
          principal: cd44,
          procurementModel: 'concession_dsp',
          delegateOperatorId: 'orange',
          delegateOperator: { kind: 'private_operator', status: 'active' },
        })
        .then([contract]);
      spec
        .given(history)
        .when({ type: 'ChooseNetworkProjectContract', principal: cd44 })
        .thenRejects('invalid', /procurement model/);
      spec.given(history).when({ type: 'ChooseNetworkProjectContract', principal: orange, procurementModel: 'ppp' }).thenRejects('forbidden');
    });
  });

  describe('milestones', () => {
    it('plans a date once; moving it is a reschedule with a reason that keeps the previous date', () => {
      spec
        .given(history)
        .when({ type: 'PlanMilestone', principal: cd44, key: 'sdtan_adopted', date: '2014-06-30' })
        .then([planned('sdtan_adopted', '2014-06-30')]);
      const withPlan = [...history, planned('sdtan_adopted', '2014-06-30')];
      spec
        .given(withPlan)
        .when({ type: 'PlanMilestone', principal: cd44, key: 'sdtan_adopted', date: '2014-09-30' })
        .thenRejects('conflict', /reschedule/);
      spec
        .given(withPlan)
        .when({ type: 'RescheduleMilestone', principal: cd44, key: 'sdtan_adopted', date: '2014-09-30', reason: '  ' })
        .thenRejects('invalid', /reason/);
      spec
        .given(withPlan)
        .when({ type: 'RescheduleMilestone', principal: cd44, key: 'sdtan_adopted', date: '2014-09-30', reason: 'Council session moved' })
        .then([
          {
            type: 'MilestoneRescheduled',
            data: { projectId: 'rip-44', key: 'sdtan_adopted', date: '2014-09-30', previousDate: '2014-06-30', reason: 'Council session moved' },
          },
        ]);
      spec
        .given(history)
        .when({ type: 'RescheduleMilestone', principal: cd44, key: 'sdtan_adopted', date: '2014-09-30', reason: 'x' })
        .thenRejects('conflict', /plan it first/);
    });

    it('keeps every previous date in the state', () => {
      const state = fold(networkProjectDecider, [
        ...history,
        planned('works_started', '2016-01-01'),
        { type: 'MilestoneRescheduled', data: { projectId: 'rip-44', key: 'works_started', date: '2016-06-01', previousDate: '2016-01-01', reason: 'a' } },
        { type: 'MilestoneRescheduled', data: { projectId: 'rip-44', key: 'works_started', date: '2017-01-01', previousDate: '2016-06-01', reason: 'b' } },
      ]);
      expect(state.status !== 'none' && state.milestones.find((m) => m.key === 'works_started')).toMatchObject({
        plannedDate: '2017-01-01',
        previousDates: [
          { date: '2016-01-01', reason: 'a' },
          { date: '2016-06-01', reason: 'b' },
        ],
      });
    });

    it('is achieved with a date and an evidence document hash', () => {
      spec
        .given(history)
        .when(achieve('sdtan_adopted'))
        .then([achieved('sdtan_adopted')]);
      spec
        .given(history)
        .when({ ...achieve('sdtan_adopted'), evidenceHash: 'not-a-hash' } as NetworkProjectCommand)
        .thenRejects('invalid', /SHA-256/);
    });

    it('cannot be achieved in the future nor before the project was registered', () => {
      spec
        .given(history)
        .when(achieve('sdtan_adopted', '2016-01-02'))
        .thenRejects('invalid', /future/);
      spec
        .given(history)
        .when(achieve('sdtan_adopted', '2014-02-28'))
        .thenRejects('invalid', /before the project was registered/);
      spec
        .given(history)
        .when(achieve('sdtan_adopted', '2014-03-01'))
        .then([achieved('sdtan_adopted', [], '2014-03-01')]);
    });

    it('allows out-of-order achievement but flags it with the milestones skipped (dropped ones do not count)', () => {
      spec
        .given(history)
        .when(achieve('operators_consulted'))
        .then([achieved('operators_consulted', ['sdtan_adopted', 'structure_created'])]);
      const dropped: NetworkProjectEvent = {
        type: 'MilestoneDropped',
        data: { projectId: 'rip-44', key: 'structure_created', reason: 'Run by the département itself' },
      };
      spec
        .given([...history, achieved('sdtan_adopted'), dropped])
        .when(achieve('operators_consulted'))
        .then([achieved('operators_consulted')]);
    });

    it('drops with a reason; achieved or dropped milestones no longer change', () => {
      spec
        .given(history)
        .when({ type: 'DropMilestone', principal: cd44, key: 'structure_created', reason: 'Not needed' })
        .then([{ type: 'MilestoneDropped', data: { projectId: 'rip-44', key: 'structure_created', reason: 'Not needed' } }]);
      spec
        .given([...history, achieved('sdtan_adopted')])
        .when({ type: 'DropMilestone', principal: cd44, key: 'sdtan_adopted', reason: 'x' })
        .thenRejects('conflict', /achieved/);
      spec
        .given([...history, achieved('sdtan_adopted')])
        .when(achieve('sdtan_adopted'))
        .thenRejects('conflict', /achieved/);
      spec
        .given(history)
        .when(achieve('unknown'))
        .thenRejects('notFound', /No milestone unknown/);
    });

    it('adds milestones at the end or between two others', () => {
      spec
        .given(history)
        .when({ type: 'AddMilestone', principal: cd44, key: 'public_inquiry', label: 'Public inquiry', afterKey: 'sdtan_adopted' })
        .then([{ type: 'MilestoneAdded', data: { projectId: 'rip-44', key: 'public_inquiry', label: 'Public inquiry', order: 15 } }]);
      spec
        .given(history)
        .when({ type: 'AddMilestone', principal: cd44, key: 'audit', label: 'Final audit' })
        .then([{ type: 'MilestoneAdded', data: { projectId: 'rip-44', key: 'audit', label: 'Final audit', order: 140 } }]);
      spec
        .given(history)
        .when({ type: 'AddMilestone', principal: cd44, key: 'works_started', label: 'again' })
        .thenRejects('conflict', /already exists/);
      spec.given(history).when({ type: 'AddMilestone', principal: cd44, key: 'x', label: 'x', afterKey: 'nope' }).thenRejects('notFound');
    });

    it('are managed by the lead actor or an admin only', () => {
      spec
        .given(history)
        .when(achieve('sdtan_adopted', '2015-01-10', orange))
        .thenRejects('forbidden', /cd-44/);
      spec
        .given(history)
        .when(achieve('sdtan_adopted', '2015-01-10', admin))
        .then([achieved('sdtan_adopted')]);
    });

    it('completes the project when the completion milestone is achieved; then nothing changes', () => {
      spec
        .given(history)
        .when(achieve('completed'))
        .then([
          achieved(
            'completed',
            STANDARD_RIP_MILESTONES.slice(0, -1).map((m) => m.key),
          ),
          { type: 'NetworkProjectCompleted', data: { projectId: 'rip-44', completedOn: '2015-01-10' } },
        ]);
      spec
        .given([...history, { type: 'NetworkProjectCompleted', data: { projectId: 'rip-44', completedOn: '2015-01-10' } }])
        .when(achieve('sdtan_adopted'))
        .thenRejects('conflict', /completed/);
    });
  });

  describe('indicators', () => {
    it('are reported as of a date; figures not given carry over', () => {
      spec
        .given(history)
        .when(report({ ftthPremisesPlanned: 1000, ftthPremisesBuilt: 100 }))
        .then([reported({ ftthPremisesPlanned: 1000, ftthPremisesBuilt: 100 })]);
      spec
        .given([...history, reported({ ftthPremisesPlanned: 1000, ftthPremisesBuilt: 100 })])
        .when(report({ ftthPremisesBuilt: 300, cabinetsAndNodes: 4 }, '2015-12-31'))
        .then([reported({ ftthPremisesPlanned: 1000, ftthPremisesBuilt: 300, cabinetsAndNodes: 4 }, '2015-12-31')]);
    });

    it('enforce built ≤ planned and connected ≤ connectable', () => {
      spec
        .given(history)
        .when(report({ ftthPremisesPlanned: 100, ftthPremisesBuilt: 101 }))
        .thenRejects('invalid', /built \(101\) exceed those planned \(100\)/);
      spec
        .given(history)
        .when(report({ ftthPremisesConnectable: 50, ftthPremisesConnected: 51 }))
        .thenRejects('invalid', /connected \(51\) exceed/);
      spec
        .given([...history, reported({ ftthPremisesPlanned: 100 })])
        .when(report({ ftthPremisesBuilt: 150 }, '2015-12-31'))
        .thenRejects('invalid', /exceed/);
    });

    it('may be lowered by a later report only with a reason, which the event keeps', () => {
      const first = reported({ ftthPremisesPlanned: 1000, ftthPremisesBuilt: 400 });
      spec
        .given([...history, first])
        .when(report({ ftthPremisesBuilt: 350 }, '2015-12-31'))
        .thenRejects('invalid', /ftthPremisesBuilt is a correction/);
      spec
        .given([...history, first])
        .when(report({ ftthPremisesBuilt: 350 }, '2015-12-31', cd44, 'Acceptance refused on 50 premises'))
        .then([reported({ ftthPremisesPlanned: 1000, ftthPremisesBuilt: 350 }, '2015-12-31', ['ftthPremisesBuilt'], 'Acceptance refused on 50 premises')]);
    });

    it('are not dated in the future nor before the latest report, and hold whole numbers', () => {
      spec
        .given(history)
        .when(report({ businessSites: 3 }, '2016-01-02'))
        .thenRejects('invalid', /future/);
      spec
        .given([...history, reported({ businessSites: 3 }, '2015-06-30')])
        .when(report({ businessSites: 4 }, '2015-06-29'))
        .thenRejects('invalid', /earlier/);
      spec
        .given(history)
        .when(report({ businessSites: 2.5 }))
        .thenRejects('invalid', /whole number/);
      spec
        .given(history)
        .when(report({}))
        .thenRejects('invalid', /at least one figure/);
    });

    it('are reported by the lead actor, the delegate operator or an admin', () => {
      spec
        .given(history)
        .when(report({ businessSites: 3 }, '2015-06-30', orange))
        .thenRejects('forbidden');
      spec
        .given([...history, contract])
        .when(report({ businessSites: 3 }, '2015-06-30', orange))
        .then([reported({ businessSites: 3 })]);
      spec
        .given([...history, contract])
        .when(report({ businessSites: 3 }, '2015-06-30', sfr))
        .thenRejects('forbidden');
    });

    it('name their source: the reporter’s declaration by default, or an operator’s or the regulator’s file', () => {
      spec
        .given(history)
        .when(report({ ftthPremisesConnectable: 800 }))
        .then([reported({ ftthPremisesConnectable: 800 }, '2015-06-30', [], null, 'declared')]);
      spec
        .given(history)
        .when(report({ ftthPremisesConnectable: 800 }, '2015-06-30', admin, undefined, 'regulator_data'))
        .then([reported({ ftthPremisesConnectable: 800 }, '2015-06-30', [], null, 'regulator_data')]);
      spec
        .given([...history, contract])
        .when(report({ ftthPremisesConnected: 10 }, '2015-06-30', orange, undefined, 'operator_data'))
        .then([reported({ ftthPremisesConnected: 10 }, '2015-06-30', [], null, 'operator_data')]);
    });

    it('from the regulator are not the delegate operator’s to report, and an unknown source is refused', () => {
      spec
        .given([...history, contract])
        .when(report({ ftthPremisesConnectable: 800 }, '2015-06-30', orange, undefined, 'regulator_data'))
        .thenRejects('forbidden', /not the regulator/);
      spec
        .given(history)
        .when(report({ ftthPremisesConnectable: 800 }, '2015-06-30', cd44, undefined, 'rumour' as IndicatorSource))
        .thenRejects('invalid', /Unknown source/);
    });

    it('from the regulator lower than the lead’s declaration are a correction like any other: a reason is needed', () => {
      const declared = reported({ ftthPremisesConnectable: 900 });
      spec
        .given([...history, declared])
        .when(report({ ftthPremisesConnectable: 850 }, '2015-09-30', admin, undefined, 'regulator_data'))
        .thenRejects('invalid', /correction/);
    });

    it('keep their invariants whatever sequence of reports is sent (property)', () => {
      const figure = fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined });
      const reports = fc.array(
        fc.record({
          figures: fc.record(Object.fromEntries(INDICATORS.map((i) => [i, figure])) as Record<(typeof INDICATORS)[number], typeof figure>),
          day: fc.integer({ min: 0, max: 400 }),
          reason: fc.option(fc.constant('correction'), { nil: undefined }),
        }),
        { maxLength: 25 },
      );
      fc.assert(
        fc.property(reports, (sequence) => {
          let state = fold(networkProjectDecider, history);
          for (const r of sequence) {
            const asOf = new Date(Date.UTC(2015, 0, 1) + r.day * 86_400_000).toISOString().slice(0, 10);
            let events: NetworkProjectEvent[] = [];
            try {
              events = networkProjectDecider.decide(report(r.figures, asOf, cd44, r.reason), state);
            } catch (error) {
              if (!(error instanceof CommandRejected)) throw error;
            }
            const before = state.status !== 'none' ? state.indicators : null;
            state = events.reduce(networkProjectDecider.evolve, state);
            const after = state.status !== 'none' ? state.indicators : null;
            if (!after) continue;
            const f = after.figures;
            if (f.ftthPremisesPlanned !== null && f.ftthPremisesBuilt !== null) expect(f.ftthPremisesBuilt).toBeLessThanOrEqual(f.ftthPremisesPlanned);
            if (f.ftthPremisesConnectable !== null && f.ftthPremisesConnected !== null)
              expect(f.ftthPremisesConnected).toBeLessThanOrEqual(f.ftthPremisesConnectable);
            if (before && events.length > 0) {
              expect(after.asOf >= before.asOf).toBe(true);
              const event = events[0] as Extract<NetworkProjectEvent, { type: 'NetworkIndicatorsReported' }>;
              const lowered = INDICATORS.filter((i) => before.figures[i] !== null && f[i]! < before.figures[i]);
              expect(event.data.lowered).toEqual(lowered);
              if (lowered.length > 0) expect(event.data.reason).toBe('correction');
            }
          }
        }),
      );
    });
  });

  describe('cost and financing estimates', () => {
    it('record a revision whose split by funder adds up to the total', () => {
      spec
        .given(history)
        .when(revise())
        .then([
          {
            type: 'NetworkFinancingRevised',
            data: { projectId: 'rip-44', asOf: '2015-06-30', financing: { totalCost: 100, split, stateAidCommitted: 40, stateAidPaid: 10 }, reason: null },
          },
        ]);
      spec
        .given(history)
        .when(revise({ totalCost: 101 }))
        .thenRejects('invalid', /adds up to 100, not the total cost 101/);
    });

    it('keep State aid paid within State aid committed, in whole euros', () => {
      spec
        .given(history)
        .when(revise({ stateAidPaid: 41 }))
        .thenRejects('invalid', /paid cannot exceed/);
      spec
        .given(history)
        .when(revise({ stateAidCommitted: 1.5 }))
        .thenRejects('invalid', /whole euros/);
      spec
        .given(history)
        .when(revise({ totalCost: 0, split: { ...split, state: 0, region: 0, departement: 0, euErdf: 0, operatorPrivate: 0 } }))
        .thenRejects('invalid', /positive/);
    });

    it('are revised by the lead actor, a national body or an admin; not dated before the previous one', () => {
      spec.given(history).when(revise({}, orange)).thenRejects('forbidden');
      expect(networkProjectDecider.decide(revise({}, missionThd), fold(networkProjectDecider, history))).toHaveLength(1);
      const first = networkProjectDecider.decide(revise(), fold(networkProjectDecider, history));
      spec
        .given([...history, ...first])
        .when({ ...revise(), asOf: '2015-01-01' } as NetworkProjectCommand)
        .thenRejects('invalid', /cannot be dated earlier/);
    });
  });

  describe('abandonment', () => {
    it('needs a reason and the lead actor; then the project no longer changes', () => {
      const abandoned: NetworkProjectEvent = { type: 'NetworkProjectAbandoned', data: { projectId: 'rip-44', reason: 'Merged into rip-pdl' } };
      spec.given(history).when({ type: 'AbandonNetworkProject', principal: cd44, reason: 'Merged into rip-pdl' }).then([abandoned]);
      spec.given(history).when({ type: 'AbandonNetworkProject', principal: orange, reason: 'x' }).thenRejects('forbidden');
      spec
        .given([...history, abandoned])
        .when(report({ businessSites: 1 }))
        .thenRejects('conflict', /abandoned/);
      spec
        .given([])
        .when(report({ businessSites: 1 }))
        .thenRejects('notFound');
    });
  });
});

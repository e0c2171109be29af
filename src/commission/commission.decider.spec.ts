import { specificationOf } from '../decider/given-when-then.js';
import { commissionDecider, type CommissionCommand, type CommissionEvent, type DecisionFacts } from './commission.decider.js';
import type { ActingActor } from '../shared/principal.js';

const spec = specificationOf(commissionDecider);
const sgar: ActingActor = { actorId: 'sgar-52', role: 'commission_secretariat' };
const otherSgar: ActingActor = { actorId: 'sgar-53', role: 'commission_secretariat' };
const prefect: ActingActor = { actorId: 'prefet-52', role: 'representative' };
const orange: ActingActor = { actorId: 'orange', role: 'representative' };

const members = [
  { actorId: 'prefet-52', representatives: ['p-prefet'] },
  { actorId: 'region-52', representatives: ['p-region'] },
  { actorId: 'dep-44', representatives: ['p-dep44'] },
];
const constitute: Extract<CommissionCommand, { type: 'ConstituteCommission' }> = {
  type: 'ConstituteCommission',
  principal: sgar,
  regionCode: '52',
  prefectActorId: 'prefet-52',
  regionActorId: 'region-52',
  secretariatActorId: 'sgar-52',
  members,
  rules: { mode: 'consensus' },
};
const constituted: CommissionEvent = {
  type: 'CommissionConstituted',
  data: { regionCode: '52', prefectActorId: 'prefet-52', regionActorId: 'region-52', secretariatActorId: 'sgar-52', members, rules: { mode: 'consensus' } },
};
const decision = (kind: string, outcome: 'adopted' | 'rejected' = 'adopted', decisionId = 'm1.i1'): DecisionFacts => ({
  decisionId,
  meetingId: 'm1',
  regionCode: '52',
  kind,
  outcome,
});
const orangeMember = { actorId: 'orange', representatives: ['p-orange'] };

describe('Commission', () => {
  describe('constitution', () => {
    it('records the co-chairs, secretariat, members and decision rules', () => {
      spec.given([]).when(constitute).then([constituted]);
    });
    it('happens once per region', () => {
      spec
        .given([constituted])
        .when(constitute)
        .thenRejects('conflict', /already constituted/);
    });
    it('is done by the secretariat named for it', () => {
      spec
        .given([])
        .when({ ...constitute, principal: otherSgar })
        .thenRejects('forbidden');
      spec
        .given([])
        .when({ ...constitute, principal: prefect })
        .thenRejects('forbidden');
    });
    it('has both co-chairs among the members, two different actors', () => {
      spec
        .given([])
        .when({ ...constitute, members: members.slice(1) })
        .thenRejects('invalid', /préfet/);
      spec
        .given([])
        .when({ ...constitute, members: [members[0], members[2]] })
        .thenRejects('invalid', /Région/);
      spec
        .given([])
        .when({ ...constitute, regionActorId: 'prefet-52' })
        .thenRejects('invalid', /two different/);
    });
    it('lists each member once with at least one representative', () => {
      spec
        .given([])
        .when({ ...constitute, members: [...members, members[2]] })
        .thenRejects('invalid', /twice/);
      spec
        .given([])
        .when({ ...constitute, members: [...members, { actorId: 'x', representatives: [] }] })
        .thenRejects('invalid', /representative/);
    });
    it('takes votes with a quorum share in (0, 1]', () => {
      const rules = { mode: 'vote' as const, quorumShare: 0.5, majority: 'two_thirds' as const };
      spec
        .given([])
        .when({ ...constitute, rules })
        .then([{ ...constituted, data: { ...constituted.data, rules } }]);
      spec
        .given([])
        .when({ ...constitute, rules: { ...rules, quorumShare: 0 } })
        .thenRejects('invalid', /quorum/);
      spec
        .given([])
        .when({ ...constitute, rules: { ...rules, quorumShare: 1.5 } })
        .thenRejects('invalid', /quorum/);
    });
  });

  describe('members join and leave by decision of the commission', () => {
    it('admits a member by an adopted admission decision', () => {
      spec
        .given([constituted])
        .when({ type: 'AdmitMember', principal: sgar, member: orangeMember, decision: decision('member_admission') })
        .then([{ type: 'MemberAdmitted', data: { regionCode: '52', member: orangeMember, decisionId: 'm1.i1', meetingId: 'm1' } }]);
    });
    it('refuses without a decision, a rejected one, one of another kind or commission', () => {
      const admit = (d: DecisionFacts | undefined) => ({ type: 'AdmitMember' as const, principal: sgar, member: orangeMember, decision: d });
      spec
        .given([constituted])
        .when(admit(undefined))
        .thenRejects('notFound', /decision/);
      spec
        .given([constituted])
        .when(admit(decision('member_admission', 'rejected')))
        .thenRejects('conflict', /not adopted/);
      spec
        .given([constituted])
        .when(admit(decision('opinion')))
        .thenRejects('conflict', /not a member admission/);
      spec
        .given([constituted])
        .when(admit({ ...decision('member_admission'), regionCode: '53' }))
        .thenRejects('conflict', /another commission/);
    });
    it('applies a decision once: a repeated follow-up changes nothing', () => {
      const admitted: CommissionEvent = { type: 'MemberAdmitted', data: { regionCode: '52', member: orangeMember, decisionId: 'm1.i1', meetingId: 'm1' } };
      spec
        .given([constituted, admitted])
        .when({ type: 'AdmitMember', principal: sgar, member: orangeMember, decision: decision('member_admission') })
        .then([]);
      spec
        .given([constituted, admitted])
        .when({ type: 'AdmitMember', principal: sgar, member: orangeMember, decision: decision('member_admission', 'adopted', 'm2.i1') })
        .thenRejects('conflict', /already a member/);
    });
    it('removes a member, never a co-chair', () => {
      const remove = (actorId: string) => ({ type: 'RemoveMember' as const, principal: sgar, actorId, decision: decision('member_departure') });
      spec
        .given([constituted])
        .when(remove('dep-44'))
        .then([{ type: 'MemberRemoved', data: { regionCode: '52', actorId: 'dep-44', decisionId: 'm1.i1', meetingId: 'm1' } }]);
      spec
        .given([constituted])
        .when(remove('region-52'))
        .thenRejects('conflict', /co-chair/);
      spec
        .given([constituted])
        .when(remove('orange'))
        .thenRejects('conflict', /not a member/);
    });
    it('is recorded by the secretariat only', () => {
      spec
        .given([constituted])
        .when({ type: 'AdmitMember', principal: prefect, member: orangeMember, decision: decision('member_admission') })
        .thenRejects('forbidden');
    });
    it('needs a constituted commission', () => {
      spec
        .given([])
        .when({ type: 'AdmitMember', principal: sgar, member: orangeMember, decision: decision('member_admission') })
        .thenRejects('notFound');
    });
  });

  describe('decision rules change only by decision', () => {
    const rules = { mode: 'vote' as const, quorumShare: 0.5, majority: 'simple' as const };
    it('changes the rules by an adopted rules-change decision, keeping the previous rules', () => {
      spec
        .given([constituted])
        .when({ type: 'ChangeDecisionRules', principal: sgar, rules, decision: decision('rules_change') })
        .then([
          { type: 'DecisionRulesChanged', data: { regionCode: '52', rules, previousRules: { mode: 'consensus' }, decisionId: 'm1.i1', meetingId: 'm1' } },
        ]);
    });
    it('refuses without a decision', () => {
      spec.given([constituted]).when({ type: 'ChangeDecisionRules', principal: sgar, rules, decision: undefined }).thenRejects('notFound');
      spec
        .given([constituted])
        .when({ type: 'ChangeDecisionRules', principal: sgar, rules, decision: decision('member_admission') })
        .thenRejects('conflict');
    });
  });

  describe('representatives', () => {
    it('are named by the member itself or the secretariat', () => {
      const name = (principal: ActingActor, representatives = ['p-dep44', 'p-dep44-b']) => ({
        type: 'NameRepresentatives' as const,
        principal,
        actorId: 'dep-44',
        representatives,
      });
      const named: CommissionEvent = { type: 'RepresentativesNamed', data: { regionCode: '52', actorId: 'dep-44', representatives: ['p-dep44', 'p-dep44-b'] } };
      spec
        .given([constituted])
        .when(name({ actorId: 'dep-44', role: 'representative' }))
        .then([named]);
      spec.given([constituted]).when(name(sgar)).then([named]);
      spec.given([constituted]).when(name(orange)).thenRejects('forbidden');
      spec.given([constituted, named]).when(name(sgar)).then([]);
      spec
        .given([constituted])
        .when(name(sgar, []))
        .thenRejects('invalid', /at least one/);
      spec
        .given([constituted])
        .when({ ...name(sgar), actorId: 'orange' })
        .thenRejects('notFound', /not a member/);
    });
  });
});

import fc from 'fast-check';
import { fold } from '../decider/decider.js';
import { CommandRejected } from '../decider/errors.js';
import { specificationOf } from '../decider/given-when-then.js';
import { conventionDecider, isFullySigned, type ConventionCommand, type ConventionEvent, type ConventionState, type PartyInput } from './convention.decider.js';
import type { ActingActor } from '../shared/principal.js';

const spec = specificationOf(conventionDecider);
const rep = (actorId: string): ActingActor => ({ actorId, role: 'representative' });
const V1 = 'a'.repeat(64);
const V2 = 'b'.repeat(64);
const today = '2015-03-01';

const parties: PartyInput[] = [
  { actorId: 'prefet-52', signaturesRequired: 1, actor: { kind: 'state_in_region', status: 'active' } },
  { actorId: 'cd-44', signaturesRequired: 1, actor: { kind: 'departement', status: 'active' } },
  { actorId: 'orange', signaturesRequired: 1, actor: { kind: 'private_operator', status: 'active' } },
];
const draftCommand: Extract<ConventionCommand, { type: 'DraftConvention' }> = {
  type: 'DraftConvention',
  principal: rep('cd-44'),
  conventionId: 'cpsd-44',
  kind: 'cpsd',
  title: 'CPSD Loire-Atlantique',
  parties,
  documentHash: V1,
  scope: ['44109', '44162'],
  calendar: [{ communeCode: '44109', plannedPremises: 150_000, plannedDate: '2020-12-31' }],
  today: '2015-01-10',
};
const drafted: ConventionEvent = {
  type: 'ConventionDrafted',
  data: {
    conventionId: 'cpsd-44',
    kind: 'cpsd',
    title: 'CPSD Loire-Atlantique',
    parties: [
      { actorId: 'prefet-52', signaturesRequired: 1, localAuthority: false },
      { actorId: 'cd-44', signaturesRequired: 1, localAuthority: true },
      { actorId: 'orange', signaturesRequired: 1, localAuthority: false },
    ],
    documentHash: V1,
    scope: ['44109', '44162'],
    calendar: [{ communeCode: '44109', plannedPremises: 150_000, plannedDate: '2020-12-31' }],
    endsOn: null,
    draftedOn: '2015-01-10',
  },
};
const resolution = { number: 'CP-2015-012', date: '2015-01-20' };
const signBy = (actorId: string, hash = V1, personId = `p-${actorId}`): ConventionCommand => ({
  type: 'SignConvention',
  principal: rep(actorId),
  documentHash: hash,
  signatory: { personId, title: 'Président' },
  place: 'Nantes',
  signedOn: '2015-02-01',
  councilResolution: actorId === 'cd-44' ? resolution : undefined,
  today,
});
const signed = (actorId: string, version = 1, hash = V1): ConventionEvent => ({
  type: 'ConventionSigned',
  data: {
    conventionId: 'cpsd-44',
    version,
    documentHash: hash,
    partyId: actorId,
    signatory: { personId: `p-${actorId}`, title: 'Président' },
    place: 'Nantes',
    signedOn: '2015-02-01',
    councilResolution: actorId === 'cd-44' ? resolution : null,
  },
});
const inForce = (version = 1, hash = V1): ConventionEvent => ({
  type: 'ConventionEnteredIntoForce',
  data: { conventionId: 'cpsd-44', version, documentHash: hash, on: '2015-02-01', amendment: version > 1 },
});
const allSigned = [drafted, signed('prefet-52'), signed('cd-44'), signed('orange'), inForce()];
const amendmentProposed: ConventionEvent = {
  type: 'ConventionAmendmentProposed',
  data: { conventionId: 'cpsd-44', version: 2, documentHash: V2, summary: 'Adds 3 communes', proposedBy: 'orange', proposedOn: today },
};

describe('Conventions', () => {
  describe('drafting', () => {
    it('records parties, the document hash, scope and calendar; local authorities are marked', () => {
      spec.given([]).when(draftCommand).then([drafted]);
    });

    it('is for a representative of one of the parties', () => {
      spec
        .given([])
        .when({ ...draftCommand, principal: rep('sfr') })
        .thenRejects('forbidden', /parties/);
      spec
        .given([])
        .when({ ...draftCommand, principal: { actorId: 'datar', role: 'auditor' } })
        .thenRejects('forbidden');
    });

    it('needs two distinct, known, active parties each needing 1-10 signatures', () => {
      const fieldsOf = (command: ConventionCommand) => spec.given([]).when(command).thenRejects('invalid').fields;
      expect(fieldsOf({ ...draftCommand, parties: parties.slice(1, 2) })).toEqual(['parties']);
      expect(fieldsOf({ ...draftCommand, parties: [...parties, parties[0]] })).toEqual(['parties']);
      expect(fieldsOf({ ...draftCommand, parties: [parties[0], { ...parties[1], actor: undefined }] })).toEqual(['parties.1.actorId']);
      expect(fieldsOf({ ...draftCommand, parties: [parties[0], { ...parties[1], signaturesRequired: 0 }] })).toEqual(['parties.1.signaturesRequired']);
      spec
        .given([])
        .when({ ...draftCommand, parties: [parties[0], { ...parties[1], actor: { kind: 'departement', status: 'retired' } }] })
        .thenRejects('conflict', /retired/);
    });

    it('checks the document hash, the scope and the calendar', () => {
      const fieldsOf = (command: ConventionCommand) => spec.given([]).when(command).thenRejects('invalid').fields;
      expect(fieldsOf({ ...draftCommand, documentHash: 'ABC' })).toEqual(['documentHash']);
      expect(fieldsOf({ ...draftCommand, scope: ['44109', '44109'] })).toEqual(['scope']);
      expect(fieldsOf({ ...draftCommand, calendar: [{ communeCode: '49007', plannedPremises: 10, plannedDate: '2020-12-31' }] })).toEqual([
        'calendar.0.communeCode',
      ]);
      expect(fieldsOf({ ...draftCommand, calendar: [{ communeCode: '44109', plannedPremises: 0, plannedDate: '2020-12-31' }] })).toEqual([
        'calendar.0.plannedPremises',
      ]);
      expect(fieldsOf({ ...draftCommand, calendar: [{ communeCode: '44109', plannedPremises: 1, plannedDate: '2020-31-12' }] })).toEqual([
        'calendar.0.plannedDate',
      ]);
    });

    it('cannot draft the same convention twice', () => {
      spec
        .given([drafted])
        .when(draftCommand)
        .thenRejects('conflict', /already exists/);
    });
  });

  describe('signing', () => {
    it('records each party’s signature of the version by its hash', () => {
      spec
        .given([drafted])
        .when(signBy('prefet-52'))
        .then([signed('prefet-52')]);
    });

    it('enters into force with the last required signature, in the same append', () => {
      spec
        .given([drafted, signed('prefet-52'), signed('cd-44')])
        .when(signBy('orange'))
        .then([signed('orange'), inForce()]);
    });

    it('rejects another document, a non-party, and a second signature by the same party', () => {
      spec
        .given([drafted])
        .when(signBy('orange', V2))
        .thenRejects('conflict', /not the version awaiting signature/);
      spec
        .given([drafted])
        .when(signBy('sfr'))
        .thenRejects('forbidden', /not a party/);
      spec
        .given([drafted, signed('orange')])
        .when(signBy('orange', V1, 'p-other'))
        .thenRejects('conflict', /already signed/);
      spec
        .given([drafted])
        .when({ ...signBy('orange'), principal: { actorId: 'orange', role: 'admin' } })
        .thenRejects('forbidden');
    });

    it('requires the council resolution for a local authority, dated before the signature', () => {
      const withoutResolution = { ...signBy('cd-44'), councilResolution: undefined } as ConventionCommand;
      expect(spec.given([drafted]).when(withoutResolution).thenRejects('invalid').fields).toEqual(['councilResolution']);
      const late = { ...signBy('cd-44'), councilResolution: { number: 'CP-1', date: '2015-02-02' } } as ConventionCommand;
      expect(spec.given([drafted]).when(late).thenRejects('invalid').fields).toEqual(['councilResolution.date']);
    });

    it('refuses signature dates in the future or before the draft', () => {
      expect(
        spec
          .given([drafted])
          .when({ ...signBy('orange'), signedOn: '2015-03-02' } as ConventionCommand)
          .thenRejects('invalid').fields,
      ).toEqual(['signedOn']);
      expect(
        spec
          .given([drafted])
          .when({ ...signBy('orange'), signedOn: '2015-01-09' } as ConventionCommand)
          .thenRejects('invalid').fields,
      ).toEqual(['signedOn']);
    });

    it('needs as many distinct signatories as a party requires', () => {
      const twoForOrange = {
        ...drafted,
        data: { ...drafted.data, parties: drafted.data.parties.map((p) => (p.actorId === 'orange' ? { ...p, signaturesRequired: 2 } : p)) },
      } as ConventionEvent;
      spec
        .given([twoForOrange, signed('prefet-52'), signed('cd-44')])
        .when(signBy('orange'))
        .then([signed('orange')]);
      spec
        .given([twoForOrange, signed('orange')])
        .when(signBy('orange'))
        .thenRejects('conflict', /p-orange has already signed/);
    });

    it('has nothing to sign once in force', () => {
      spec
        .given(allSigned)
        .when(signBy('orange'))
        .thenRejects('conflict', /already in force/);
    });
  });

  describe('amending', () => {
    const amend = (principal = rep('orange'), hash = V2): ConventionCommand => ({
      type: 'AmendConvention',
      principal,
      documentHash: hash,
      summary: 'Adds 3 communes',
      today,
    });

    it('proposes a new version that all parties sign again while the previous one stays in force', () => {
      spec.given(allSigned).when(amend()).then([amendmentProposed]);
      const state = fold(conventionDecider, [...allSigned, amendmentProposed, signed('prefet-52', 2, V2)]);
      expect(state).toMatchObject({ status: 'amendment_pending', inForceVersion: 1 });
      spec
        .given([...allSigned, amendmentProposed, signed('prefet-52', 2, V2), signed('cd-44', 2, V2)])
        .when(signBy('orange', V2))
        .then([signed('orange', 2, V2), inForce(2, V2)]);
    });

    it('dates the amendment on the day it was proposed when recorded later, never ahead of today nor before the draft', () => {
      const late = { ...amend(), proposedOn: '2015-02-20' } as ConventionCommand;
      spec
        .given(allSigned)
        .when(late)
        .then([{ ...amendmentProposed, data: { ...amendmentProposed.data, proposedOn: '2015-02-20' } }]);
      spec
        .given(allSigned)
        .when({ ...late, proposedOn: '2015-03-02' } as ConventionCommand)
        .thenRejects('invalid', /future/);
      spec
        .given(allSigned)
        .when({ ...late, proposedOn: '2014-01-01' } as ConventionCommand)
        .thenRejects('invalid', /drafted/);
    });

    it('rejects signing the old version during an amendment', () => {
      spec
        .given([...allSigned, amendmentProposed])
        .when(signBy('orange', V1))
        .thenRejects('conflict', /earlier version/);
    });

    it('needs a convention in force, a new document, and no other pending amendment', () => {
      spec
        .given([drafted])
        .when(amend())
        .thenRejects('conflict', /in force/);
      spec
        .given(allSigned)
        .when(amend(rep('orange'), V1))
        .thenRejects('conflict', /already a version/);
      spec
        .given([...allSigned, amendmentProposed])
        .when(amend(rep('orange'), 'c'.repeat(64)))
        .thenRejects('conflict', /already awaiting/);
      spec
        .given(allSigned)
        .when(amend(rep('sfr')))
        .thenRejects('forbidden');
    });
  });

  describe('ending', () => {
    it('terminates with a reason and a date, then refuses any change', () => {
      const terminated: ConventionEvent = { type: 'ConventionTerminated', data: { conventionId: 'cpsd-44', reason: 'Replaced by the DSP', on: '2015-02-28' } };
      spec
        .given(allSigned)
        .when({ type: 'TerminateConvention', principal: rep('cd-44'), reason: 'Replaced by the DSP', on: '2015-02-28', today })
        .then([terminated]);
      spec
        .given([...allSigned, terminated])
        .when({ type: 'AmendConvention', principal: rep('orange'), documentHash: V2, summary: 'x', today })
        .thenRejects('conflict', /terminated/);
      spec
        .given(allSigned)
        .when({ type: 'TerminateConvention', principal: rep('cd-44'), reason: 'x', on: '2015-03-02', today })
        .thenRejects('invalid');
    });

    it('expires after its end date only', () => {
      const withEnd = { ...drafted, data: { ...drafted.data, endsOn: '2015-02-15' } } as ConventionEvent;
      spec
        .given([withEnd])
        .when({ type: 'ExpireConvention', principal: rep('orange'), today })
        .then([{ type: 'ConventionExpired', data: { conventionId: 'cpsd-44', on: '2015-02-15' } }]);
      spec
        .given([withEnd])
        .when({ type: 'ExpireConvention', principal: rep('orange'), today: '2015-02-15' })
        .thenRejects('conflict', /runs until/);
      spec
        .given([drafted])
        .when({ type: 'ExpireConvention', principal: rep('orange'), today })
        .thenRejects('conflict', /no end date/);
    });
  });

  describe('default procedure', () => {
    const notify: ConventionCommand = {
      type: 'NotifyConventionDefault',
      principal: rep('cd-44'),
      defaultId: 'def-1',
      defaultingPartyId: 'orange',
      description: 'Calendar missed in 12 communes',
      today,
    };
    const notified: ConventionEvent = {
      type: 'ConventionDefaultNotified',
      data: {
        conventionId: 'cpsd-44',
        defaultId: 'def-1',
        defaultingPartyId: 'orange',
        description: 'Calendar missed in 12 communes',
        notifiedBy: 'cd-44',
        notifiedOn: today,
      },
    };
    const referred: ConventionEvent = { type: 'ConventionDefaultReferred', data: { conventionId: 'cpsd-44', defaultId: 'def-1', referredBy: 'cd-44' } };
    const decide = (outcome: 'formal_default' | 'referred_to_national_committee', role: ActingActor['role'] = 'commission_secretariat'): ConventionCommand => ({
      type: 'RecordDefaultDecision',
      principal: { actorId: 'sgar-52', role },
      defaultId: 'def-1',
      decisionId: 'dec-9',
      meetingId: 'm-3',
      outcome,
    });

    it('goes from notification to referral to a recorded decision', () => {
      spec.given(allSigned).when(notify).then([notified]);
      spec
        .given([...allSigned, notified])
        .when({ type: 'ReferConventionDefault', principal: rep('cd-44'), defaultId: 'def-1' })
        .then([referred]);
      spec
        .given([...allSigned, notified, referred])
        .when(decide('formal_default'))
        .then([
          {
            type: 'ConventionDefaultDecided',
            data: { conventionId: 'cpsd-44', defaultId: 'def-1', decisionId: 'dec-9', meetingId: 'm-3', outcome: 'formal_default' },
          },
        ]);
    });

    it('records a decision once (a retried follow-up changes nothing) and not after a formal default', () => {
      const decided: ConventionEvent = {
        type: 'ConventionDefaultDecided',
        data: { conventionId: 'cpsd-44', defaultId: 'def-1', decisionId: 'dec-9', meetingId: 'm-3', outcome: 'formal_default' },
      };
      spec
        .given([...allSigned, notified, referred, decided])
        .when(decide('formal_default'))
        .then([]);
      spec
        .given([...allSigned, notified, referred, decided])
        .when(decide('referred_to_national_committee'))
        .thenRejects('conflict', /formal default/);
    });

    it('applies to CPSD conventions in force, notified by a party, about a party', () => {
      spec
        .given([drafted])
        .when(notify)
        .thenRejects('conflict', /not yet in force/);
      const financing = { ...drafted, data: { ...drafted.data, kind: 'financing' } } as ConventionEvent;
      spec
        .given([financing, signed('prefet-52'), signed('cd-44'), signed('orange'), inForce()])
        .when(notify)
        .thenRejects('conflict', /CPSD/);
      spec
        .given(allSigned)
        .when({ ...notify, principal: rep('sfr') })
        .thenRejects('forbidden');
      spec
        .given(allSigned)
        .when({ ...notify, defaultingPartyId: 'sfr' })
        .thenRejects('invalid');
      spec
        .given([...allSigned, notified])
        .when(notify)
        .thenRejects('conflict', /already notified/);
    });

    it('lets only the secretariat or a national body record decisions', () => {
      spec
        .given([...allSigned, notified])
        .when(decide('formal_default', 'representative'))
        .thenRejects('forbidden');
      spec.given(allSigned).when(decide('formal_default')).thenRejects('notFound', /def-1/);
    });
  });

  describe('properties of signatures (fast-check)', () => {
    type Step = { kind: 'sign'; party: number; person: number; hash: 'current' | 'stale' } | { kind: 'amend' };
    const partyCount = 4;
    const step: fc.Arbitrary<Step> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant('sign' as const),
          party: fc.integer({ min: 0, max: partyCount }),
          person: fc.integer({ min: 0, max: 2 }),
          hash: fc.oneof({ weight: 4, arbitrary: fc.constant('current' as const) }, { weight: 1, arbitrary: fc.constant('stale' as const) }),
        }),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'amend' as const }) },
    );
    const requirements = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: partyCount, maxLength: partyCount });

    it('never puts a version in force with a missing signature, and never loses a signature', () => {
      let runsReachingForce = 0;
      fc.assert(
        fc.property(requirements, fc.array(step, { minLength: 10, maxLength: 80, size: 'max' }), (required, steps) => {
          const draftedWith: ConventionEvent = {
            type: 'ConventionDrafted',
            data: {
              ...drafted.data,
              parties: required.map((n, i) => ({ actorId: `party-${i}`, signaturesRequired: n, localAuthority: false })),
            },
          };
          const history: ConventionEvent[] = [draftedWith];
          let hashes = 0;
          const accepted: { version: number; partyId: string; personId: string }[] = [];
          for (const s of steps) {
            const state = fold(conventionDecider, history) as Exclude<ConventionState, { status: 'none' }>;
            const open = state.versions[state.versions.length - 1];
            const command: ConventionCommand =
              s.kind === 'amend'
                ? { type: 'AmendConvention', principal: rep('party-0'), documentHash: (++hashes).toString(16).padStart(64, '0'), summary: 'change', today }
                : {
                    type: 'SignConvention',
                    principal: rep(`party-${s.party}`), // party-4 is not a party
                    documentHash: s.hash === 'current' ? open.documentHash : 'f'.repeat(64),
                    signatory: { personId: `person-${s.person}`, title: 'Maire' },
                    place: 'Angers',
                    signedOn: '2015-02-01',
                    today,
                  };
            try {
              const events = conventionDecider.decide(command, state);
              history.push(...events);
              for (const e of events)
                if (e.type === 'ConventionSigned') accepted.push({ version: e.data.version, partyId: e.data.partyId, personId: e.data.signatory.personId });
            } catch (error) {
              if (!(error instanceof CommandRejected)) throw error;
            }
          }
          const final = fold(conventionDecider, history) as Exclude<ConventionState, { status: 'none' }>;
          // Every signature accepted is in the state, once, on its version.
          for (const version of final.versions) {
            const recorded = version.signatures.map((s) => `${s.partyId}/${s.personId}`).sort();
            const expected = accepted
              .filter((a) => a.version === version.version)
              .map((a) => `${a.partyId}/${a.personId}`)
              .sort();
            expect(recorded).toEqual(expected);
            expect(new Set(recorded).size).toBe(recorded.length);
          }
          // Every version that entered into force had all its required signatures at that moment.
          const forced: number[] = [];
          history.forEach((event, index) => {
            if (event.type !== 'ConventionEnteredIntoForce') return;
            forced.push(event.data.version);
            const before = history
              .slice(0, index)
              .filter(
                (e): e is Extract<ConventionEvent, { type: 'ConventionSigned' }> => e.type === 'ConventionSigned' && e.data.version === event.data.version,
              );
            expect(
              isFullySigned(
                final.parties,
                before.map((e) => e.data),
              ),
            ).toBe(true);
          });
          // And a fully signed version is in force (nothing stays stuck).
          for (const version of final.versions) {
            if (isFullySigned(final.parties, version.signatures)) expect(forced).toContain(version.version);
          }
          expect(new Set(forced).size).toBe(forced.length);
          if (forced.length > 0) runsReachingForce += 1;
        }),
        { numRuns: 300 },
      );
      // The property is only meaningful if conventions do come into force in the generated runs.
      expect(runsReachingForce).toBeGreaterThan(30);
    });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conflict, CommandRejected, forbidden, invalid, rejectionText } from './errors.js';
import { refusal, refusalText } from './refusals.js';

describe('Catalogued refusals', () => {
  it('keep the API’s English message and render in French or English with their parameters', () => {
    const error = invalid(refusal('actor.nameTooLong', { max: 200 }), 'name');
    expect(error).toBeInstanceOf(CommandRejected);
    expect(error.message).toBe('The name must be at most 200 characters');
    expect(error.fields).toEqual(['name']);
    expect(rejectionText(error, 'fr')).toBe('Le nom doit compter au plus 200 caractères');
    expect(rejectionText(error, 'en')).toBe('The name must be at most 200 characters');

    const retired = conflict(refusal('actor.retired', { actorId: 'cd-44' }));
    expect(retired.kind).toBe('conflict');
    expect(retired.message).toBe('Actor cd-44 is retired and can no longer act or change');
    expect(rejectionText(retired, 'fr')).toBe('L’acteur cd-44 est retiré : il ne peut plus agir ni être modifié');
    expect(refusalText(refusal('actor.oneOwnTerritory', { kind: 'region', own: 'region' }), 'fr')).toBe(
      'Un acteur de type « Région » a exactement un territoire, de type « région »',
    );
    const late = invalid(refusal('whiteZone.resolvedBefore', { since: '2018-03-01' }), 'resolvedOn');
    expect(late.message).toBe('A white zone cannot be resolved before 2018-03-01');
    expect(rejectionText(late, 'fr')).toBe('Une zone blanche ne peut pas être résorbée avant le 01/03/2018');
  });

  it('render conventions’ and commitments’ refusals in French with their parameters, English unchanged', () => {
    const runs = conflict(refusal('convention.runsUntil', { endsOn: '2026-12-31' }));
    expect(runs.message).toBe('The convention runs until 2026-12-31');
    expect(rejectionText(runs, 'fr')).toBe('La convention court jusqu’au 31/12/2026');
    const stage = conflict(refusal('convention.defaultAlready', { stage: 'referred_to_national_committee' }));
    expect(stage.message).toBe('The default is already referred to national committee');
    expect(rejectionText(stage, 'fr')).toBe('Le manquement est déjà renvoyé devant le comité national');
    const committer = forbidden(refusal('commitment.committerOnly', { actorId: 'sfr', action: 'declare fulfilled' }));
    expect(committer.message).toBe('Only a representative of sfr may declare fulfilled this commitment');
    expect(rejectionText(committer, 'fr')).toBe('Seul un représentant de sfr peut déclarer cet engagement tenu');
    const unit = invalid(refusal('commitment.unitFixed', { unit: 'ftth_premises' }), 'target.unit');
    expect(rejectionText(unit, 'fr')).toBe('L’avancement est déjà déclaré en locaux raccordables en FttH : l’unité ne peut plus changer');
  });

  it('render network-project, milestone and zone refusals in French with their parameters', () => {
    const planned = conflict(refusal('milestone.alreadyPlanned', { key: 'travaux', plannedDate: '2025-06-30' }));
    expect(planned.message).toBe('Milestone travaux is already planned for 2025-06-30; reschedule it with a reason');
    expect(rejectionText(planned, 'fr')).toBe('Le jalon « travaux » est déjà prévu pour le 30/06/2025 : demandez sa replanification, motif à l’appui');
    const split = invalid(refusal('networkProject.splitSum', { sum: 900, totalCost: 1000 }), 'financing.split');
    expect(split.message).toBe('The split by funder adds up to 900, not the total cost 1000');
    expect(rejectionText(split, 'fr')).toBe('La répartition du financement par financeur totalise 900, et non le coût total de 1000');
    const lead = forbidden(refusal('milestone.projectLeadOnly', { leadActorId: 'cd-21', action: 'revise the financing of', what: 'network project' }));
    expect(lead.message).toBe('Only a representative of cd-21 may revise the financing of this network project');
    expect(rejectionText(lead, 'fr')).toBe('Seul un représentant de cd-21 peut réviser le financement de ce projet de réseau');
    const ended = conflict(refusal('zones.commitmentEnded', { communeCode: '21231', ended: 'operator_changed' }));
    expect(ended.message).toBe('The commitment on 21231 has ended (operator_changed)');
    expect(rejectionText(ended, 'fr')).toBe('L’engagement sur la commune 21231 a pris fin (changement d’opérateur)');
  });

  it('render the commission’s, shared checks’ and actors’ refusals in French with their parameters', () => {
    const kind = conflict(refusal('commission.decisionKind', { decisionId: 'd-7', kind: 'member_departure' }));
    expect(kind.message).toBe('Decision d-7 is not a member departure');
    expect(rejectionText(kind, 'fr')).toBe('La décision d-7 n’est pas un départ de membre');
    const long = invalid(refusal('check.tooLong', { field: 'minutes.summary', max: 2000 }), 'minutes.summary');
    expect(long.message).toBe('minutes.summary must be at most 2000 characters');
    expect(rejectionText(long, 'fr')).toBe('« minutes.summary » doit compter au plus 2\u202f000 caractères');
    const admin = forbidden(refusal('actor.adminOrSelf', { action: 'change the territories of' }));
    expect(admin.message).toBe('Only an admin or a representative of the actor may change the territories of it');
    expect(rejectionText(admin, 'fr')).toBe('Seul un administrateur ou un représentant de l’acteur peut modifier ses territoires');
  });

  it('render meetings’ refusals in French with their parameters, English unchanged', () => {
    const convened = conflict(refusal('meeting.convenedFor', { date: '2025-03-14' }));
    expect(convened.message).toBe('The meeting is convened for 2025-03-14');
    expect(rejectionText(convened, 'fr')).toBe('La séance est convoquée pour le 14/03/2025');
    const chair = forbidden(refusal('meeting.coChairOnly', { action: 'close a vote' }));
    expect(chair.message).toBe('Only a co-chair may close a vote');
    expect(rejectionText(chair, 'fr')).toBe('Seuls les coprésidents peuvent clore un scrutin');
    const subject = invalid(refusal('meeting.subjectRequired', { kind: 'action_request' }), 'subject');
    expect(subject.message).toBe('A action request names what it is about');
    expect(rejectionText(subject, 'fr')).toBe('Une décision de type « demande d’action » précise son objet');
    const proxy = forbidden(refusal('meeting.voterOnly', { memberActorId: 'cd-21', proxy: true }));
    expect(proxy.message).toBe("Only cd-21's representative (the proxy holder) may cast its vote");
    expect(rejectionText(proxy, 'fr')).toBe('Seul le membre détenant la procuration de cd-21 peut exprimer son vote');
    expect(refusalText(refusal('meeting.closeVotesFirst', { itemIds: ['i1', 'i2'] }), 'fr')).toBe(
      'Clôturez d’abord les scrutins ouverts sur les points i1, i2',
    );
  });

  it('fall back to the English message when the site names no code', () => {
    expect(rejectionText(invalid('Not catalogued yet', 'x'), 'fr')).toBe('Not catalogued yet');
    expect(rejectionText(new Error('plain'), 'fr')).toBe('plain');
  });

  // Sites still refusing with a raw English string (rendered in English in French documents).
  // Lower this number as sites are converted; it must not grow.
  it('leave a known number of refusals uncatalogued', () => {
    const root = join(process.cwd(), 'src');
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const raw = /\b(invalid|forbidden|notFound|conflict)\(\s*['`"]/g;
    const counts = Object.fromEntries(
      sources.map((file) => [file, (readFileSync(join(root, file), 'utf8').match(raw) ?? []).length] as const).filter(([, n]) => n > 0),
    );
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect({ total, actors: counts[join('actors', 'actor.decider.ts')] ?? 0 }).toEqual({ total: RAW_REFUSALS_LEFT, actors: 0 });
  });
});

const RAW_REFUSALS_LEFT = 47;

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
      'Un acteur de type « region » a exactement un territoire, de type « region »',
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
    expect({ total, actors: counts[join('actors', 'actor.decider.ts')] ?? 0 }).toEqual({ total: RAW_REFUSALS_LEFT, actors: 2 });
  });
});

const RAW_REFUSALS_LEFT = 202;

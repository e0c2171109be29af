import { DEMO_OF_FEATURES } from '../app/features.js';
import { demoSteps } from './demo-data.js';

describe('demo data set', () => {
  it('is the same for the same seed, command ids included, and differs for another seed', () => {
    expect(demoSteps(undefined, DEMO_OF_FEATURES)).toEqual(demoSteps(undefined, DEMO_OF_FEATURES));
    const other = demoSteps('another-seed', DEMO_OF_FEATURES);
    expect(other.map((s) => s.input.commandId)).not.toEqual(demoSteps(undefined, DEMO_OF_FEATURES).map((s) => s.input.commandId));
  });

  it('is in chronological order, within 2014-2021, with one command id per step', () => {
    const steps = demoSteps(undefined, DEMO_OF_FEATURES);
    const times = steps.map((s) => s.at);
    expect([...times].sort()).toEqual(times);
    expect(times[0] >= '2014-01-01').toBe(true);
    expect(times[times.length - 1] < '2021-07-01').toBe(true);
    expect(new Set(steps.map((s) => s.input.commandId)).size).toBe(steps.length);
    for (const step of steps) expect(step.input.occurredAt).toBe(step.at);
  });

  it('covers the programme: 533 M€ over the five RIPs at the last cost revision, a CPSD amended once', () => {
    const steps = demoSteps(undefined, DEMO_OF_FEATURES);
    const lastCost = new Map<string, number>();
    for (const s of steps.filter((s) => s.mutation === 'reviseNetworkFinancing')) lastCost.set(s.input.projectId as string, s.input.totalCost as number);
    expect(lastCost.size).toBe(5);
    expect([...lastCost.values()].reduce((a, b) => a + b, 0)).toBe(533_000_000);
    expect(steps.filter((s) => s.mutation === 'amendConvention')).toHaveLength(1);
    expect(steps.filter((s) => s.mutation === 'conveneMeeting')).toHaveLength(14);
  });

  it('takes the features’ parts from the features list, after the story, whose steps keep their command ids', () => {
    const story = demoSteps();
    const all = demoSteps(undefined, DEMO_OF_FEATURES);
    expect(DEMO_OF_FEATURES.length).toBeGreaterThan(0);
    // The zones feature declares its part (zones.demo.ts) in its descriptor: the communes' zones, the operators' commitments, the regulator's figures.
    expect(story.some((s) => s.mutation === 'recordOperatorCommitments')).toBe(false);
    expect(all.some((s) => s.mutation === 'recordOperatorCommitments')).toBe(true);
    const ids = new Set(all.map((s) => s.input.commandId));
    expect(story.every((s) => ids.has(s.input.commandId))).toBe(true);
  });
});

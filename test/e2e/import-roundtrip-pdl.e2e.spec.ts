import type { INestApplication } from '@nestjs/common';
import { derivedCommandId } from '../../src/decider/command-handler.js';
import { at, type DemoStep } from '../../src/demo/demo-data.js';
import { loadPaysDeLaLoireInstance } from '../../src/demo/demo-loader.js';
import { DEMO_REGION } from '../../src/demo/demo-data.js';
import { roundTripSuite } from './import-roundtrip.js';

const SET = 'sfr-amii-52-l3313';

/**
 * The demo, with what it does not record on operators' commitment sets: an amendment (new premises
 * for one commune, a new due date for another) and progress the operator declares, each in its place in time.
 */
function withOperatorSetChanges(app: INestApplication): Promise<string[]> {
  return loadPaysDeLaLoireInstance(app, (steps: readonly DemoStep[]): DemoStep[] => {
    const set = steps.find((step) => step.mutation === 'recordOperatorCommitments' && step.input.setId === SET)!;
    // The commune's commitment id, as the set's command derives it.
    const saintHerblain = derivedCommandId(String(set.input.commandId), 'operator-commitment:44162');
    const step = (when: string, as: DemoStep['as'], mutation: string, input: Record<string, unknown>, n: number): DemoStep => ({
      at: when,
      as,
      mutation,
      input: { commandId: `5e0c9a3e-0000-4000-8000-00000000000${n}`, ...input, occurredAt: when },
    });
    return [
      step(
        at('2019-11-15'),
        { actorId: 'sgar-52', role: 'commission_secretariat' },
        'amendOperatorCommitments',
        {
          setId: SET,
          revised: [
            { communeCode: '44162', premises: 31_500 },
            { communeCode: '49328', dueDate: '2021-06-30' },
          ],
          reason: 'Avenant : estimation des locaux révisée à Saint-Herblain, échéance de Saumur reportée',
        },
        1,
      ),
      step(
        at('2020-02-10'),
        { actorId: 'sfr', role: 'representative' },
        'reportCommitmentProgress',
        { commitmentId: saintHerblain, value: 16_000, asOf: '2020-01-31', source: 'DECLARED', note: 'Relevé de l’opérateur' },
        2,
      ),
    ];
  });
}

// Pays de la Loire (52), the main demo: an amended CPSD with its calendar, the zones of its communes, operators'
// commitment sets (one amended, with progress its operator declared), the regulator's quarters, a commitment withdrawn when its
// commune moved to the RIP.
roundTripSuite(DEMO_REGION, withOperatorSetChanges, [
  'actors',
  'conventions',
  'amendments',
  'signatures',
  'commitments',
  'progress',
  'network_projects',
  'financing',
  'usage_projects',
  'milestones',
  'indicators',
  'white_zones',
  'commune_zones',
  'operator_commitments',
  'operator_amendments',
  'operator_progress',
  'regulator_figures',
  'meetings',
  'attendance',
  'decisions',
  'votes',
  'votes_cast',
]);

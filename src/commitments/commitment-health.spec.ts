import Database from 'better-sqlite3';
import fc from 'fast-check';
import { commitmentHealth } from './commitment-health.js';
import { HEALTH_SQL } from './commitments.read-model.js';

const day = fc.integer({ min: 0, max: 6000 }).map((n) => new Date(Date.UTC(2014, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

describe('Commitment health', () => {
  it('is late after the due date, at risk behind the linear path less the threshold, on track otherwise', () => {
    const commitment = { madeOn: '2026-01-01', dueDate: '2026-12-31', target: 1000, value: null };
    expect(commitmentHealth(commitment, '2027-01-01', 0.1)).toBe('late');
    expect(commitmentHealth(commitment, '2026-01-20', 0.1)).toBe('on_track');
    expect(commitmentHealth({ ...commitment, value: 390 }, '2026-07-01', 0.1)).toBe('at_risk');
    expect(commitmentHealth({ ...commitment, value: 400 }, '2026-07-01', 0.1)).toBe('on_track');
  });

  it('agrees with the read model’s SQL, which filters on it', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE commitments (status TEXT, made_on TEXT, due_date TEXT, target_quantity REAL, current_value REAL)`);
    const health = db.prepare(`SELECT ${HEALTH_SQL} AS health FROM commitments`);
    const insert = db.prepare(`INSERT INTO commitments VALUES ('active', ?, ?, ?, ?)`);
    fc.assert(
      fc.property(
        day,
        day,
        day,
        fc.integer({ min: 1, max: 100_000 }),
        fc.option(fc.integer({ min: 0, max: 120_000 })),
        fc.integer({ min: 0, max: 100 }),
        (a, b, today, target, value, percent) => {
          const [madeOn, dueDate] = a <= b ? [a, b] : [b, a];
          db.exec('DELETE FROM commitments');
          insert.run(madeOn, dueDate, target, value);
          const sql = (health.get({ today, threshold: percent / 100 }) as { health: string }).health;
          expect(commitmentHealth({ madeOn, dueDate, target, value }, today, percent / 100)).toBe(sql);
        },
      ),
      { numRuns: 500 },
    );
    db.close();
  });
});

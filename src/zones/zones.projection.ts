import { assertNever } from '../decider/decider.js';
import { eitherEvent, type Projection, type ReadModelDatabase } from '../projections/projection.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { isCommuneZoneEvent, type CommuneZoneEvent } from './commune-zone.decider.js';
import { isOperatorCommitmentsEvent, type OperatorCommitmentsEvent } from './operator-commitments.decider.js';
import { isRegulatorQuarterEvent, type RegulatorQuarterEvent } from './regulator-quarter.decider.js';

/**
 * Every zone a commune has been in (`commune_zones`, keyed by effective date, so the map can be read
 * as of a day), the operators' commitment sets and their communes (`operator_commitment_sets`,
 * `operator_commitment_communes`), and the regulator's figures per commune and quarter
 * (`regulator_figures`, and `regulator_files`: each file recorded, a quarter may have several).
 */
export function zonesProjection(territories: TerritoryService): Projection<CommuneZoneEvent | OperatorCommitmentsEvent | RegulatorQuarterEvent> {
  return {
    name: 'zones',
    version: 1,
    filter: { categories: ['communeZone', 'operatorCommitments', 'regulatorQuarter'] },
    events: eitherEvent(isCommuneZoneEvent, eitherEvent(isOperatorCommitmentsEvent, isRegulatorQuarterEvent)),
    tables: ['commune_zones', 'operator_commitment_sets', 'operator_commitment_communes', 'regulator_figures', 'regulator_files'],
    setup(db) {
      db.exec(`
        CREATE TABLE commune_zones (
          commune_code       TEXT NOT NULL,
          effective_from     TEXT NOT NULL,
          zone               TEXT NOT NULL,
          operator_id        TEXT,
          network_project_id TEXT,
          reason             TEXT,
          departement        TEXT,
          region             TEXT,
          position           TEXT NOT NULL,
          PRIMARY KEY (commune_code, effective_from)
        ) WITHOUT ROWID;
        CREATE INDEX commune_zones_by_departement ON commune_zones (departement, commune_code);
        CREATE TABLE operator_commitment_sets (
          id          TEXT PRIMARY KEY,
          reference   TEXT NOT NULL,
          operator_id TEXT NOT NULL,
          legal_basis TEXT NOT NULL,
          made_on     TEXT NOT NULL,
          revision    INTEGER NOT NULL,
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL
        );
        CREATE TABLE operator_commitment_communes (
          set_id        TEXT NOT NULL,
          commune_code  TEXT NOT NULL,
          commitment_id TEXT NOT NULL UNIQUE,
          premises      INTEGER NOT NULL,
          due_date      TEXT NOT NULL,
          departement   TEXT,
          ended         TEXT,
          ended_on      TEXT,
          PRIMARY KEY (set_id, commune_code)
        ) WITHOUT ROWID;
        CREATE INDEX operator_commitment_communes_by_commune ON operator_commitment_communes (commune_code);
        CREATE TABLE regulator_figures (
          commune_code      TEXT NOT NULL,
          quarter           TEXT NOT NULL,
          as_of             TEXT NOT NULL,
          connectable       INTEGER NOT NULL,
          premises_estimate INTEGER NOT NULL,
          PRIMARY KEY (commune_code, quarter)
        ) WITHOUT ROWID;
        CREATE TABLE regulator_files (
          command_id  TEXT PRIMARY KEY,
          quarter     TEXT NOT NULL,
          as_of       TEXT NOT NULL,
          source      TEXT NOT NULL,
          communes    INTEGER NOT NULL,
          recorded_at TEXT NOT NULL
        );
        CREATE INDEX regulator_files_by_quarter ON regulator_files (quarter);`);
    },
    handler(db: ReadModelDatabase) {
      const setZone = db.prepare(
        `INSERT OR REPLACE INTO commune_zones (commune_code, effective_from, zone, operator_id, network_project_id, reason, departement, region, position)
         VALUES (@communeCode, @effectiveFrom, @zone, @operatorId, @networkProjectId, @reason, @departement, @region, @position)`,
      );
      const insertSet = db.prepare(
        `INSERT INTO operator_commitment_sets (id, reference, operator_id, legal_basis, made_on, revision, created_at, updated_at)
         VALUES (@setId, @reference, @operatorId, @legalBasis, @madeOn, @revision, @at, @at)`,
      );
      const insertCommune = db.prepare(
        `INSERT INTO operator_commitment_communes (set_id, commune_code, commitment_id, premises, due_date, departement) VALUES (@setId, @communeCode, @commitmentId, @premises, @dueDate, @departement)`,
      );
      const revise = db.prepare(
        'UPDATE operator_commitment_communes SET premises = @premises, due_date = @dueDate WHERE set_id = @setId AND commune_code = @communeCode',
      );
      const end = db.prepare(
        'UPDATE operator_commitment_communes SET ended = @ended, ended_on = @endedOn WHERE set_id = @setId AND commune_code = @communeCode',
      );
      const touchSet = db.prepare('UPDATE operator_commitment_sets SET revision = ?, updated_at = ? WHERE id = ?');
      const figure = db.prepare(
        `INSERT OR REPLACE INTO regulator_figures (commune_code, quarter, as_of, connectable, premises_estimate) VALUES (@communeCode, @quarter, @asOf, @connectable, @premisesEstimate)`,
      );
      const file = db.prepare(`INSERT OR REPLACE INTO regulator_files (command_id, quarter, as_of, source, communes, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`);
      const departementOf = (code: string) => territories.departementOf(code)?.code ?? null;
      return (event) => {
        switch (event.type) {
          case 'CommuneZoneSet': {
            const d = event.data;
            const region = territories.regionOf({ kind: 'commune', code: d.communeCode })?.code ?? null;
            setZone.run({ ...d, departement: departementOf(d.communeCode), region, position: event.position.toString() });
            break;
          }
          case 'OperatorCommitmentsRecorded': {
            const d = event.data;
            insertSet.run({
              setId: d.setId,
              reference: d.reference,
              operatorId: d.operatorId,
              legalBasis: d.legalBasis,
              madeOn: d.madeOn,
              revision: event.revision,
              at: event.recordedAt,
            });
            for (const c of d.communes) insertCommune.run({ setId: d.setId, ...c, departement: departementOf(c.communeCode) });
            break;
          }
          case 'OperatorCommitmentsAmended': {
            const d = event.data;
            for (const r of d.revised) revise.run({ setId: d.setId, communeCode: r.communeCode, premises: r.premises, dueDate: r.dueDate });
            for (const w of d.withdrawn)
              end.run({ setId: d.setId, communeCode: w.communeCode, ended: 'withdrawn_by_amendment', endedOn: event.metadata.occurredAt.slice(0, 10) });
            touchSet.run(event.revision, event.recordedAt, d.setId);
            break;
          }
          case 'OperatorCommuneCommitmentEnded': {
            const d = event.data;
            end.run({ setId: d.setId, communeCode: d.communeCode, ended: d.why, endedOn: d.effectiveFrom });
            touchSet.run(event.revision, event.recordedAt, d.setId);
            break;
          }
          case 'RegulatorQuarterRecorded': {
            const d = event.data;
            for (const row of d.rows) figure.run({ ...row, quarter: d.quarter, asOf: d.asOf });
            file.run(event.metadata.commandId, d.quarter, d.asOf, d.source, d.rows.length, event.recordedAt);
            break;
          }
          default:
            assertNever(event, 'event');
        }
      };
    },
  };
}

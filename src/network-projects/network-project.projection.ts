import { assertNever } from '../decider/decider.js';
import { isMilestoneEvent } from '../milestones/milestones.js';
import { milestoneHandler, milestoneTables, PROJECT_COLUMNS, setupMilestoneTables } from '../milestones/milestone.projection.js';
import type { Projection, ReadModelDatabase } from '../projections/projection.js';
import { isNetworkProjectEvent, type NetworkProjectEvent } from './network-project.decider.js';

export const NETWORK_MILESTONES = 'network_project';

/**
 * Network projects (`network_projects`), the départements each covers (`network_project_departements`),
 * their milestone timeline (shared milestone tables), every indicator report (`network_indicator_reports`)
 * and every cost and financing estimate (`network_financing`): the semestrial "update of cost estimates".
 */
export function networkProjectsProjection(): Projection<NetworkProjectEvent> {
  return {
    name: 'network_projects',
    version: 2,
    filter: { categories: ['networkProject'] },
    events: isNetworkProjectEvent,
    tables: ['network_projects', 'network_project_departements', 'network_indicator_reports', 'network_financing', ...milestoneTables(NETWORK_MILESTONES)],
    setup(db) {
      db.exec(`
        CREATE TABLE network_projects (
          id                   TEXT PRIMARY KEY,
          name                 TEXT NOT NULL,
          lead_actor_id        TEXT NOT NULL,
          departement_codes    TEXT NOT NULL,
          multi_departemental  INTEGER NOT NULL,
          technologies         TEXT NOT NULL,
          procurement_model    TEXT,
          delegate_operator_id TEXT,
          ${PROJECT_COLUMNS}
        );
        CREATE INDEX network_projects_by_lead ON network_projects (lead_actor_id, id);
        CREATE TABLE network_project_departements (
          code       TEXT NOT NULL,
          project_id TEXT NOT NULL,
          PRIMARY KEY (code, project_id)
        ) WITHOUT ROWID;
        CREATE TABLE network_indicator_reports (
          project_id  TEXT NOT NULL,
          revision    INTEGER NOT NULL,
          as_of       TEXT NOT NULL,
          figures     TEXT NOT NULL,
          lowered     TEXT NOT NULL,
          reason      TEXT,
          source      TEXT NOT NULL,
          reported_by TEXT,
          recorded_at TEXT NOT NULL,
          PRIMARY KEY (project_id, revision)
        ) WITHOUT ROWID;
        CREATE TABLE network_financing (
          project_id  TEXT NOT NULL,
          revision    INTEGER NOT NULL,
          as_of       TEXT NOT NULL,
          financing   TEXT NOT NULL,
          reason      TEXT,
          revised_by  TEXT,
          recorded_at TEXT NOT NULL,
          PRIMARY KEY (project_id, revision)
        ) WITHOUT ROWID;`);
      setupMilestoneTables(db, NETWORK_MILESTONES);
    },
    handler(db: ReadModelDatabase) {
      const insert = db.prepare(
        `INSERT INTO network_projects (id, name, lead_actor_id, departement_codes, multi_departemental, technologies, procurement_model, delegate_operator_id,
           registered_on, status, revision, created_at, updated_at)
         VALUES (@id, @name, @lead, @departements, @multi, @technologies, @procurement, @operator, @registeredOn, 'active', @revision, @at, @at)`,
      );
      const addDepartement = db.prepare('INSERT OR IGNORE INTO network_project_departements (code, project_id) VALUES (?, ?)');
      const touch = db.prepare('UPDATE network_projects SET revision = ?, updated_at = ? WHERE id = ?');
      const contract = db.prepare('UPDATE network_projects SET procurement_model = COALESCE(?, procurement_model), delegate_operator_id = ? WHERE id = ?');
      const addReport = db.prepare(
        'INSERT INTO network_indicator_reports (project_id, revision, as_of, figures, lowered, reason, source, reported_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const addFinancing = db.prepare(
        'INSERT INTO network_financing (project_id, revision, as_of, financing, reason, revised_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const complete = db.prepare(`UPDATE network_projects SET status = 'completed', completed_on = ? WHERE id = ?`);
      const abandon = db.prepare(`UPDATE network_projects SET status = 'abandoned', abandoned_reason = ? WHERE id = ?`);
      const milestones = milestoneHandler(db, NETWORK_MILESTONES);

      return (event) => {
        const at = event.recordedAt;
        const by = event.metadata.actingActorId ?? null;
        if (event.type === 'NetworkProjectRegistered') {
          const d = event.data;
          insert.run({
            id: d.projectId,
            name: d.name,
            lead: d.leadActorId,
            departements: JSON.stringify(d.departementCodes),
            multi: d.multiDepartemental ? 1 : 0,
            technologies: JSON.stringify(d.technologies),
            procurement: d.procurementModel,
            operator: d.delegateOperatorId,
            registeredOn: d.registeredOn,
            revision: event.revision,
            at,
          });
          for (const code of d.departementCodes) addDepartement.run(code, d.projectId);
          return;
        }
        touch.run(event.revision, at, event.data.projectId);
        if (isMilestoneEvent(event)) {
          milestones(event);
          return;
        }
        switch (event.type) {
          case 'NetworkProjectContractChosen':
            contract.run(event.data.procurementModel, event.data.delegateOperatorId, event.data.projectId);
            break;
          case 'NetworkIndicatorsReported': {
            const d = event.data;
            addReport.run(d.projectId, event.revision, d.asOf, JSON.stringify(d.figures), JSON.stringify(d.lowered), d.reason, d.source ?? 'declared', by, at);
            break;
          }
          case 'NetworkFinancingRevised': {
            const d = event.data;
            addFinancing.run(d.projectId, event.revision, d.asOf, JSON.stringify(d.financing), d.reason, by, at);
            break;
          }
          case 'NetworkProjectCompleted':
            complete.run(event.data.completedOn, event.data.projectId);
            break;
          case 'NetworkProjectAbandoned':
            abandon.run(event.data.reason, event.data.projectId);
            break;
          default:
            assertNever(event, 'event');
        }
      };
    },
  };
}

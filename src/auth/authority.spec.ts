import { readFileSync } from 'node:fs';
import { AUTHORITY, authorityTableMarkdown, reachCovers, recordsNamedIn } from './authority.js';

const BEGIN = '<!-- authority-table:begin (generated from src/auth/authority.ts; a test keeps it equal) -->';
const END = '<!-- authority-table:end -->';

describe('the authority table', () => {
  const mutations = (() => {
    const schema = readFileSync('schema.gql', 'utf8');
    const block = /type Mutation \{([\s\S]*?)\n\}/.exec(schema)![1];
    return [...block.matchAll(/^ {2}([a-zA-Z]+)\(/gm)].map((m) => m[1]).sort();
  })();

  it('has exactly one entry for every mutation of the schema (the guard refuses a mutation without one)', () => {
    expect(AUTHORITY.map((rule) => rule.operation).sort()).toEqual(mutations);
  });

  it('gives auditors no write, and every entry a reason', () => {
    for (const rule of AUTHORITY) {
      expect(rule.roles.auditor).toBeUndefined();
      expect(rule.reason.length).toBeGreaterThan(10);
    }
  });

  it('is the table docs/security.md prints', () => {
    const doc = readFileSync('docs/security.md', 'utf8');
    const printed = doc.slice(doc.indexOf(BEGIN) + BEGIN.length, doc.indexOf(END)).trim();
    expect(doc.indexOf(BEGIN)).toBeGreaterThan(0);
    expect(printed).toBe(authorityTableMarkdown());
  });

  it('reaches a write only when every region it touches is one of the actor’s, or nationwide', () => {
    expect(reachCovers('regional', new Set(['52']), new Set(['52']))).toBe(true);
    expect(reachCovers('regional', new Set(['52', '84']), new Set(['52']))).toBe(false);
    expect(reachCovers('regional', new Set(), new Set())).toBe(true);
    expect(reachCovers('national', new Set(['84']), new Set(['52']))).toBe(true);
  });

  it('names the records a write touches from its input', () => {
    expect(recordsNamedIn('reportCommitmentProgress', { commitmentId: 'c1' })).toEqual(['commitment-c1']);
    expect(recordsNamedIn('planMilestone', { projectId: 'p', projectKind: 'USAGE' })).toEqual(['usageProject-p']);
    expect(recordsNamedIn('planMilestone', { projectId: 'p', projectKind: 'network' })).toEqual(['networkProject-p']);
    expect(recordsNamedIn('abandonNetworkProject', { projectId: 'p' })).toEqual(['networkProject-p']);
    expect(recordsNamedIn('reportNetworkIndicators', { projectId: 'p' })).toEqual(['networkProject-p']);
    expect(recordsNamedIn('reviseNetworkFinancing', { projectId: 'p' })).toEqual(['networkProject-p']);
    expect(recordsNamedIn('completeUsageProject', { projectId: 'p' })).toEqual(['usageProject-p']);
    expect(recordsNamedIn('renameActor', { actorId: 'a' })).toEqual(['actor-a']);
    expect(recordsNamedIn('makeCommitment', { committingActorId: 'a', stemsFrom: { conventionId: 'x' } })).toEqual([]);
  });
});

import type { AuditEvent } from './audit.read-model.js';
import { scalarText } from '../shared/scalar-text.js';

/** Data fields worth a mention in a one-line summary, in the order they are mentioned. */
const HIGHLIGHTS = ['name', 'title', 'kind', 'subject', 'value', 'unit', 'asOf', 'dueDate', 'source', 'partyId', 'version', 'stage', 'reason'] as const;
const MAX_TEXT = 80;

/**
 * A sentence an auditor can read without the schema: who, for whom, what, on which record, and
 * the salient facts, e.g. `person-42 for Gigalis: commitment progress reported on
 * commitment-9f… (revision 3): value 1200, asOf 2026-06-30, source operator_data`.
 */
export function summarize(event: AuditEvent, actorName?: string): string {
  const who = event.actorId ? `${event.principal} for ${actorName ?? event.actorId}` : event.principal;
  const what = humanize(event.type);
  const facts = HIGHLIGHTS.flatMap((key) => {
    const value = event.data[key];
    if (value === undefined || value === null || typeof value === 'object') return [];
    return [`${key} ${truncate(scalarText(value))}`];
  });
  const target: { quantity?: unknown; unit?: unknown } | null = isRecord(event.data.target) ? event.data.target : null;
  if (target && target.quantity !== undefined) facts.push(`target ${scalarText(target.quantity)} ${scalarText(target.unit)}`.trim());
  return `${who}: ${what} on ${event.streamId} (revision ${event.revision})${facts.length ? `: ${facts.join(', ')}` : ''}`;
}

/** `CommitmentProgressReported` → `commitment progress reported`. */
export function humanize(type: string): string {
  return type
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

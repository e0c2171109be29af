import { DecisionsDocument, type DecisionsQuery } from '@scoran/ledger-client';
import type { ViewContext } from '../context';
import { h } from '../dom';

type Decision = DecisionsQuery['decisions']['edges'][number]['node'];

export async function loadDecisions(ctx: ViewContext): Promise<Decision[]> {
  const list: Decision[] = [];
  for await (const d of ctx.client.paginate(DecisionsDocument, { filter: { regionCode: ctx.region }, first: 100 }, (data) => data.decisions)) list.push(d);
  return list.reverse(); // newest first
}

/** The register: each decision with what it caused (the commitment an adopted action request created). */
export function decisionsView(ctx: ViewContext, decisions: Decision[]): HTMLElement {
  const { t, f } = ctx;
  if (decisions.length === 0) return h('p', { class: 'empty' }, t.empty);
  return h(
    'table',
    { class: 'decisions' },
    h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, ''), h('th', {}, t.decisionCaused))),
    h(
      'tbody',
      {},
      decisions.map((d) =>
        h(
          'tr',
          { id: `decision-${d.id}`, 'data-event-id': d.eventId },
          h('td', { class: 'when' }, t.meetingOf(f.date(d.meetingDate))),
          h(
            'td',
            {},
            h('span', { class: `badge outcome-${d.outcome.toLowerCase()}` }, t.decisionOutcome[d.outcome] ?? d.outcome),
            ' ',
            d.text,
            d.tally ? h('span', { class: 'tally' }, ` (${t.tally(d.tally.for, d.tally.against, d.tally.abstain)})`) : null,
          ),
          h(
            'td',
            { class: 'caused' },
            d.commitmentId ? h('a', { href: `#commitment-${d.commitmentId}` }, t.causedCommitment(d.commitmentId)) : t.causedNothing,
          ),
        ),
      ),
    ),
  );
}

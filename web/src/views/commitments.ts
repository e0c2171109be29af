import { CommitmentsDocument, type CommitmentSummaryFragment } from '@scoran/ledger-client';
import type { ViewContext } from '../context';
import { h } from '../dom';

export async function loadCommitments(ctx: ViewContext): Promise<CommitmentSummaryFragment[]> {
  const list: CommitmentSummaryFragment[] = [];
  const filter = { territory: { kind: 'REGION' as const, code: ctx.region } };
  for await (const c of ctx.client.paginate(CommitmentsDocument, { filter, first: 100 }, (d) => d.commitments)) list.push(c);
  return list;
}

const STANDINGS = ['ON_TRACK', 'AT_RISK', 'LATE', 'FULFILLED', 'BREACHED', 'WITHDRAWN'] as const;

/** Active commitments by health, ended ones by how they ended. */
export function standingOf(c: CommitmentSummaryFragment): (typeof STANDINGS)[number] {
  return c.status === 'ACTIVE' ? (c.health ?? 'ON_TRACK') : c.status;
}

export function commitmentsView(ctx: ViewContext, commitments: CommitmentSummaryFragment[]): HTMLElement {
  const { t, f } = ctx;
  if (commitments.length === 0) return h('p', { class: 'empty' }, t.empty);
  return h(
    'div',
    { class: 'standings' },
    STANDINGS.map((standing) => {
      const group = commitments.filter((c) => standingOf(c) === standing);
      return h(
        'section',
        { class: `standing standing-${standing.toLowerCase()}`, 'data-standing': standing },
        h('h3', {}, t.standing[standing], ' ', h('span', { class: 'count' }, f.number(group.length))),
        group.map((c) => {
          const share = c.currentValue === null ? 0 : Math.max(0, Math.min(1, c.currentValue / c.target.quantity));
          const unit = (f.isOne(c.target.quantity) ? t.unitsOne[c.target.unit] : undefined) ?? t.units[c.target.unit] ?? c.target.unit;
          return h(
            'article',
            { class: 'card commitment', id: `commitment-${c.id}`, 'data-id': c.id },
            h('h4', {}, c.title),
            h('p', { class: 'meta' }, c.committingActor?.name ?? c.committingActorId, ' · ', t.due(f.date(c.dueDate))),
            h(
              'div',
              { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': c.target.quantity, 'aria-valuenow': c.currentValue ?? 0 },
              h('span', { style: `width:${(share * 100).toFixed(1)}%` }),
            ),
            h(
              'p',
              { class: 'progress' },
              c.currentValue === null ? t.noProgress : `${t.progress(f.number(c.currentValue), f.number(c.target.quantity))} ${unit}`,
            ),
            c.stemsFrom
              ? h('p', { class: 'origin' }, c.stemsFrom.kind === 'CONVENTION' ? t.fromConvention(c.stemsFrom.conventionId ?? '') : t.fromDecision)
              : null,
          );
        }),
      );
    }),
  );
}

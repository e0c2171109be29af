import { ConventionsDocument, type ConventionSummaryFragment } from '@scoran/ledger-client';
import type { ViewContext } from '../context';
import { h } from '../dom';

export async function loadConventions(ctx: ViewContext): Promise<ConventionSummaryFragment[]> {
  const list: ConventionSummaryFragment[] = [];
  const filter = { territory: { kind: 'REGION' as const, code: ctx.region } };
  for await (const c of ctx.client.paginate(ConventionsDocument, { filter }, (d) => d.conventions)) list.push(c);
  return list;
}

/** Each convention with its parties: who signed which version, when and where; who is still awaited. */
export function conventionsView(ctx: ViewContext, conventions: ConventionSummaryFragment[]): HTMLElement {
  const { t, f } = ctx;
  if (conventions.length === 0) return h('p', { class: 'empty' }, t.empty);
  return h(
    'div',
    { class: 'cards' },
    conventions.map((c) => {
      const awaited = new Set(c.expectedSignatures.map((e) => e.partyId));
      const version = c.inForceVersion ?? c.currentVersion;
      return h(
        'article',
        { class: 'card convention', id: `convention-${c.id}`, 'data-id': c.id },
        h('header', {}, h('h3', {}, c.title), h('span', { class: `badge status-${c.status.toLowerCase()}` }, t.convStatus[c.status] ?? c.status)),
        h('p', { class: 'meta' }, `${t.convKind[c.kind] ?? c.kind} · ${t.version(version)} · ${f.date(c.draftedOn)}`),
        h(
          'ul',
          { class: 'parties', 'aria-label': t.parties },
          c.parties.map((p) => {
            const signature =
              [...c.signatures].reverse().find((s) => s.partyId === p.actorId && s.version === c.currentVersion) ??
              [...c.signatures].reverse().find((s) => s.partyId === p.actorId);
            const waiting = awaited.has(p.actorId);
            return h(
              'li',
              { class: waiting ? 'awaiting' : 'signed' },
              h('strong', {}, p.actor?.name ?? p.actorId),
              ' : ',
              waiting || !signature ? h('em', {}, t.awaitingSignature) : t.signedBy(signature.title, f.date(signature.signedOn), signature.place),
            );
          }),
        ),
      );
    }),
  );
}

import { catalogue, fill, Formats, type Lang } from '../reports/document/format.js';
import type { CalendarItem, CalendarSubject, DatedItem } from './feeds.read-model.js';

/** A dated item's title in a language, from the message catalogues (the project's own words stay as recorded). */
export function titleOf(subject: CalendarSubject, lang: Lang): string {
  const c = catalogue(lang);
  const m = c.feeds;
  switch (subject.kind) {
    case 'network_milestone':
    case 'usage_milestone': {
      // The standard templates' labels are recorded in English; the catalogue names them.
      const milestone = (c.milestones as Record<string, string>)[subject.milestone] ?? subject.milestone;
      return fill(subject.achieved ? m.milestone : m.milestonePlanned, { project: subject.project, milestone });
    }
    case 'commitment_due':
      return fill(m.commitment_due, { commitment: subject.commitment, actor: subject.committingActorId });
    case 'convention_signature':
      return fill(m.convention_signature, {
        convention: subject.convention,
        version: subject.version,
        party: subject.partyId,
        title: subject.signatoryTitle,
        place: subject.place,
      });
    case 'convention_in_force':
      return fill(m.convention_in_force, { convention: subject.convention, version: subject.version });
    case 'commission_meeting':
      return fill(m.commission_meeting, { region: subject.regionCode, place: subject.place });
  }
}

/** The item with its title in `lang`. */
export function titled({ subject, ...item }: DatedItem, lang: Lang): CalendarItem {
  return { ...item, title: titleOf(subject, lang) };
}

/** The calendar's name: its territory (or France) and its range, dates written out in the language. */
export function calendarName(territory: { kind: string; code: string } | undefined, from: string, to: string, lang: Lang): string {
  const m = catalogue(lang).feeds;
  const formats = new Formats(lang);
  const where = territory ? `${(m.kinds as Record<string, string>)[territory.kind] ?? territory.kind} ${territory.code}` : m.everywhere;
  return fill(m.calendarName, { territory: where, from: formats.date(from), to: formats.date(to) });
}

/** The event description's lines: status, record and stream, territories. */
export function descriptionOf(item: CalendarItem, lang: Lang): string {
  const m = catalogue(lang).feeds;
  return [
    fill(m.status, { status: (m.statuses as Record<string, string>)[item.status] ?? item.status }),
    fill(m.record, { record: item.recordId, stream: item.streamId }),
    fill(m.territories, { codes: item.territoryCodes.join(', ') || m.noTerritory }),
  ].join('\n');
}

import { Field, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enums.js';
import { ConnectionType } from '../graphql/pagination.js';
import { ListSize } from '../graphql/query-limits.js';
import { CALENDAR_ITEM_KINDS, type CalendarItemKind } from './feeds.read-model.js';

export const CalendarItemKindEnum = graphqlEnum(
  CALENDAR_ITEM_KINDS,
  'CalendarItemKind',
  'What a dated item is: a project milestone, a commitment due date, a convention signature or entry into force, a CCRANT meeting.',
);
export const MapLevelEnum = graphqlEnum(['commune', 'departement'] as const, 'MapLevel', 'The unit the map figures are given per.');

@ObjectType({ description: 'One dated item of the calendar feed.' })
export class CalendarItem {
  @Field({ description: 'Stable per item (the ICS UID): `<kind>.<record id>[.<detail>]@scoran-ledger`.' })
  uid!: string;
  @Field({ description: 'YYYY-MM-DD: achieved or planned date, due date, signature date, date in force, meeting date.' })
  date!: string;
  @Field(() => CalendarItemKindEnum)
  kind!: CalendarItemKind;
  @Field()
  title!: string;
  @Field({ description: 'The project, commitment, convention or meeting the date belongs to.' })
  recordId!: string;
  @Field({ description: 'Its event stream (for the audit trail).' })
  streamId!: string;
  @Field({
    description:
      'planned | achieved (milestones), due | fulfilled | breached | withdrawn (commitments), signed, in_force, convened | held | closed (meetings).',
  })
  status!: string;
  @ListSize(3)
  @Field(() => [String], { description: 'Territories of the record as `kind:code` (e.g. `departement:44`, `commune:44109`, `region:52`).' })
  territoryCodes!: string[];
  @Field({ description: 'When the record last changed (ISO instant); the ICS DTSTAMP.' })
  updatedAt!: string;
}

export const CalendarItemConnection = ConnectionType(CalendarItem);

@ObjectType({ description: 'Figures for one commune or département: draw it on a map by its code (no shapes here).' })
export class MapFeature {
  @Field(() => MapLevelEnum)
  kind!: string;
  @Field({ description: 'INSEE code of the commune or département.' })
  code!: string;
  @Field()
  name!: string;
  @Field(() => String, { nullable: true })
  departementCode!: string | null;
  @Field(() => String, { nullable: true })
  regionCode!: string | null;
  @Field(() => Int, { nullable: true, description: 'Network projects (not abandoned) covering the département; null at commune level.' })
  networkProjects!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'FttH premises planned, from the latest indicator reports, by the attribution rule; null when unknown or at commune level.',
  })
  ftthPremisesPlanned!: number | null;
  @Field(() => Int, { nullable: true, description: 'FttH premises connectable, same rule.' })
  ftthPremisesConnectable!: number | null;
  @Field(() => Int, { description: 'Usage projects on this territory or inside it.' })
  usageProjects!: number;
  @Field(() => Int, { description: 'White zones touching it, not yet resolved (identified or planned).' })
  whiteZonesOpen!: number;
  @Field(() => Int)
  whiteZonesResolved!: number;
  @Field(() => Int, { description: 'Commitments on this territory or inside it, any status.' })
  commitments!: number;
  @Field(() => Int)
  activeCommitments!: number;
}

@ObjectType({ description: 'GeoJSON-ready figures: one feature per commune or département of the territory, every unit listed (zeros included).' })
export class MapData {
  @Field(() => String, { nullable: true, description: 'The territory asked for, `kind:code`; null for the whole country.' })
  territory!: string | null;
  @Field(() => MapLevelEnum)
  level!: string;
  @Field({ description: 'How multi-départemental network projects are attributed.' })
  attribution!: string;
  @ListSize(300)
  @Field(() => [MapFeature], { description: 'By code; at most 1000 (a département has fewer than 900 communes).' })
  features!: MapFeature[];
}

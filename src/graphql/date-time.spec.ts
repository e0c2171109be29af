import { GraphQLISODateTime } from '@nestjs/graphql';
import { GraphQLObjectType, GraphQLSchema, graphqlSync } from 'graphql';
import { rememberWrittenDates, writeDateTime } from './date-time.js';

describe('DateTime written once per Date', () => {
  it('writes what toISOString writes, again from memory, and afresh once the Date has changed', () => {
    const date = new Date('2026-12-06T13:47:06.123Z');
    expect(writeDateTime(date)).toBe('2026-12-06T13:47:06.123Z');
    expect(writeDateTime(date)).toBe('2026-12-06T13:47:06.123Z');
    date.setTime(Date.UTC(1999, 0, 2, 3, 4, 5, 6));
    expect(writeDateTime(date)).toBe('1999-01-02T03:04:05.006Z');
    expect(writeDateTime(new Date(0))).toBe(new Date(0).toISOString());
  });

  it('writes null for what is not a Date and refuses an invalid Date as Nest’s scalar does', () => {
    expect(writeDateTime('2026-12-06')).toBeNull();
    expect(() => writeDateTime(new Date('not a date'))).toThrow(RangeError);
    expect(() => GraphQLISODateTime.serialize(new Date('not a date'))).toThrow(RangeError);
  });

  it('is what the schema’s DateTime scalar writes once installed', () => {
    const at = new Date('2026-01-15T09:00:00.000Z');
    const query = new GraphQLObjectType({ name: 'Query', fields: { at: { type: GraphQLISODateTime, resolve: () => at } } });
    const schema = rememberWrittenDates(new GraphQLSchema({ query }));
    expect(graphqlSync({ schema, source: '{ at }' }).data).toEqual({ at: '2026-01-15T09:00:00.000Z' });
    at.setTime(Date.UTC(2027, 5, 1));
    expect(graphqlSync({ schema, source: '{ at }' }).data).toEqual({ at: '2027-06-01T00:00:00.000Z' });
    expect((schema.getType('DateTime') as typeof GraphQLISODateTime).serialize).toBe(writeDateTime);
  });
});

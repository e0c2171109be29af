import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isInputObjectType } from 'graphql';
import { patternMax } from './length-descriptions.js';

describe('schema.gql', () => {
  it('states the maximum length of every string input field in its description', () => {
    const schema = buildSchema(readFileSync('schema.gql', 'utf8'));
    const silent: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type).name;
        if ((named === 'String' || named === 'ID') && !/at most \d+ characters\./i.test(field.description ?? '')) silent.push(`${type.name}.${field.name}`);
      }
    }
    expect(silent).toEqual([]);
  });
});

describe('patternMax: the longest string a simple anchored pattern matches', () => {
  it('bounds classes, escapes, literals, groups and counted repeats', () => {
    expect(patternMax('^[a-z0-9][a-z0-9_.-]{0,62}$')).toBe(63);
    expect(patternMax('^\\d{4}-\\d{2}-\\d{2}$')).toBe(10);
    expect(patternMax('^\\d{9}$')).toBe(9);
    expect(patternMax('^(ab|cde)?x$')).toBe(4);
    expect(patternMax('^\\d{4}-S[12]$')).toBe(7);
    expect(patternMax('^\\+?[0-9][0-9 .()-]{3,29}$')).toBe(31);
  });

  it('says nothing of unbounded or unanchored patterns', () => {
    expect(patternMax('^a+$')).toBeUndefined();
    expect(patternMax('^a{2,}$')).toBeUndefined();
    expect(patternMax('abc')).toBeUndefined();
  });
});

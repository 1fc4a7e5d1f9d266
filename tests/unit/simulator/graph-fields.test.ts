import { describe, expect, test } from 'vitest';
import { FieldSyntaxError, allFieldNames, parseFields } from '../../../src/simulator/graph-fields.js';

describe('Graph fields= parser', () => {
  test('parses nested expansions with chained modifiers', () => {
    const f = parseFields(
      'id,message,from{id,name},comments.limit(0).summary(true){id,parent{id}},reactions.type(LOVE).limit(0).summary(total_count).as(love)',
    );
    expect(f.map((x) => x.name)).toEqual(['id', 'message', 'from', 'comments', 'reactions']);
    expect(f[2]?.fields?.map((x) => x.name)).toEqual(['id', 'name']);
    expect(f[3]?.modifiers).toEqual({ limit: '0', summary: 'true' });
    expect(f[3]?.rawFields).toBe('id,parent{id}');
    expect(f[4]?.modifiers).toEqual({ type: 'LOVE', limit: '0', summary: 'total_count', as: 'love' });
    expect(allFieldNames(f)).toContain('parent');
  });

  test('rejects unbalanced braces and trailing garbage', () => {
    expect(() => parseFields('id,from{id')).toThrow(FieldSyntaxError);
    expect(() => parseFields('id}')).toThrow(FieldSyntaxError);
    expect(() => parseFields('comments.limit(2')).toThrow(FieldSyntaxError);
  });
});

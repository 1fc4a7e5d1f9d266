/**
 * Graph API field selection: `fields=id,message,from{id,name},comments.limit(0).summary(true){id,parent{id}}`.
 * A field is a name, optional `.modifier(arg)` calls, and an optional `{…}` sub-selection.
 */

export type FieldSelection = {
  name: string;
  /** Modifiers in order, e.g. { limit: '0', summary: 'true' }. */
  modifiers: Record<string, string>;
  /** Sub-selection, or null when none was given. */
  fields: FieldSelection[] | null;
  /** The sub-selection as written (between the braces), for paging links. */
  rawFields: string | null;
};

export class FieldSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** Parses a `fields=` value. Throws FieldSyntaxError on malformed input (Graph answers code 2500). */
export function parseFields(input: string): FieldSelection[] {
  let i = 0;
  const peek = (): string => input.charAt(i);
  const expect = (ch: string): void => {
    if (input.charAt(i) !== ch) {
      const found = i < input.length ? `"${input.charAt(i)}"` : 'end of string';
      throw new FieldSyntaxError(`Expected "${ch}" instead of ${found}.`, i);
    }
    i++;
  };
  const name = (): string => {
    const m = /^[A-Za-z0-9_]+/.exec(input.slice(i));
    if (!m) throw new FieldSyntaxError(`Expected a field name instead of ${i < input.length ? `"${peek()}"` : 'end of string'}.`, i);
    i += m[0].length;
    return m[0];
  };
  const list = (): FieldSelection[] => {
    const out: FieldSelection[] = [];
    for (;;) {
      while (peek() === ' ') i++;
      const field: FieldSelection = { name: name(), modifiers: {}, fields: null, rawFields: null };
      while (peek() === '.') {
        i++;
        const mod = name();
        expect('(');
        const start = i;
        let depth = 0;
        while (i < input.length && !(peek() === ')' && depth === 0)) {
          if (peek() === '(') depth++;
          if (peek() === ')') depth--;
          i++;
        }
        field.modifiers[mod] = input.slice(start, i);
        expect(')');
      }
      if (peek() === '{') {
        i++;
        const start = i;
        field.fields = list();
        field.rawFields = input.slice(start, i);
        expect('}');
      }
      out.push(field);
      while (peek() === ' ') i++;
      if (peek() !== ',') return out;
      i++;
    }
  };
  const result = list();
  if (i !== input.length) throw new FieldSyntaxError(`Expected end of string instead of "${peek()}".`, i);
  return result;
}

/** Every field name used anywhere in a selection (for retired-field checks). */
export function allFieldNames(fields: readonly FieldSelection[]): string[] {
  const out: string[] = [];
  const walk = (fs: readonly FieldSelection[]): void => {
    for (const f of fs) {
      out.push(f.name);
      if (f.fields) walk(f.fields);
    }
  };
  walk(fields);
  return out;
}

import { describe, expect, test } from 'vitest';
import { isoMillis, isoSeconds } from '../../../src/simulator/exchange.js';
import { hash32, hashOf, hashOfInts, Rng } from '../../../src/simulator/random.js';
import { mentionEntities } from '../../../src/simulator/x-render.js';
import { pacificDay } from '../../../src/simulator/youtube.js';

/** The simulator's hand-rolled hot paths give exactly what the straightforward code they replace gives. */

const rng = new Rng(7);
/** Non-negative integers of every magnitude up to 2^53, plus the edges of the uint32 and safe-integer ranges. */
const integers = [
  0,
  1,
  9,
  10,
  99,
  100,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  2 ** 53 - 2,
  2 ** 53 - 1,
  ...Array.from({ length: 20_000 }, (_, i) => Math.floor(rng.next() * 2 ** (1 + (i % 53)))),
];

describe('hashOf is hash32 of the parts joined with ␟', () => {
  const joined = (...parts: unknown[]): number => hash32(parts.join('\u241f'));

  test('integers, digit by digit', () => {
    for (const n of integers) {
      expect(hashOf(n)).toBe(hash32(String(n)));
      expect(hashOfInts(n, n % 27)).toBe(joined(n, n % 27));
    }
  });

  test('strings, other numbers, and the values join writes as empty', () => {
    const odd: unknown[] = [
      -0,
      -1,
      -123,
      1.5,
      0.1,
      2 ** 53,
      2 ** 60,
      1e21,
      Number.NaN,
      Infinity,
      -Infinity,
      '',
      'a',
      'æøå',
      '😀',
      'x\u241fy',
      undefined,
      null,
    ];
    for (const a of [...odd, 0, 4_294_967_295, 'seed'])
      for (const b of odd) {
        expect(hashOf(a as number, b as number)).toBe(joined(a, b));
        expect(hashOfInts(a as number, b as number)).toBe(joined(a, b));
      }
    expect(hashOf()).toBe(joined());
    expect(hashOf(99, 'county', '0301', 7)).toBe(joined(99, 'county', '0301', 7));
  });
});

describe('ISO timestamps without a Date', () => {
  const instants = [
    0,
    1,
    999,
    1000,
    86_399_999,
    86_400_000,
    Date.UTC(2026, 10, 27, 12),
    Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ...integers.filter((n) => n < Date.UTC(10_000, 0, 1)),
  ];

  test('isoSeconds and isoMillis agree with toISOString', () => {
    for (const ms of instants) {
      expect(isoMillis(ms)).toBe(new Date(ms).toISOString());
      expect(isoSeconds(ms)).toBe(new Date(ms).toISOString().slice(0, 19));
    }
  });

  test('outside 1970–9999 and between whole ms they fall back to Date', () => {
    for (const ms of [-1, -86_400_001, Date.UTC(10_000, 0, 1), 1.5, -8.64e15]) {
      expect(isoMillis(ms)).toBe(new Date(ms).toISOString());
      expect(isoSeconds(ms)).toBe(new Date(ms).toISOString().slice(0, 19));
    }
    expect(() => isoMillis(Number.NaN)).toThrow(RangeError);
  });
});

test('pacificDay agrees with a fresh Intl formatter, across DST changes and midnights', () => {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' });
  const edges = [
    Date.UTC(2026, 2, 8, 8),
    Date.UTC(2026, 2, 8, 10),
    Date.UTC(2026, 10, 1, 7),
    Date.UTC(2026, 10, 1, 9),
    Date.UTC(1948, 2, 14, 10, 1),
    Date.UTC(1883, 10, 18, 20),
  ];
  const instants = [
    -1e15,
    0,
    ...edges.flatMap((t) => [t - 1, t, t + 1]),
    ...Array.from({ length: 5000 }, () => Date.UTC(1850, 0, 1) + Math.floor(rng.next() * 250 * 365 * 86_400_000)),
  ];
  for (const ms of instants) expect(pacificDay(ms)).toBe(fmt.format(new Date(ms)));
  // Asked again within the same hour (the memo) and after other hours.
  for (const ms of [...instants].reverse()) expect(pacificDay(ms)).toBe(fmt.format(new Date(ms)));
});

test('mentionEntities finds what /@([A-Za-z0-9_]{1,15})/g finds', () => {
  const regex = (t: string) =>
    [...t.matchAll(/@([A-Za-z0-9_]{1,15})/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, username: m[1] }));
  const alphabet = ['@', '@', 'a', 'Z', '0', '_', ' ', '.', 'æ', '😀', '-', '9'];
  for (let i = 0; i < 20_000; i++) {
    let t = '';
    for (let k = rng.int(0, 40); k > 0; k--) t += rng.pick(alphabet);
    if (i % 5 === 0) t += `@${'a'.repeat(rng.int(0, 30))}`;
    expect(mentionEntities(t)).toEqual(regex(t));
  }
  expect(mentionEntities('Hei @oslokommune og @bergen_kommune!')).toEqual([
    { start: 4, end: 16, username: 'oslokommune' },
    { start: 20, end: 35, username: 'bergen_kommune' },
  ]);
});

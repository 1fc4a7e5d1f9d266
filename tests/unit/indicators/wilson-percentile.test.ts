import { expect, test } from 'vitest';

import { percentileCont } from '../../../src/indicators/percentile.js';
import { wilsonInterval } from '../../../src/indicators/wilson.js';

test('Wilson 95 % interval matches the worked widths in the research notes', () => {
  const a = wilsonInterval(12, 20);
  expect(a?.low).toBeCloseTo(0.3866, 3);
  expect(a?.high).toBeCloseTo(0.7812, 3);
  const b = wilsonInterval(3, 5);
  expect(b?.low).toBeCloseTo(0.2307, 3);
  expect(b?.high).toBeCloseTo(0.8824, 3);
  expect(wilsonInterval(0, 0)).toBeNull();
  expect(wilsonInterval(0, 4)?.low).toBe(0);
  expect(wilsonInterval(4, 4)?.high).toBe(1);
});

test('percentile_cont interpolates linearly between ranks like Postgres', () => {
  expect(percentileCont([], 0.5)).toBeNull();
  expect(percentileCont([7], 0.9)).toBe(7);
  expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
  expect(percentileCont([10, 1, 5], 0.9)).toBeCloseTo(9, 12); // pos 1.8 between 5 and 10
  expect(percentileCont([1, 2, 3, 4, 5], 0.25)).toBe(2);
});

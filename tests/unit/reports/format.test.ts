import { describe, expect, test } from 'vitest';

import {
  formatDelta,
  formatHours,
  formatNumber,
  formatPercent,
  formatWeek,
  formatWeekSpan,
  truncate,
} from '../../../src/reports/format.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('report formatting', () => {
  test('Norwegian numbers group thousands with a (no-break) space and use a decimal comma', () => {
    expect(plain(formatNumber(1234.5, 'nb', 1))).toBe('1 234,5');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
    expect(formatNumber(null, 'nb')).toBe('–');
    expect(formatNumber(-0.04, 'nb', 1)).toBe('0,0');
  });
  test('percent, signed changes and durations read naturally in both languages', () => {
    expect(plain(formatPercent(0.834, 'nb'))).toBe('83 %');
    expect(formatPercent(0.834, 'en')).toBe('83%');
    expect(formatDelta(3, 'nb')).toBe('+3');
    expect(formatDelta(-2, 'nb')).toBe('\u22122');
    expect(formatDelta(0, 'nb')).toBe('±0');
    expect(plain(formatHours(0.42, 'nb'))).toBe('25 min');
    expect(plain(formatHours(3.33, 'nb'))).toBe('3,3 t');
    expect(plain(formatHours(60, 'nb'))).toBe('2,5 døgn');
    expect(plain(formatHours(60, 'en'))).toBe('2.5 days');
  });
  test('weeks are "uke 47" and spans are dated in Oslo time', () => {
    expect(formatWeek('2026-W47', 'nb')).toBe('uke 47');
    expect(formatWeek('2026-W07', 'en')).toBe('week 7');
    expect(formatWeekSpan(new Date('2026-11-15T23:00:00Z'), new Date('2026-11-22T23:00:00Z'), 'nb')).toBe('16.–22. november 2026');
    expect(formatWeekSpan(new Date('2026-11-29T23:00:00Z'), new Date('2026-12-06T23:00:00Z'), 'nb')).toBe(
      '30. november – 6. desember 2026',
    );
    expect(formatWeekSpan(new Date('2026-11-15T23:00:00Z'), new Date('2026-11-22T23:00:00Z'), 'en')).toBe('16–22 November 2026');
  });
  test('truncate cuts at a word boundary with an ellipsis', () => {
    expect(truncate('God helg, Stavanger! Hva skal dere finne på?', 20)).toBe('God helg, Stavanger…');
    expect(truncate('kort', 20)).toBe('kort');
  });
});

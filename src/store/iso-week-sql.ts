/**
 * The ISO week rule (isoWeekOf in src/indicators/iso-week.ts: the ISO week of an instant in Europe/Oslo, as
 * `2026-W47`) where it must be repeated in SQL: the label of the timestamptz expression `expr`.
 * tests/integration/store/iso-week.test.ts ties the two.
 */
export const isoWeekSql = (expr: string): string => `to_char(${expr} at time zone 'Europe/Oslo', 'IYYY-"W"IW')`;

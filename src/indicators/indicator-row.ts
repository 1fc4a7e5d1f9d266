import type { Distribution, IndicatorFlags, IndicatorN, IndicatorValues, Scope } from './definitions.js';
import type { IsoWeek } from './iso-week.js';

/**
 * One scope-week of indicators, the one row type the engine assembles, the store keeps (indicator_values,
 * sql/0005, sql/0007) and the outputs print (output.ts adds the account's platform, external id and
 * municipality). Data only: this module computes nothing, so the store may import it.
 */
export type IndicatorRow = {
  scope: Scope;
  scopeId: string;
  week: IsoWeek;
  definitionVersion: number;
  values: IndicatorValues;
  n: IndicatorN;
  flags: IndicatorFlags;
  coverage: number;
  gapAccounts: number[];
  provisional: boolean;
  distribution: Distribution | null;
  computedAt: Date;
};

/** The key of a scope-week in maps of rows or figures. */
export const rowKey = (scope: Scope, scopeId: string, week: IsoWeek): string => `${scope}|${scopeId}|${week}`;

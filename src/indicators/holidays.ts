import Holidays from 'date-holidays';

/**
 * The Norwegian public holidays that close municipal offices (INDICATORS.md, "Office hours"). Easter-based
 * dates come from `date-holidays`; its Norwegian calendar also lists Sundays (Easter Sunday, Whit Sunday),
 * half-days (24 and 31 December) and observances, which are not in the contract, so we keep exactly these rules.
 */
const KEPT_RULES: Readonly<Record<string, string>> = {
  '01-01': 'Første nyttårsdag',
  'easter -3': 'Skjærtorsdag',
  'easter -2': 'Langfredag',
  'easter 1': 'Andre påskedag',
  '05-01': 'Arbeidernes dag',
  '05-17': 'Grunnlovsdagen',
  'easter 39': 'Kristi himmelfartsdag',
  'easter 50': 'Andre pinsedag',
  '12-25': 'Første juledag',
  '12-26': 'Andre juledag',
};

export type Holiday = { /** Local date, YYYY-MM-DD. */ date: string; name: string };

const calendar = new Holidays('NO');
const byYear = new Map<number, Holiday[]>();

/** The ten public holidays of `year`, in date order. */
export function norwegianHolidays(year: number): Holiday[] {
  let list = byYear.get(year);
  if (!list) {
    list = calendar
      .getHolidays(year)
      .filter((h) => h.type === 'public' && h.rule in KEPT_RULES)
      .map((h) => ({ date: h.date.slice(0, 10), name: KEPT_RULES[h.rule] ?? h.name }));
    byYear.set(year, list);
  }
  return list;
}

/** Whether a local date (YYYY-MM-DD) is one of the public holidays. */
export function isNorwegianHoliday(localDate: string): boolean {
  const year = Number(localDate.slice(0, 4));
  return norwegianHolidays(year).some((h) => h.date === localDate);
}

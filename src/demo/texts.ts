/**
 * Every line the demo shows a person, in both languages: LYTTEPOST_LANG picks one for the whole run, so a run
 * never mixes bokmål and English. Files the demo writes (<week>.json/.csv) are for machines and stay as they are.
 */
export type DemoLang = 'nb' | 'en';

export type DemoTexts = {
  locale: string;
  world(created: boolean, seed: number, municipalities: number, start: string): string;
  simulator(url: string): string;
  embeddedDb(dir: string): string;
  postgres: string;
  registered(accounts: number, municipalities: number, counties: number, created: number): string;
  bullmq: string;
  logFile(file: string): string;
  backfillLabel: string;
  backfillItems(items: number): string;
  failed(accounts: number): string;
  heading(week: string): string;
  saved(json: string, csv: string): string;
  polling(minutes: number): string;
  noChanges(accounts: number): string;
  unansweredChanged(name: string, before: number, after: number): string;
  questionsChanged(name: string, before: number, after: number): string;
  responseRateChanged(name: string, before: string, after: string): string;
  stopping: string;
};

const nb: DemoTexts = {
  locale: 'nb-NO',
  world: (created, seed, n, start) =>
    `${created ? 'Lager' : 'Gjenbruker'} den simulerte verdenen: frø ${seed}, ${n} kommuner, historikk fra ${start}.`,
  simulator: (url) => `Plattformsimulator på ${url} (Facebook og Instagram Graph, YouTube Data v3, X v2 og Bluesky på loopback).`,
  embeddedDb: (dir) => `Innebygd database i ${dir}.`,
  postgres: 'Postgres fra DATABASE_URL.',
  registered: (a, m, c, created) => `${a} kontoer for ${m} kommuner i ${c} fylker registrert (${created} nye).`,
  bullmq: 'Jobbene går gjennom BullMQ på REDIS_URL, med arbeidere i denne prosessen.',
  logFile: (file) => `Loggen skrives til ${file}.`,
  backfillLabel: 'Henter historikk',
  backfillItems: (n) => `${n.toLocaleString('nb-NO')} innlegg og kommentarer`,
  failed: (n) => `${n} konto(er) kunne ikke hentes; se loggen og \`lyttepost accounts list\`.`,
  heading: (week) => `Lyttepost – uke ${week.slice(-2)} (${week}), siste hele uke`,
  saved: (json, csv) => `Lagret som ${json} og ${csv}`,
  polling: (min) => `Sjekker hvert ${min}. minutt; ny aktivitet og endrede indikatorer vises her. Ctrl-C for å stoppe.`,
  noChanges: (n) => `${n} kontoer sjekket, ingen endringer`,
  unansweredChanged: (name, b, a) => `${name}: ubesvarte spørsmål ${b} → ${a}`,
  questionsChanged: (name, b, a) => `${name}: spørsmål denne uka ${b} → ${a}`,
  responseRateChanged: (name, b, a) => `${name}: svarandel ${b} % → ${a} %`,
  stopping: 'Stopper …',
};

const en: DemoTexts = {
  locale: 'en-GB',
  world: (created, seed, n, start) =>
    `${created ? 'Creating' : 'Reusing'} the simulated world: seed ${seed}, ${n} municipalities, history from ${start}.`,
  simulator: (url) => `Platform simulator on ${url} (Facebook and Instagram Graph, YouTube Data v3, X v2 and Bluesky on loopback).`,
  embeddedDb: (dir) => `Embedded database in ${dir}.`,
  postgres: 'Postgres from DATABASE_URL.',
  registered: (a, m, c, created) => `${a} accounts of ${m} municipalities in ${c} counties registered (${created} new).`,
  bullmq: 'Jobs run through BullMQ on REDIS_URL, with workers in this process.',
  logFile: (file) => `The log is written to ${file}.`,
  backfillLabel: 'Fetching history',
  backfillItems: (n) => `${n.toLocaleString('en-GB')} posts and comments`,
  failed: (n) => `${n} account(s) failed to collect; see the log and \`lyttepost accounts list\`.`,
  heading: (week) => `Lyttepost – week ${week.slice(-2)} (${week}), the last complete week`,
  saved: (json, csv) => `Saved as ${json} and ${csv}`,
  polling: (min) => `Polling every ${min} min; new activity and changed indicators are reported here. Ctrl-C to stop.`,
  noChanges: (n) => `${n} accounts checked, no changes`,
  unansweredChanged: (name, b, a) => `${name}: unanswered questions ${b} → ${a}`,
  questionsChanged: (name, b, a) => `${name}: questions this week ${b} → ${a}`,
  responseRateChanged: (name, b, a) => `${name}: response rate ${b} % → ${a} %`,
  stopping: 'Stopping …',
};

export const demoTexts = (lang: DemoLang): DemoTexts => (lang === 'en' ? en : nb);

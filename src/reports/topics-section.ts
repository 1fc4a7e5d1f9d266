/**
 * The weekly report's section "Dette spurte innbyggerne om" / "What residents asked about" (issue 25):
 * the week's questions per service topic, how many were answered within 7 days, and how many are still
 * unanswered now. Its own strings and its own loader, so the report's i18n and inputs do not grow.
 */
import type { IsoWeek } from '../indicators/iso-week.js';
import type { TopicFigure } from '../indicators/topics.js';
import type { Queryable } from '../store/db.js';
import { listAccountSummaries } from '../store/api-reads.js';
import { readTopicBlocks } from '../topics/figures.js';
import { topicName } from '../topics/names.js';
import { escapeHtml, formatNumber, formatPercent, type Lang } from './format.js';

export type ReportTopics = { rows: TopicFigure[]; pending: number };

const S = {
  nb: {
    title: 'Dette spurte innbyggerne om',
    head: ['Tema', 'Spørsmål', 'Besvart', 'Svarandel', 'Ubesvart nå'],
    none: 'Ingen spørsmål denne uka.',
    pending: (n: string) => `${n} spørsmål er ennå ikke tematisk klassifisert.`,
    note: 'Et spørsmål om flere tjenester telles under hver av dem. Tema fra Los (Digdir), se docs/topics.md.',
  },
  en: {
    title: 'What residents asked about',
    head: ['Topic', 'Questions', 'Answered', 'Response rate', 'Unanswered now'],
    none: 'No questions this week.',
    pending: (n: string) => `${n} questions are not yet classified by topic.`,
    note: 'A question about several services counts under each. Topics from Los (Digdir), see docs/topics.md.',
  },
} as const;

export async function loadReportTopics(db: Queryable, args: { municipality: string; week: IsoWeek; asOf: Date }): Promise<ReportTopics> {
  const accountIds = (await listAccountSummaries(db, { municipality: args.municipality })).map((a) => a.id);
  if (accountIds.length === 0) return { rows: [], pending: 0 };
  const [b] = await readTopicBlocks(db, { weeks: [args.week], now: args.asOf, scope: 'municipality', id: args.municipality, accountIds });
  return { rows: b?.topics ?? [], pending: b?.pending ?? 0 };
}

function cells(f: TopicFigure, lang: Lang): string[] {
  return [
    topicName(f.topic, lang),
    formatNumber(f.questions, lang),
    formatNumber(f.questions_answered, lang),
    formatPercent(f.response_rate, lang),
    formatNumber(f.unanswered_now, lang),
  ];
}

/** The section as e-mail/PDF HTML, in the report's table style (styles passed in by render-html.ts). */
export function topicsSectionHtml(
  t: ReportTopics,
  lang: Lang,
  style: {
    h2: (id: string, title: string) => string;
    p: (html: string) => string;
    table: (head: readonly string[], rows: ReadonlyArray<readonly string[]>) => string;
  },
): string {
  const s = S[lang];
  const parts = [style.h2('topics', s.title)];
  if (t.rows.length === 0) parts.push(style.p(escapeHtml(s.none)));
  else
    parts.push(
      style.table(
        s.head.map(escapeHtml),
        t.rows.map((f) => cells(f, lang).map(escapeHtml)),
      ),
      style.p(escapeHtml(s.note)),
    );
  if (t.pending > 0) parts.push(style.p(escapeHtml(s.pending(formatNumber(t.pending, lang)))));
  return parts.join('');
}

/** The section as plain-text lines (heading, grid, notes) for the text part of the e-mail. */
export function topicsSectionText(
  t: ReportTopics,
  lang: Lang,
  out: {
    h: (title: string) => void;
    grid: (head: readonly string[], rows: ReadonlyArray<readonly string[]>) => void;
    wrap: (text: string) => void;
  },
): void {
  const s = S[lang];
  out.h(s.title);
  if (t.rows.length === 0) out.wrap(s.none);
  else {
    out.grid(
      s.head,
      t.rows.map((f) => cells(f, lang)),
    );
    out.wrap(s.note);
  }
  if (t.pending > 0) out.wrap(s.pending(formatNumber(t.pending, lang)));
}

import type { OutputRow } from '../../indicators/output.js';
import { html, type Raw } from './html.js';
import type { Texts } from './i18n.js';

/**
 * The footnote a page shows under its figures when some of its weeks rest on engagement counts measured more
 * than 7 days after the posts (INDICATORS.md, clarification 1: a first backfill measures every past post late).
 * Empty when no week of `rows` is flagged `engagement_late`.
 */
export function engagementLateNote(rows: Iterable<OutputRow | undefined>, t: Texts): Raw | '' {
  const weeks: string[] = [];
  let posts = 0;
  for (const r of rows) {
    const late = r?.n.posts_engagement_late ?? 0;
    if (!r || late === 0) continue;
    weeks.push(r.week);
    posts += late;
  }
  if (weeks.length === 0) return '';
  weeks.sort();
  const span = weeks.length === 1 ? (weeks[0] as string) : `${weeks[0] as string}–${weeks[weeks.length - 1] as string}`;
  return html`<p class="footnote" id="engagement-late">${t.engagementLate(posts, weeks.length, span)}</p>`;
}

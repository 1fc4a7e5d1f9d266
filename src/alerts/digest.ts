import { DateTime } from 'luxon';

import { PLATFORM_NAMES } from '../domain/platform-names.js';
import type { Platform } from '../domain/records.js';
import type { AlertLevel } from './rules.js';

/**
 * The digest one recipient gets from one evaluation, in Norwegian bokmål: every question newly overdue (and
 * every escalation) for that recipient in one message. Pure: no IO, no clock. The question text is shown as
 * stored (redacted at ingest); resident names and ids are never in it.
 */
export type DigestEntry = {
  alertId: string;
  level: AlertLevel;
  municipalityCode: string;
  municipalityName: string;
  platform: Platform;
  /** Handle or platform id of the account the question was asked on. */
  account: string;
  text: string | null;
  askedAt: Date;
  /** Office-hours time waited so far, in hours. */
  waitedOfficeHours: number;
  /** When the answer was due (the alert rule's office-hours deadline after the question). */
  dueAt: Date;
  /** Where to answer it on the platform. */
  permalink: string | null;
  /** False when the live re-read could not be made (the alert then rests on the last sync). */
  verified: boolean;
};

export type Digest = {
  subject: string;
  text: string;
  html: string;
  entries: readonly DigestEntry[];
  /** Each municipality's list of questions in the dashboard (none when LYTTEPOST_DASHBOARD_URL is not set). */
  dashboard: ReadonlyArray<{ label: string; url: string }>;
  at: Date;
};

const ZONE = 'Europe/Oslo';
const PLATFORM_NAME = PLATFORM_NAMES;
/** Longest question text shown; longer ones are cut with an ellipsis (the link shows the rest). */
export const MAX_TEXT_CHARS = 400;

/** "4 t 15 min", "45 min", "2 t" — office-hours time waited. */
export function formatWaited(hours: number): string {
  const total = Math.max(0, Math.round(hours * 60));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} t` : `${h} t ${m} min`;
}

/** "fre. 14. nov kl. 15:00" in Europe/Oslo (Node's ICU nb month abbreviations). */
export function formatOslo(d: Date): string {
  return DateTime.fromJSDate(d, { zone: ZONE }).setLocale('nb').toFormat("ccc d. LLL 'kl.' HH:mm");
}

const clip = (s: string | null): string => {
  if (s === null || s.trim() === '') return '(teksten er ikke lenger lagret)';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_TEXT_CHARS ? `${t.slice(0, MAX_TEXT_CHARS - 1)}…` : t;
};

const accountLine = (e: DigestEntry) => `${PLATFORM_NAME[e.platform]} – ${e.account} (${e.municipalityName})`;
const waitedLine = (e: DigestEntry) =>
  `Spurt ${formatOslo(e.askedAt)} · frist ${formatOslo(e.dueAt)} · har ventet ${formatWaited(e.waitedOfficeHours)} arbeidstid${e.verified ? '' : ' · ikke kontrollert mot plattformen nå'}`;

function sections(entries: readonly DigestEntry[]): Array<{ title: string; entries: DigestEntry[] }> {
  const esc = entries.filter((e) => e.level === 'escalation');
  const first = entries.filter((e) => e.level === 'first');
  const out: Array<{ title: string; entries: DigestEntry[] }> = [];
  if (esc.length > 0) out.push({ title: 'Eskalert – har ventet lenge uten svar', entries: esc });
  if (first.length > 0) out.push({ title: 'Venter på svar', entries: first });
  return out;
}

const htmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const safeLink = (url: string | null): string | null => (url && /^https?:\/\//i.test(url) ? url : null);

/**
 * The dashboard page of each municipality's open questions, in the order the municipalities first appear.
 * `dashboardUrl` is where the dashboard is reached from outside (LYTTEPOST_DASHBOARD_URL); null leaves the links out.
 */
function dashboardLinks(ordered: readonly DigestEntry[], dashboardUrl: string | null): Digest['dashboard'] {
  const base = safeLink(dashboardUrl)?.replace(/\/+$/, '');
  if (!base) return [];
  const byCode = new Map<string, string>();
  for (const e of ordered) if (!byCode.has(e.municipalityCode)) byCode.set(e.municipalityCode, e.municipalityName);
  return [...byCode].map(([code, name]) => ({
    label: `Alle ubesvarte spørsmål for ${name} i Lyttepost`,
    url: `${base}/m/${encodeURIComponent(code)}/questions`,
  }));
}

/** Builds the subject, plain text and HTML of one digest. `entries` must not be empty. */
export function buildDigest(entries: readonly DigestEntry[], at: Date, dashboardUrl: string | null = null): Digest {
  const ordered = [...entries].sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime() || a.alertId.localeCompare(b.alertId));
  const dashboard = dashboardLinks(ordered, dashboardUrl);
  const municipalities = [...new Set(ordered.map((e) => e.municipalityName))];
  const n = ordered.length;
  const escalated = ordered.filter((e) => e.level === 'escalation').length;
  const where = municipalities.length === 1 ? (municipalities[0] ?? '') : `${municipalities.length} kommuner`;
  const subject =
    `Lyttepost: ${n} ubesvart${n === 1 ? '' : 'e'} spørsmål fra innbyggere` +
    (escalated > 0 ? ` (${escalated} eskalert)` : '') +
    ` – ${where}`;

  const intro =
    n === 1
      ? 'Dette spørsmålet fra en innbygger har ventet på svar lenger enn fristen:'
      : `Disse ${n} spørsmålene fra innbyggere har ventet på svar lenger enn fristen:`;
  const outro =
    `Kontrollert mot plattformen ${formatOslo(at)}. Spørsmål som blir besvart, skjult eller slettet, forsvinner fra ` +
    'varslene av seg selv, og hvert spørsmål varsles bare én gang per nivå.';

  const lines: string[] = ['Hei,', '', intro];
  let i = 0;
  for (const s of sections(ordered)) {
    lines.push('', `${s.title}:`);
    for (const e of s.entries) {
      i++;
      lines.push('', `${i}. ${accountLine(e)}`, `   «${clip(e.text)}»`, `   ${waitedLine(e)}`);
      const link = safeLink(e.permalink);
      lines.push(link ? `   Svar her: ${link}` : '   (ingen lenke fra plattformen)');
    }
  }
  for (const d of dashboard) lines.push('', `${d.label}: ${d.url}`);
  lines.push('', outro, '', 'Hilsen Lyttepost');
  const text = lines.join('\n') + '\n';

  const parts: string[] = [
    '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>' + htmlEscape(subject) + '</title></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.45;color:#1a1a1a">',
    '<p>Hei,</p>',
    `<p>${htmlEscape(intro)}</p>`,
  ];
  for (const s of sections(ordered)) {
    parts.push(`<h3 style="margin:18px 0 6px">${htmlEscape(s.title)}</h3><ol>`);
    for (const e of s.entries) {
      const link = safeLink(e.permalink);
      parts.push(
        '<li style="margin-bottom:12px">',
        `<strong>${htmlEscape(accountLine(e))}</strong><br>`,
        `<blockquote style="margin:4px 0;padding-left:8px;border-left:3px solid #ccc">${htmlEscape(clip(e.text))}</blockquote>`,
        `<span style="color:#555">${htmlEscape(waitedLine(e))}</span><br>`,
        link ? `<a href="${htmlEscape(link)}">Svar her</a>` : '<span>(ingen lenke fra plattformen)</span>',
        '</li>',
      );
    }
    parts.push('</ol>');
  }
  for (const d of dashboard) parts.push(`<p><a href="${htmlEscape(d.url)}">${htmlEscape(d.label)}</a></p>`);
  parts.push(`<p style="color:#555;font-size:90%">${htmlEscape(outro)}</p>`, '<p>Hilsen Lyttepost</p></body></html>');
  return { subject, text, html: parts.join('\n'), entries: ordered, dashboard, at };
}

// Slack caps a message at 50 blocks; entries beyond this are summarised in one line.
const SLACK_MAX_ENTRIES = 40;
const SLACK_MAX_LINKS = 10;
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type SlackMessage = { text: string; blocks: Array<Record<string, unknown>> };

/** Slack-compatible incoming-webhook body (`text` is the notification fallback; `blocks` the message). */
export function slackMessage(d: Digest): SlackMessage {
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: d.subject.slice(0, 150), emoji: false } },
  ];
  let shown = 0;
  for (const s of sections(d.entries)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(s.title)}*` } });
    for (const e of s.entries) {
      if (shown >= SLACK_MAX_ENTRIES) break;
      shown++;
      const link = safeLink(e.permalink);
      blocks.push({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text:
            `*${slackEscape(accountLine(e))}*\n>${slackEscape(clip(e.text))}\n${slackEscape(waitedLine(e))}` +
            (link ? `\n<${link}|Svar her>` : ''),
        },
      });
    }
  }
  if (d.entries.length > shown) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…og ${d.entries.length - shown} til (se e-post eller Lyttepost).` }],
    });
  }
  // One block for the dashboard links (the 50-block cap); a section's text holds at most 3,000 characters.
  if (d.dashboard.length > 0) {
    const links = d.dashboard.slice(0, SLACK_MAX_LINKS).map((l) => `<${l.url}|${slackEscape(l.label)}>`);
    if (d.dashboard.length > SLACK_MAX_LINKS) links.push(`…og ${d.dashboard.length - SLACK_MAX_LINKS} kommuner til.`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: links.join('\n') } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(`Kontrollert mot plattformen ${formatOslo(d.at)}.`) }] });
  return { text: d.subject, blocks };
}

export type TeamsMessage = {
  type: 'message';
  attachments: Array<{ contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: Record<string, unknown> }>;
};

/**
 * Microsoft Teams-compatible body: an Adaptive Card (1.4) in the message envelope that both Teams Workflows
 * ("Post to a channel when a webhook request is received") and incoming webhooks accept.
 */
export function teamsMessage(d: Digest): TeamsMessage {
  const body: Array<Record<string, unknown>> = [{ type: 'TextBlock', size: 'Medium', weight: 'Bolder', wrap: true, text: d.subject }];
  for (const s of sections(d.entries)) {
    body.push({ type: 'TextBlock', weight: 'Bolder', wrap: true, spacing: 'Large', text: s.title });
    for (const e of s.entries) {
      const link = safeLink(e.permalink);
      body.push({
        type: 'Container',
        separator: true,
        items: [
          { type: 'TextBlock', weight: 'Bolder', wrap: true, text: accountLine(e) },
          { type: 'TextBlock', wrap: true, text: `«${clip(e.text)}»` },
          { type: 'TextBlock', wrap: true, isSubtle: true, size: 'Small', text: waitedLine(e) },
          ...(link ? [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Svar her', url: link }] }] : []),
        ],
      });
    }
  }
  if (d.dashboard.length > 0)
    body.push({ type: 'ActionSet', actions: d.dashboard.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })) });
  body.push({ type: 'TextBlock', wrap: true, isSubtle: true, size: 'Small', text: `Kontrollert mot plattformen ${formatOslo(d.at)}.` });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body },
      },
    ],
  };
}

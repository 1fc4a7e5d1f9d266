import { describe, expect, test } from 'vitest';

import { buildDigest, formatOslo, formatWaited, slackMessage, teamsMessage, type DigestEntry } from '../../../src/alerts/digest.js';
import { webhookKindOf } from '../../../src/alerts/channels/webhook.js';

const now = new Date('2026-11-16T11:15:00+01:00');
const entry = (over: Partial<DigestEntry> = {}): DigestEntry => ({
  alertId: '1',
  level: 'first',
  municipalityCode: '4601',
  municipalityName: 'Bergen',
  platform: 'facebook',
  account: 'bergenkommune',
  text: 'Når åpner svømmehallen igjen? Ring meg på [telefon]',
  askedAt: new Date('2026-11-13T15:00:00+01:00'),
  waitedOfficeHours: 4.25,
  dueAt: new Date('2026-11-16T11:00:00+01:00'),
  permalink: 'https://www.facebook.com/1/posts/2?comment_id=3',
  verified: true,
  ...over,
});

describe('digest text', () => {
  test('one Norwegian digest lists every question with account, text as stored, office time waited and link', () => {
    const d = buildDigest(
      [
        entry(),
        entry({
          alertId: '2',
          platform: 'youtube',
          account: 'UCabc',
          text: 'Hvor kan jeg <søke>?',
          permalink: 'https://www.youtube.com/watch?v=v&lc=c',
        }),
      ],
      now,
    );
    expect(d.subject).toBe('Lyttepost: 2 ubesvarte spørsmål fra innbyggere – Bergen');
    expect(d.text).toContain('Disse 2 spørsmålene fra innbyggere har ventet på svar lenger enn fristen');
    expect(d.text).toContain('1. Facebook – bergenkommune (Bergen)');
    expect(d.text).toContain('«Når åpner svømmehallen igjen? Ring meg på [telefon]»');
    expect(d.text).toContain('Spurt fre. 13. nov kl. 15:00 · frist man. 16. nov kl. 11:00 · har ventet 4 t 15 min arbeidstid');
    expect(d.text).toContain('Svar her: https://www.facebook.com/1/posts/2?comment_id=3');
    expect(d.text).toContain('2. YouTube – UCabc (Bergen)');
    // HTML escapes resident text.
    expect(d.html).toContain('Hvor kan jeg &lt;søke&gt;?');
    expect(d.html).not.toContain('<søke>');
    expect(d.html).toContain('<a href="https://www.youtube.com/watch?v=v&amp;lc=c">Svar her</a>');
  });

  test('escalations come first and are counted in the subject; unverified questions say so', () => {
    const d = buildDigest([entry(), entry({ alertId: '2', level: 'escalation', verified: false, municipalityName: 'Voss' })], now);
    expect(d.subject).toBe('Lyttepost: 2 ubesvarte spørsmål fra innbyggere (1 eskalert) – 2 kommuner');
    expect(d.text.indexOf('Eskalert')).toBeLessThan(d.text.indexOf('Venter på svar'));
    expect(d.text).toContain('ikke kontrollert mot plattformen nå');
  });

  test('with LYTTEPOST_DASHBOARD_URL, each municipality of the digest links to its questions in the dashboard', () => {
    const entries = [entry(), entry({ alertId: '2', municipalityCode: '4621', municipalityName: 'Voss' }), entry({ alertId: '3' })];
    const d = buildDigest(entries, now, 'https://lyttepost.example.no/');
    expect(d.dashboard).toEqual([
      { label: 'Alle ubesvarte spørsmål for Bergen i Lyttepost', url: 'https://lyttepost.example.no/m/4601/questions' },
      { label: 'Alle ubesvarte spørsmål for Voss i Lyttepost', url: 'https://lyttepost.example.no/m/4621/questions' },
    ]);
    expect(d.text).toContain('Alle ubesvarte spørsmål for Voss i Lyttepost: https://lyttepost.example.no/m/4621/questions');
    expect(d.html).toContain('<a href="https://lyttepost.example.no/m/4601/questions">Alle ubesvarte spørsmål for Bergen i Lyttepost</a>');
    expect(JSON.stringify(slackMessage(d).blocks)).toContain(
      '<https://lyttepost.example.no/m/4621/questions|Alle ubesvarte spørsmål for Voss i Lyttepost>',
    );
    expect(JSON.stringify(teamsMessage(d))).toContain('"url":"https://lyttepost.example.no/m/4601/questions"');
    // Unset (or not http), no link and no mention of one.
    for (const none of [null, 'javascript:alert(1)']) {
      const plain = buildDigest(entries, now, none);
      expect(plain.dashboard).toEqual([]);
      expect(plain.text).not.toContain('/questions');
      expect(JSON.stringify(teamsMessage(plain))).not.toContain('/questions');
    }
  });

  test('a non-http link is never rendered', () => {
    const d = buildDigest([entry({ permalink: 'javascript:alert(1)' })], now);
    expect(d.html).not.toContain('javascript:');
    expect(d.text).toContain('(ingen lenke fra plattformen)');
  });

  test('formats', () => {
    expect(formatWaited(4.25)).toBe('4 t 15 min');
    expect(formatWaited(0.5)).toBe('30 min');
    expect(formatWaited(16)).toBe('16 t');
    expect(formatOslo(new Date('2027-05-18T09:15:00Z'))).toBe('tir. 18. mai kl. 11:15');
  });
});

describe('webhook payloads', () => {
  test('Slack: {text, blocks} with mrkdwn link and escaped text', () => {
    const m = slackMessage(buildDigest([entry({ text: 'A & B <c>' })], now));
    expect(m.text).toBe('Lyttepost: 1 ubesvart spørsmål fra innbyggere – Bergen');
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('A &amp; B &lt;c&gt;');
    expect(json).toContain('<https://www.facebook.com/1/posts/2?comment_id=3|Svar her>');
    expect(m.blocks[0]).toMatchObject({ type: 'header' });
  });

  test('Slack stays under 50 blocks for a long digest, dashboard links of many municipalities included', () => {
    const many = Array.from({ length: 120 }, (_, i) => entry({ alertId: String(i), municipalityCode: String(1000 + i) }));
    const m = slackMessage(buildDigest(many, now, 'https://lyttepost.example.no'));
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(m.blocks)).toContain('…og 110 kommuner til.');
  });

  test('Teams: an Adaptive Card in a message envelope with an OpenUrl action', () => {
    const m = teamsMessage(buildDigest([entry()], now));
    expect(m.type).toBe('message');
    const card = m.attachments[0]?.content as { type: string; version: string; body: unknown[] };
    expect(card.type).toBe('AdaptiveCard');
    expect(JSON.stringify(card.body)).toContain(
      '"type":"Action.OpenUrl","title":"Svar her","url":"https://www.facebook.com/1/posts/2?comment_id=3"',
    );
  });

  test('the deployment webhook kind follows its host', () => {
    expect(webhookKindOf('https://hooks.slack.com/services/T/B/x')).toBe('slack');
    expect(webhookKindOf('https://contoso.webhook.office.com/webhookb2/x')).toBe('teams');
    expect(webhookKindOf('https://prod-01.westeurope.logic.azure.com/workflows/x')).toBe('teams');
  });
});

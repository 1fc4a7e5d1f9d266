import { describe, expect, it } from 'vitest';
import { topicsSectionHtml, topicsSectionText, type ReportTopics } from '../../../src/reports/topics-section.js';

const topics: ReportTopics = {
  pending: 2,
  rows: [
    {
      topic: 'renovasjon',
      questions: 4,
      questions_answered: 3,
      response_rate: 0.75,
      response_rate_ci_low: 0.3,
      response_rate_ci_high: 0.95,
      median_response_hours: 2,
      unanswered_now: 1,
      municipalities: 1,
    },
    {
      topic: 'none',
      questions: 1,
      questions_answered: 0,
      response_rate: 0,
      response_rate_ci_low: 0,
      response_rate_ci_high: 0.79,
      median_response_hours: null,
      unanswered_now: 1,
      municipalities: 1,
    },
  ],
};
const style = {
  h2: (id: string, title: string) => `<h2 id="${id}">${title}</h2>`,
  p: (h: string) => `<p>${h}</p>`,
  table: (head: readonly string[], rows: ReadonlyArray<readonly string[]>) =>
    `<table>${[head, ...rows].map((r) => r.join('|')).join('\n')}</table>`,
};

describe('report section "Dette spurte innbyggerne om"', () => {
  it('lists the topics with questions, answered, response rate and unanswered now, in bokmål and English', () => {
    const nb = topicsSectionHtml(topics, 'nb', style);
    expect(nb).toContain('Dette spurte innbyggerne om');
    expect(nb).toContain('Renovasjon|4|3|75');
    expect(nb).toContain('Uten tjenesteområde|1|0|0');
    expect(nb).toContain('2 spørsmål er ennå ikke tematisk klassifisert');
    const en = topicsSectionHtml(topics, 'en', style);
    expect(en).toContain('What residents asked about');
    expect(en).toContain('Waste collection|4|3|75');
  });

  it('says so when nobody asked, and renders as plain text', () => {
    expect(topicsSectionHtml({ rows: [], pending: 0 }, 'nb', style)).toContain('Ingen spørsmål denne uka.');
    const lines: string[] = [];
    topicsSectionText(topics, 'nb', {
      h: (t) => lines.push(t.toUpperCase()),
      grid: (head, rows) => lines.push(head.join(' '), ...rows.map((r) => r.join(' '))),
      wrap: (t) => lines.push(t),
    });
    expect(lines[0]).toBe('DETTE SPURTE INNBYGGERNE OM');
    expect(lines.some((l) => /^Renovasjon 4 3 75\s%\s1$/u.test(l))).toBe(true);
  });
});

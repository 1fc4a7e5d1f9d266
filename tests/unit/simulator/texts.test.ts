import { describe, expect, test } from 'vitest';
import { COMMENT_TEMPLATES } from '../../../src/simulator/comment-texts.js';
import { OPENING_MIX, POST_KINDS, POST_TEMPLATES } from '../../../src/simulator/texts.js';

describe('text templates carry honest labels', () => {
  test('only questions, requests and nudges need an answer', () => {
    for (const t of COMMENT_TEMPLATES) {
      expect(t.needsAnswer, `${t.kind}: ${t.text}`).toBe(t.kind === 'question' || t.kind === 'request' || t.kind === 'nudge');
    }
  });

  test('traps are labelled as what they are', () => {
    const label = (text: string): boolean | undefined => COMMENT_TEMPLATES.find((t) => t.text === text)?.needsAnswer;
    expect(label('Hvor heldige vi er!')).toBe(false); // exclamative, not a question
    expect(label('{name} er dette noe for oss?')).toBe(false); // addressed to another resident
    expect(label('lurer på når {facility} åpner igjen')).toBe(true); // question without a question mark
    expect(label('Send meg info om søknadsfrist')).toBe(true); // request
    expect(label('?')).toBe(true); // nudge after an unanswered question
    expect(label('Hei')).toBe(false);
  });

  test('every opening kind has bokmål templates, and nynorsk and English exist', () => {
    for (const k of POST_KINDS)
      for (const [kind] of OPENING_MIX[k]) expect(COMMENT_TEMPLATES.some((t) => t.kind === kind && t.lang === 'nb')).toBe(true);
    expect(COMMENT_TEMPLATES.filter((t) => t.lang === 'nn').length).toBeGreaterThan(30);
    expect(COMMENT_TEMPLATES.filter((t) => t.lang === 'en').length).toBeGreaterThan(10);
    for (const k of POST_KINDS) expect(POST_TEMPLATES.some((p) => p.kind === k && p.lang === 'nb')).toBe(true);
  });

  test('personal data appears in some templates so redaction can be tested', () => {
    const texts = COMMENT_TEMPLATES.map((t) => t.text).join('\n');
    for (const slot of ['{fnr}', '{phone}', '{email}']) expect(texts).toContain(slot);
  });
});

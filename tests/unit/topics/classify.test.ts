import { describe, expect, it } from 'vitest';
import { classifyTopics } from '../../../src/topics/classify.js';

describe('classifyTopics', () => {
  it.each([
    ['Søppeldunken ble ikke tømt i går', 'renovasjon'],
    ['Kvifor har bosshentinga stoppa opp?', 'renovasjon'],
    ['Brøytinga her er heilt elendig', 'vei-og-broyting'],
    ['Når kjem brøytebilen?', 'vei-og-broyting'],
    ['Det er vasslekkasje i gata', 'vann-og-avlop'],
    ['Når åpner legevakta i helga?', 'legevakt'],
    ['Hvorfor har eiendomsskatten økt?', 'eiendomsskatt'],
    ['When does the ferry leave?', 'kollektiv'],
  ])('%s → %s (stems, compounds, nynorsk and dialect)', (text, topic) => {
    expect(classifyTopics(text).topics[0]).toBe(topic);
  });

  it('gives [] for text about no municipal service', () => {
    expect(classifyTopics('Takk for fin info! 👍').topics).toEqual([]);
    expect(classifyTopics('').topics).toEqual([]);
    expect(classifyTopics('🙂').topics).toEqual([]);
  });

  it('explains itself: the terms that decided, as topic:term', () => {
    const c = classifyTopics('Søppeldunken ble ikke tømt');
    expect(c.reasons.length).toBeGreaterThan(0);
    expect(c.reasons.every((r) => r.startsWith('renovasjon:'))).toBe(true);
  });

  it('allows several topics, the primary first', () => {
    // Equal evidence for both: the earlier-named service is primary.
    expect(classifyTopics('Søppelbilen kom ikke fram fordi det ikke var brøytet').topics).toEqual(['renovasjon', 'vei-og-broyting']);
    // More evidence for one: it alone (a service named in passing is not a second topic).
    expect(classifyTopics('Søppelbilen kom ikke fram: brøytinga er ikke gjort og veien er ikke strødd').topics).toEqual([
      'vei-og-broyting',
    ]);
  });

  it('a term inside a longer term gives way ("lege" in "legevakta")', () => {
    expect(classifyTopics('Legevakta svarer ikke').topics).toEqual(['legevakt']);
  });

  it('a Los area outside the fourteen is annet', () => {
    expect(classifyTopics('Når kommer valgkortene?').topics).toEqual(['annet']);
  });
});

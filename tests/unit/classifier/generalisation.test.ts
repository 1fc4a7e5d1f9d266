/**
 * The failures reported in issue 21, as unit cases. All texts here are development texts (dev-4.jsonl or
 * the issue itself); the hygiene test checks that none of them is a held-out text.
 */
import { describe, expect, test } from 'vitest';
import { classifyCitizen } from '../../../src/classifier/citizen.js';

describe('rhetorical and exclamatory questions ask nothing', () => {
  test.each([
    'Skal vi le eller gråte?',
    'Kan det bli bedre enn dette? 😍',
    'Hvem hadde trodd at vi skulle få vår egen svømmehall? Fantastisk!',
    'Kor heldige er vi som bur her?',
    'Er det bare jeg som gleder meg til julemarkedet?',
  ])('%j', (text) => {
    expect(classifyCitizen(text).needsAnswer).toBe(false);
  });
});

describe('questions to other residents are not questions to the municipality', () => {
  test.each([
    ['Skal vi ta en tur dit i helga, @Marius?', 'tag-end'],
    ['Kommer du, @Siri?', 'tag-end'],
    ['Noen som vil dele skyss til Oslo på lørdag?', 'to-residents'],
    ['Nokon som vil vere med på tur til Stølen på søndag?', 'to-residents'],
    ['Anyone up for a hike up the hill this weekend?', 'to-residents'],
    ['Er det noen som vet om det er åpent', 'to-residents'],
  ])('%j (%s)', (text, cue) => {
    const c = classifyCitizen(text);
    expect(c).toMatchObject({ needsAnswer: false, kind: 'question' });
    expect(c.reasons).toContain(cue);
    expect(c.reasons).toContain('elsewhere');
  });

  test('unless the text also addresses the municipality', () => {
    for (const t of ['Noen fra kommunen som kan svare på når veien åpner?', 'Noen som vet om kommunen har åpent i romjula? @Voss herad']) {
      const c = classifyCitizen(t);
      expect(c.needsAnswer, t).toBe(true);
      expect(c.reasons, t).toContain('addresses-account');
      expect(c.reasons, t).not.toContain('elsewhere');
    }
  });
});

describe('two capitalised words at the start are not a name to someone else', () => {
  test.each(['Hele Fjordveien er full av hull. Når blir den asfaltert?', 'Nye Storgata er fin, men når åpner parkeringshuset?'])(
    '%j',
    (text) => {
      const c = classifyCitizen(text);
      expect(c.needsAnswer).toBe(true);
      expect(c.reasons).not.toContain('elsewhere');
    },
  );
});

describe('question marks of other scripts', () => {
  test.each([
    ['متى تفتح المكتبة؟', 'ar'],
    ['Πότε ανοίγει η πισίνα;', 'el'],
    ['Ե՞րբ է բացվում գրադարանը', 'hy'],
    ['መዓስ ይኽፈት ቤት ንባብ፧', 'am|ti'],
  ])('%j is a question (%s)', (text, lang) => {
    const c = classifyCitizen(text);
    expect(c.reasons).toContain('qmark');
    expect(c.needsAnswer).toBe(true);
    // Amharic and Tigrinya share the Ethiopic script; franc tells them apart only on longer text.
    expect(lang.split('|')).toContain(c.lang);
  });
});

describe('complaints', () => {
  test('a stated problem is a complaint whether or not it asks', () => {
    expect(classifyCitizen('Hele Fjordveien er full av hull og ingen bryr seg')).toMatchObject({ needsAnswer: false, kind: 'complaint' });
    expect(classifyCitizen('Fortsatt hull i veien utenfor Kiwi, bilen min fikk punktering. Hvem dekker det?')).toMatchObject({
      needsAnswer: true,
      kind: 'complaint',
    });
  });
});

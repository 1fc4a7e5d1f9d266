import { describe, expect, test } from 'vitest';

import { mentions } from '../../../src/collectors/x/normalise.js';

/** The pattern mentions() replaced (one compiled per mention): the scan must answer exactly as it did. */
const byPattern = (text: string, handle: string) => new RegExp(`(?<![\\p{L}\\p{N}_.])@${handle}(?![\\p{L}\\p{N}_])`, 'u').test(text);

describe('mentions', () => {
  test.each([
    ['@kari hei', true],
    ['hei @kari', true],
    ['hei @kari!', true],
    ['hei @karin', false],
    ['postmottak@kari.kommune.no', false],
    ['x.@kari', false],
    ['é@kari', false],
    ['😀@kari', true],
    ['@kari😀', true],
    ['@kari_', false],
    ['a\udc00@kari', true],
    ['@kari\ud800', true],
    ['', false],
  ])('%j', (text, want) => {
    expect(mentions(text, 'kari')).toBe(want);
    expect(byPattern(text, 'kari')).toBe(want);
  });

  test('agrees with the pattern on random texts around the handle, surrogates included', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const parts = ['@kari', 'kari', '@', '.', '_', 'a', 'Ø', '1', ' ', '!', '😀', '\udc00', '\ud800', '@kari_', 'n'];
    for (let k = 0; k < 5000; k++) {
      let text = '';
      for (let j = Math.floor(rand() * 6); j >= 0; j--) text += parts[Math.floor(rand() * parts.length)];
      expect(mentions(text, 'kari'), JSON.stringify(text)).toBe(byPattern(text, 'kari'));
    }
  });
});

import { describe, expect, test } from 'vitest';
import { classifyCitizen } from '../../../src/classifier/citizen.js';

const lang = (text: string): string => classifyCitizen(text).lang;

describe('language detection', () => {
  test.each([
    ['nn', 'Kvifor er ikkje vegen brøyta?'],
    ['nn', 'Kva tid opnar biblioteket'],
    ['nn', 'Korleis søkjer eg om plass'],
    ['nn', 'Me har venta i ei veke'],
    ['nn', 'eg veit ikkje'],
    ['nn', 'Kven har ansvaret for dette'],
    ['nb', 'Hvorfor er ikke veien brøytet?'],
    ['nb', 'Hva koster det'],
    ['nb', 'Jeg lurer på om det er åpent'],
    ['nb', 'Takk for info!'],
    ['nb', 'kjempefint'],
    ['en', 'When is the pool open?'],
    ['en', 'Is the water safe to drink'],
    ['en', 'Thank you!'],
    ['other', '😍😍'],
    ['pl', 'Dziękuję bardzo!'],
    ['other', '[telefon]'],
  ])('%s: %j', (expected, text) => {
    expect(lang(text)).toBe(expected);
  });
});

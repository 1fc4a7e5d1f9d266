import { describe, expect, test } from 'vitest';
import { isAbusive } from '../../../src/classifier/abusive.js';
import { classifyCitizen } from '../../../src/classifier/citizen.js';

const flagged = (text: string): boolean => classifyCitizen(text).abusive;

describe('abusive flag', () => {
  test.each([
    'Dere er noen idioter',
    'for en dust',
    'fitte',
    'Faen ta dere!',
    'Hold kjeft',
    'jævla kommune',
    'Drittsekker hele gjengen',
    'hald kjeft no',
  ])('flags %j', (text) => {
    expect(flagged(text)).toBe(true);
  });

  test.each([
    'Takk for god hjelp',
    'Fy faen for en kommune',
    'Dusteråd fra noen på Facebook',
    'Horisonten var nydelig i kveld',
    'Kan dere fjerne støvet på veien',
    'Jeg holder kjeften min om dette',
    'Idiotsikker løsning, bra!',
  ])('does not flag %j', (text) => {
    expect(flagged(text)).toBe(false);
  });

  test('reports the hits and leaves needsAnswer to the question rules', () => {
    expect(isAbusive({ tokens: ['hold', 'kjeft', 'idiot'] }).hits).toEqual(['idiot', 'hold kjeft']);
    const c = classifyCitizen('Når skal dere idioter brøyte?');
    expect(c).toMatchObject({ abusive: true, needsAnswer: true });
    expect(c.reasons).toContain('abusive');
  });
});

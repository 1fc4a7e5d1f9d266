import { describe, expect, test } from 'vitest';

import { makePseudonymiser, memoisedPseudonymiser, type Pseudonymiser } from '../../../src/privacy/pseudonymise.js';
import { redactPersonalData } from '../../../src/privacy/redact.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';

describe('redactPersonalData', () => {
  test.each([
    ['mitt fnr er 01019912368 hjelp', 'mitt fnr er [fødselsnummer] hjelp'],
    ['fødselsnummer 010199 12368.', 'fødselsnummer [fødselsnummer].'],
    // A D-number: day + 40, same two mod-11 check digits.
    ['d-nummer 41019912351', 'd-nummer [fødselsnummer]'],
    ['fnr 150385-45660 og 23077234543', 'fnr [fødselsnummer] og [fødselsnummer]'],
    ['ring meg på 912 34 567', 'ring meg på [telefon]'],
    ['ring 91234567 eller +47 22 33 44 55', 'ring [telefon] eller [telefon]'],
    ['tlf 0047 912 345 67', 'tlf [telefon]'],
    ['sms 9123 4567 eller 4123.4567', 'sms [telefon] eller [telefon]'],
    ['ring +47 2233 4455', 'ring [telefon]'],
    ['send til kari.nordmann@example.no takk', 'send til [e-post] takk'],
    ['skriv til ola@kommune.no', 'skriv til [e-post]'],
  ])('redacts %j', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  test.each([
    'Budsjettet for 2025-2026 er vedtatt',
    'Planen gjelder 2026 2030',
    'Åpent kl. 08:00-15:45 i uke 47',
    'Vi har 1234 innbyggere',
    'Postnummer 0150 Oslo',
    'orgnr 974760673',
    // Eleven digits whose check digits do not hold are not a fødselsnummer (issue 20).
    'Ordre 99999999999',
    'referanse 01019912345 i saken',
    'konto 010199 12345',
  ])('leaves ordinary numbers alone: %j', (input) => {
    expect(redactPersonalData(input)).toBe(input);
  });
});

describe('makePseudonymiser', () => {
  test('is stable for one secret, differs across secrets and platforms, and hides the raw id', () => {
    const a = makePseudonymiser('secret-a'.repeat(4));
    const b = makePseudonymiser('secret-b'.repeat(4));
    expect(a('facebook', '10001234')).toBe(a('facebook', '10001234'));
    expect(a('facebook', '10001234')).not.toBe(b('facebook', '10001234'));
    expect(a('facebook', '10001234')).not.toBe(a('x', '10001234'));
    expect(a('facebook', '10001234')).not.toContain('10001234');
    expect(a('facebook', '10001234')).toMatch(/^r_[A-Za-z0-9_-]{27}$/);
  });
});

describe('makeTokenCipher', () => {
  test('round-trips, never stores the plain token, and refuses a changed secret', () => {
    const c = makeTokenCipher('s'.repeat(32));
    const sealed = c.encrypt('EAAG-page-token-123');
    expect(sealed).not.toContain('EAAG');
    expect(c.decrypt(sealed)).toBe('EAAG-page-token-123');
    expect(c.encrypt('same')).not.toBe(c.encrypt('same'));
    expect(() => makeTokenCipher('t'.repeat(32)).decrypt(sealed)).toThrow(/LYTTEPOST_SECRET changed/);
  });
});

test('the memoised pseudonymiser answers as the keyed HMAC does, asking it once per id until it starts over', () => {
  const base = makePseudonymiser('memo-secret-memo-secret-memo-secret');
  let asked = 0;
  const counting: Pseudonymiser = (platform, id) => {
    asked++;
    return base(platform, id);
  };
  const memo = memoisedPseudonymiser(counting, 3);
  for (const [platform, id] of [
    ['facebook', '1'],
    ['facebook', '1'],
    ['x', '1'],
    ['facebook', '2'],
    ['x', '1'],
  ] as const) {
    expect(memo(platform, id)).toBe(base(platform, id));
  }
  // facebook:1, x:1 and facebook:2 asked once each; the same id on two platforms is two residents' keys.
  expect(asked).toBe(3);
  expect(memo('facebook', '1')).not.toBe(memo('x', '1'));
  // Full: the next new id starts the memo over, and answers stay the same.
  expect(memo('youtube', 'UC9')).toBe(base('youtube', 'UC9'));
  expect(memo('facebook', '1')).toBe(base('facebook', '1'));
  expect(asked).toBe(5);
});

import { expect, test } from 'vitest';

import { scrubText } from '../../../src/collectors/scrub.js';

test('removes known names, their first names and @-handles', () => {
  expect(scrubText('Hei Kari! Spør @ola_h eller Kari Nordmann', ['Kari Nordmann', 'ola_h'], 'owner')).toBe('Hei [navn]! Spør @[navn] eller [navn]');
});

test('removes untagged full names with a common surname and names after a greeting', () => {
  expect(scrubText('Ingrid Solberg dette må vi få med oss!', [], 'citizen')).toBe('[navn] dette må vi få med oss!');
  expect(scrubText('@Terje Andreassen se her', [], 'citizen')).toBe('@[navn] se her');
  expect(scrubText('Beklager, Synnøve. Vi har sendt saken videre.', [], 'owner')).toBe('Beklager, [navn]. Vi har sendt saken videre.');
  expect(scrubText('Hei alle sammen! Velkommen til Storgata 5.', [], 'owner')).toBe('Hei alle sammen! Velkommen til Storgata 5.');
});

test('citizen text loses fødselsnummer, phone and e-mail; owner text keeps its public contact details', () => {
  expect(scrubText('fnr 01017012345, ring 412 34 567 eller skriv til a.b@example.no', [], 'citizen')).toBe(
    'fnr [fødselsnummer], ring [telefon] eller skriv til [e-post]',
  );
  expect(scrubText('Send e-post til postmottak@bergen.kommune.no', [], 'owner')).toBe('Send e-post til postmottak@bergen.kommune.no');
});

test('every @-mention of a resident is replaced, even one no entity or thread named; responders’ own handles stay', () => {
  // INDICATORS.md, clarification 3: the pseudonymous author id is the only trace of a resident's identity.
  expect(scrubText('@kari_n88 og @Per.Olsen-2 har rett, spør @OsloKommune', [], 'citizen', ['@oslokommune'])).toBe(
    '@[navn] og @[navn] har rett, spør @OsloKommune',
  );
  expect(scrubText('Takk @ola! Skriv til post@oslo.kommune.no', [], 'owner', ['oslokommune'])).toBe('Takk @[navn]! Skriv til post@oslo.kommune.no');
  expect(scrubText('Sjekk @[navn] og e-post a@b', [], 'owner')).toBe('Sjekk @[navn] og e-post a@b');
});

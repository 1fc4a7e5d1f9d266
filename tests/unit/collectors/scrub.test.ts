import { expect, test } from 'vitest';

import { scrubText } from '../../../src/collectors/scrub.js';

test('removes known names, their first names and @-handles', () => {
  expect(scrubText('Hei Kari! Spør @ola_h eller Kari Nordmann', ['Kari Nordmann', 'ola_h'], 'owner')).toBe(
    'Hei [navn]! Spør @[navn] eller [navn]',
  );
});

test('removes untagged full names with a common surname and names after a greeting', () => {
  expect(scrubText('Ingrid Solberg dette må vi få med oss!', [], 'citizen')).toBe('[navn] dette må vi få med oss!');
  expect(scrubText('@Terje Andreassen se her', [], 'citizen')).toBe('@[navn] se her');
  expect(scrubText('Beklager, Synnøve. Vi har sendt saken videre.', [], 'owner')).toBe('Beklager, [navn]. Vi har sendt saken videre.');
  expect(scrubText('Hei alle sammen! Velkommen til Storgata 5.', [], 'owner')).toBe('Hei alle sammen! Velkommen til Storgata 5.');
});

test('citizen text loses fødselsnummer, phone and e-mail; owner text keeps its public contact details', () => {
  expect(scrubText('fnr 01019912368, ring 412 34 567 eller skriv til a.b@example.no', [], 'citizen')).toBe(
    'fnr [fødselsnummer], ring [telefon] eller skriv til [e-post]',
  );
  expect(scrubText('Send e-post til postmottak@bergen.kommune.no', [], 'owner')).toBe('Send e-post til postmottak@bergen.kommune.no');
});

test('every @-mention of a resident is replaced, even one no entity or thread named; responders’ own handles stay', () => {
  // INDICATORS.md, clarification 3: the pseudonymous author id is the only trace of a resident's identity.
  expect(scrubText('@kari_n88 og @Per.Olsen-2 har rett, spør @OsloKommune', [], 'citizen', ['@oslokommune'])).toBe(
    '@[navn] og @[navn] har rett, spør @OsloKommune',
  );
  expect(scrubText('Takk @ola! Skriv til post@oslo.kommune.no', [], 'owner', ['oslokommune'])).toBe(
    'Takk @[navn]! Skriv til post@oslo.kommune.no',
  );
  expect(scrubText('Sjekk @[navn] og e-post a@b', [], 'owner')).toBe('Sjekk @[navn] og e-post a@b');
});

test("a first word of another user's display name stays where it is an ordinary word (issue 20)", () => {
  expect(scrubText('Vi markerer LGBTQ-rettighetene og Pride i hele uke 26.', ['LGBTQ Norge'], 'owner')).toBe(
    'Vi markerer LGBTQ-rettighetene og Pride i hele uke 26.',
  );
  expect(scrubText('Dag for dag blir det bedre, Kari.', ['Dag Olsen', 'Kari Nordmann'], 'owner')).toBe(
    'Dag for dag blir det bedre, [navn].',
  );
  // Where it addresses the person it goes: after a greeting, opening the text, as an @-mention.
  expect(scrubText('Hei Dag! Kari, se over. @Kari takk', ['Dag Olsen', 'Kari Nordmann'], 'owner')).toBe(
    'Hei [navn]! [navn], se over. @[navn] takk',
  );
});

test('places and institutions before a surname-like word are not names; a given name before a surname is', () => {
  expect(scrubText('Besøk Nygård skole, eller ta bussen fra Sandvika Strand.', [], 'citizen')).toBe(
    'Besøk Nygård skole, eller ta bussen fra Sandvika Strand.',
  );
  expect(scrubText('Takk Politiet! Hilsen Tone Johansen', [], 'citizen')).toBe('Takk Politiet! Hilsen [navn]');
});

test("every resident @-handle is replaced, in the owner's text too; responders' handles and e-mail addresses stay", () => {
  expect(scrubText('@beboer6_nord Hei! Send en e-post til postmottak@oslo.kommune.no', [], 'owner', ['oslokommune'])).toBe(
    '@[navn] Hei! Send en e-post til postmottak@oslo.kommune.no',
  );
  expect(scrubText('Takk @OsloKommune og @ola.h-99 for svar.', [], 'citizen', ['@oslokommune'])).toBe(
    'Takk @OsloKommune og @[navn] for svar.',
  );
});

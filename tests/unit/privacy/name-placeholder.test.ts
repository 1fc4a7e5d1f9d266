import { describe, expect, test } from 'vitest';

import { moreScrubbed, sameUpToNames } from '../../../src/privacy/name-placeholder.js';

describe('sameUpToNames', () => {
  test('treats a name and its placeholder as the same text', () => {
    expect(sameUpToNames('Kari har rett, når åpner det?', '[navn] har rett, når åpner det?')).toBe(true);
    expect(sameUpToNames('Hei [navn]! Takk', 'Hei Ola Nordmann! Takk')).toBe(true);
    expect(sameUpToNames('@[navn] se her', '@Kari se her')).toBe(true);
    expect(moreScrubbed('Kari har rett', '[navn] har rett')).toBe('[navn] har rett');
    expect(moreScrubbed('[navn] har rett', 'Kari har rett')).toBe('[navn] har rett');
    // Seen from two reads of the same X reply: once with the greeting and surname scrubbed, once without.
    expect(sameUpToNames('@[navn] [navn], send oss en e-post', '@[navn] Hei [navn], send oss en e-post')).toBe(true);
    expect(moreScrubbed('@k @[navn] sjå her', '@k @[navn] Jakobsen sjå her')).toBe('@k @[navn] sjå her');
    expect(moreScrubbed('@k @[navn] Jakobsen sjå her', '@k @[navn] sjå her')).toBe('@k @[navn] sjå her');
  });

  test('an @-handle with digits and underscores is a name too: a re-read that sees it in clear never un-scrubs (issue 20)', () => {
    const scrubbed = '@[navn] Hei! Send en e-post til postmottak så ser vi på det.';
    const clear = '@beboer6_nord Hei! Send en e-post til postmottak så ser vi på det.';
    expect(sameUpToNames(scrubbed, clear)).toBe(true);
    expect(moreScrubbed(scrubbed, clear)).toBe(scrubbed);
    expect(moreScrubbed(clear, scrubbed)).toBe(scrubbed);
  });

  test('still sees a real edit', () => {
    expect(sameUpToNames('[navn] har rett', '[navn] tar feil')).toBe(false);
    expect(sameUpToNames('Når åpner bassenget?', 'Når åpner bassenget igjen?')).toBe(false);
    expect(sameUpToNames('[navn] har rett', 'har rett')).toBe(false);
  });
});

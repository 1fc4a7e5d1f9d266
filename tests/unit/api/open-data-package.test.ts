import { describe, expect, test } from 'vitest';

import { loadConfig } from '../../../config/env.js';
import { dataPackage } from '../../../src/api/routes/open-data-package.js';

/** The open data's licence is the operator's choice from a fixed list; NLOD 2.0 (SSB's licence) by default. */
describe('the open-data licence', () => {
  test('LYTTEPOST_OPEN_DATA_LICENSE: NLOD-2.0 unless set; a licence not offered is refused naming the allowed ones', () => {
    expect(loadConfig({}).LYTTEPOST_OPEN_DATA_LICENSE).toBe('NLOD-2.0');
    expect(loadConfig({ LYTTEPOST_OPEN_DATA_LICENSE: 'CC-BY-4.0' }).LYTTEPOST_OPEN_DATA_LICENSE).toBe('CC-BY-4.0');
    expect(() => loadConfig({ LYTTEPOST_OPEN_DATA_LICENSE: 'CC0-1.0' })).toThrow(
      /LYTTEPOST_OPEN_DATA_LICENSE: expected one of NLOD-2.0, CC-BY-4.0, got "CC0-1.0"/,
    );
  });

  test('the package declares the chosen licence with name, path and title, and keeps SSB among its sources', () => {
    const pkg = dataPackage('CC-BY-4.0') as { licenses: unknown[]; sources: Array<{ title: string }> };
    expect(pkg.licenses).toEqual([
      {
        name: 'CC-BY-4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
        title: 'Creative Commons Navngivelse 4.0 Internasjonal (CC BY 4.0)',
      },
    ]);
    expect(pkg.sources.map((s) => s.title).join(' ')).toContain('Statistisk sentralbyrå');
    expect((dataPackage() as { licenses: Array<{ name: string }> }).licenses[0]?.name).toBe('NLOD-2.0');
  });
});

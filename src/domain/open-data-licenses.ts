/**
 * The licences the open data (docs/api.md "Open data") may be published under, chosen by the operator with
 * LYTTEPOST_OPEN_DATA_LICENSE. The operator is the licensor of the figures it derives from municipalities' public
 * posts; the municipality and county register beside them is Statistics Norway's (SSB), published under NLOD,
 * which asks for attribution (the data package names SSB in `sources`). Both licences here are attribution
 * licences that keep that requirement; a public-domain dedication (CC0) would not, so it is not offered.
 *
 * - `NLOD-2.0` (default): Norsk lisens for offentlige data, the licence SSB uses and the one Norwegian public
 *   bodies (municipalities, KS) are recommended to publish open data under.
 * - `CC-BY-4.0`: for an operator that publishes under Creative Commons.
 *
 * Ids are SPDX identifiers (Frictionless asks for an Open Definition / SPDX id as `name`).
 */
export const OPEN_DATA_LICENSE_IDS = ['NLOD-2.0', 'CC-BY-4.0'] as const;
export type OpenDataLicenseId = (typeof OPEN_DATA_LICENSE_IDS)[number];
export const DEFAULT_OPEN_DATA_LICENSE: OpenDataLicenseId = 'NLOD-2.0';

export type OpenDataLicense = { name: OpenDataLicenseId; path: string; title: string };

export const OPEN_DATA_LICENSES: Readonly<Record<OpenDataLicenseId, OpenDataLicense>> = {
  'NLOD-2.0': { name: 'NLOD-2.0', path: 'https://data.norge.no/nlod/no/2.0', title: 'Norsk lisens for offentlige data (NLOD) 2.0' },
  'CC-BY-4.0': {
    name: 'CC-BY-4.0',
    path: 'https://creativecommons.org/licenses/by/4.0/',
    title: 'Creative Commons Navngivelse 4.0 Internasjonal (CC BY 4.0)',
  },
};

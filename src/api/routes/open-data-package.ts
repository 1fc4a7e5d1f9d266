import { DEFAULT_OPEN_DATA_LICENSE, OPEN_DATA_LICENSES, type OpenDataLicenseId } from '../../domain/open-data-licenses.js';
import { OPEN_DATA_FIELDS, OPEN_DATA_SCHEMA_VERSION } from './open-data-schema.js';

/**
 * The open data as a Frictionless Data Package (tabular-data-package, https://specs.frictionlessdata.io/):
 * served at /api/v1/open-data/datapackage.json beside the files it describes (paths are relative to it), so
 * `frictionless validate` or `datapackage` readers in Python and R load the CSV with its types. `licenses` is the
 * operator's choice (LYTTEPOST_OPEN_DATA_LICENSE, src/domain/open-data-licenses.ts); `sources` names where the
 * rows come from, SSB's register with the attribution its licence (NLOD) asks for.
 */
export const OPEN_DATA_SOURCES: ReadonlyArray<{ title: string; path?: string }> = [
  {
    title:
      'Kommunenes egne kontoer på sosiale medier (offentlige innlegg og kommentarer), innhentet og beregnet av operatøren av denne Lyttepost-tjenesten',
  },
  {
    title: 'Statistisk sentralbyrå (SSB): Standard for kommuneinndeling (Klass 131) og fylkesinndeling (Klass 104), lisens NLOD',
    path: 'https://www.ssb.no/klass/klassifikasjoner/131',
  },
];

export function dataPackage(license: OpenDataLicenseId = DEFAULT_OPEN_DATA_LICENSE): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: 'lyttepost-sector-aggregates',
    title: 'Lyttepost: dialog i kommunesektoren på sosiale medier – uketall for sektoren og fylkene',
    description:
      'Weekly indicators of how Norwegian municipalities answer residents on social media, for the sector (Norge) and each county; ' +
      'a figure resting on fewer than 5 municipalities is empty (suppressed). Definitions: docs/indicators.md; columns: docs/api.md. ' +
      'Inneholder data under Norsk lisens for offentlige data (NLOD) tilgjengeliggjort av Statistisk sentralbyrå (kommune- og fylkesinndelingen).',
    version: `${OPEN_DATA_SCHEMA_VERSION}.0.0`,
    keywords: ['kommune', 'sosiale medier', 'dialog', 'KS', 'open data'],
    licenses: [OPEN_DATA_LICENSES[license]],
    sources: OPEN_DATA_SOURCES,
    resources: [
      {
        profile: 'tabular-data-resource',
        name: 'sector-aggregates',
        path: 'sector-aggregates.csv',
        title: 'Sektor- og fylkestall per uke (siste 52 uker; ?from=&to= for andre uker)',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: OPEN_DATA_FIELDS.map((f) => ({
            name: f.name,
            type: f.type,
            title: f.title,
            description: f.description,
            ...(f.type === 'boolean' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
            ...(f.kind === 'share' ? { constraints: { minimum: 0, maximum: 1 } } : {}),
          })),
          missingValues: [''],
          primaryKey: ['week', 'scope', 'id'],
        },
      },
      {
        profile: 'data-resource',
        name: 'sector-aggregates-json',
        path: 'sector-aggregates.json',
        title: 'The same rows as JSON: {schema_version, columns, data:[{column: value}]}',
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
      },
    ],
  };
}

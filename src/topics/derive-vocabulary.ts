/**
 * Derives `assets/los-topics.json` from Digdir's Los vocabulary (`source.xml` of Informasjonsforvaltning/los):
 * the two theme levels (tema) with their bokmål/nynorsk/English labels, the subject terms (emneord, "ord/…")
 * under the second level with their bokmål and nynorsk labels and synonyms (hjelpeord, SKOS hidden labels), and
 * Lyttepost's topic label for each. Provenance and licence: assets/README.md.
 *
 *   npx tsx src/topics/derive-vocabulary.ts <path to source.xml> <commit>   # rewrites assets/los-topics.json
 *
 * The mapping to labels is here, in two tables: second-level themes → label, and subject terms that belong
 * elsewhere than their theme (Los files water and sewage under "Eiendom", legevakt under "Akutt hjelp", …).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { projectUrl } from '../project-root.js';
import { TOPIC_IDS } from './labels.js';
import type { TopicId } from './labels.js';

/** Second-level Los theme → label. Themes not listed map to `annet`. */
export const THEME_LABEL: Readonly<Record<string, TopicId>> = {
  'veg-og-vegregulering': 'vei-og-broyting',
  trafikkinformasjon: 'vei-og-broyting',
  mobilitetstilbud: 'kollektiv',
  inntektssikring: 'nav',
  arbeidssoking: 'nav',
  familieytelser: 'nav',
  'okonomiske-ytelser-og-radgivning': 'nav',
  'kvalifisering-til-arbeid': 'nav',
  barnehage: 'barnehage',
  brann: 'beredskap',
  varslingstjenester: 'beredskap',
  hjelpemidler: 'helse-og-omsorg',
  'avlastning-og-stotte': 'helse-og-omsorg',
  folkehelse: 'helse-og-omsorg',
  'akutt-hjelp': 'legevakt',
  helsetjenester: 'helse-og-omsorg',
  'rus-og-avhengighet': 'helse-og-omsorg',
  omsorgstjenester: 'helse-og-omsorg',
  pasientrettigheter: 'helse-og-omsorg',
  svangerskap: 'helse-og-omsorg',
  'tilskudd-til-kultur-idrett-og-fritid': 'kultur-og-fritid',
  'utlan-og-leie': 'kultur-og-fritid',
  bibliotek: 'kultur-og-fritid',
  friluftsliv: 'kultur-og-fritid',
  fritid: 'kultur-og-fritid',
  idrett: 'kultur-og-fritid',
  kultur: 'kultur-og-fritid',
  avfallshandtering: 'renovasjon',
  bygging: 'byggesak',
  planer: 'byggesak',
  'videregaende-skole': 'skole',
  grunnskole: 'skole',
  skolehverdag: 'skole',
  skolemiljo: 'skole',
  voksenopplaring: 'skole',
};

/** Subject terms whose label differs from their theme's (the first theme listed by Los decides otherwise). */
export const TERM_LABEL: Readonly<Record<string, TopicId>> = {
  'vann-og-avlop': 'vann-og-avlop',
  vannforurensning: 'vann-og-avlop',
  renovasjon: 'renovasjon',
  renovasjonsavgift: 'renovasjon',
  eiendomsskatt: 'eiendomsskatt',
  'parkering-og-hvileplasser': 'parkering',
  legevakt: 'legevakt',
  krisesenter: 'annet',
  livskriser: 'annet',
  'hjelp-ved-overgrep': 'annet',
  'gebyr-for-byggesak': 'byggesak',
  skoleskyss: 'skole',
  skolehelsetjeneste: 'helse-og-omsorg',
  'pedagogisk-psykologisk-tjeneste': 'skole',
  bibliotektjenester: 'kultur-og-fritid',
  flomvarsel: 'beredskap',
  skredvarsel: 'beredskap',
  skogbrannvarsel: 'beredskap',
  varvarsel: 'annet',
  feiing: 'beredskap',
  'tilrettelagt-transport': 'helse-og-omsorg',
  'miljovennlig-transport': 'kollektiv',
  'drivstoff-og-ladestasjoner': 'annet',
  doping: 'kultur-og-fritid',
  'trygde-og-servicebolig': 'helse-og-omsorg',
  omsorgsbolig: 'helse-og-omsorg',
  innemiljo: 'skole',
  'kommunale-avgifter-og-gebyr': 'annet',
  'privat-vei': 'vei-og-broyting',
  vegbygging: 'vei-og-broyting',
  gravemelding: 'byggesak',
  'forurenset-grunn': 'annet',
  'introduksjonsprogram-for-innvandrere': 'nav',
  // Not leisure services in the municipal sense: animal keeping and weapons permits are `annet`, fires are `beredskap`,
  // housing loans (startlån, Husbanken) are the municipality's housing office rather than NAV.
  dyrehold: 'annet',
  vapentillatelse: 'annet',
  balbrenning: 'beredskap',
  boligfinansiering: 'annet',
};

type Vocabulary = { source: Record<string, string>; themes: Theme[]; terms: Term[] };
/** JSON with one theme or term per line: small and readable in a diff. */
function toLines(v: Vocabulary): string {
  const list = (xs: unknown[]): string => `[\n${xs.map((x) => '  ' + JSON.stringify(x)).join(',\n')}\n ]`;
  return `{\n "source": ${JSON.stringify(v.source)},\n "themes": ${list(v.themes)},\n "terms": ${list(v.terms)}\n}\n`;
}
type Labels = { nb: string; nn: string; en: string };
type Theme = Labels & { path: string; level: 1 | 2; parent: string | null; label: TopicId | null };
type Term = { path: string; label: TopicId; nb: string[]; nn: string[]; themes: string[] };

const decode = (s: string): string =>
  s.replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").trim();

function labelsOf(body: string, lang: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/<(PrefLabel|AltLabel|HiddenLabel) lang="([a-z]+)">([^<]*)</g)) {
    if (m[2] !== lang) continue;
    const v = decode(m[3] ?? '').replace(/>$/, '');
    if (v !== '' && v !== '*' && v !== '**' && !out.includes(v)) out.push(v);
  }
  return out;
}

export function deriveVocabulary(xml: string, commit: string): Vocabulary {
  const concepts = [...xml.matchAll(/<Concept path="([^"]+)">([\s\S]*?)<\/Concept>/g)].map((m) => ({ path: m[1] ?? '', body: m[2] ?? '' }));
  const themes: Theme[] = [];
  const topLevel = new Set<string>();
  for (const c of concepts) if (c.path.startsWith('tema/') && c.body.includes('<TopConceptOf>')) topLevel.add(c.path);
  for (const c of concepts) {
    if (!c.path.startsWith('tema/')) continue;
    const broader = [...c.body.matchAll(/<Broader>([^<]+)<\/Broader>/g)].map((m) => m[1] ?? '');
    const parent = broader.find((b) => topLevel.has(b)) ?? null;
    const level = topLevel.has(c.path) ? 1 : 2;
    if (level === 2 && parent === null) continue;
    const key = c.path.slice('tema/'.length);
    themes.push({
      path: c.path,
      level,
      parent,
      nb: labelsOf(c.body, 'nb')[0] ?? '',
      nn: labelsOf(c.body, 'nn')[0] ?? '',
      en: labelsOf(c.body, 'en')[0] ?? '',
      label: level === 1 ? null : (THEME_LABEL[key] ?? 'annet'),
    });
  }
  const secondLevel = new Set(themes.filter((t) => t.level === 2).map((t) => t.path));
  const terms: Term[] = [];
  const seen = new Set<string>();
  for (const c of concepts) {
    if (!c.path.startsWith('ord/') || seen.has(c.path)) continue;
    const themesOf = [...c.body.matchAll(/<Broader>([^<]+)<\/Broader>/g)].map((m) => m[1] ?? '').filter((b) => secondLevel.has(b));
    if (themesOf.length === 0) continue;
    seen.add(c.path);
    const key = c.path.slice('ord/'.length);
    const fromThemes = themesOf.map((t) => THEME_LABEL[t.slice('tema/'.length)] ?? 'annet');
    const label = TERM_LABEL[key] ?? fromThemes.find((l) => l !== 'annet') ?? 'annet';
    terms.push({ path: c.path, label, nb: labelsOf(c.body, 'nb'), nn: labelsOf(c.body, 'nn'), themes: themesOf });
  }
  for (const id of Object.values(TERM_LABEL)) if (!TOPIC_IDS.includes(id)) throw new Error(`unknown label ${id}`);
  return {
    source: {
      repository: 'https://github.com/Informasjonsforvaltning/los',
      file: 'source.xml',
      commit,
      publisher: 'Digitaliseringsdirektoratet (Digdir)',
    },
    themes,
    terms,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, commit] = process.argv.slice(2);
  if (file === undefined || commit === undefined) {
    process.stderr.write('usage: npx tsx src/topics/derive-vocabulary.ts <source.xml> <commit>\n');
    process.exit(2);
  }
  const out = deriveVocabulary(readFileSync(file, 'utf8'), commit);
  writeFileSync(projectUrl('assets/los-topics.json'), toLines(out));
}

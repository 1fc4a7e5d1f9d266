/**
 * What the simulator's residents ask about (issue 25): the service topic of each comment template, written
 * by hand next to the templates' own labels, so the topic figures can be checked against what the simulated
 * residents meant rather than against the topic classifier itself. Templates about the municipality in
 * general ("Kommer det mer informasjon om dette?", "Er det gratis?") are about no service: []. A template
 * that names a `{facility}` takes the facility's topic. No random draws: the simulated world is unchanged.
 */

type SimTopic =
  | 'renovasjon'
  | 'vann-og-avlop'
  | 'vei-og-broyting'
  | 'parkering'
  | 'kollektiv'
  | 'barnehage'
  | 'skole'
  | 'helse-og-omsorg'
  | 'legevakt'
  | 'nav'
  | 'byggesak'
  | 'eiendomsskatt'
  | 'kultur-og-fritid'
  | 'beredskap'
  | 'annet';

/** The facility filled into `{facility}` → its topic (texts.ts FACILITIES). */
export const FACILITY_TOPICS: Readonly<Record<string, readonly SimTopic[]>> = {
  bassenget: ['kultur-og-fritid'],
  biblioteket: ['kultur-og-fritid'],
  svømmehallen: ['kultur-og-fritid'],
  symjehallen: ['kultur-og-fritid'],
  idrettshallen: ['kultur-og-fritid'],
  kulturhuset: ['kultur-og-fritid'],
  ungdomsklubben: ['kultur-og-fritid'],
  skøytebanen: ['kultur-og-fritid'],
  gjenbruksstasjonen: ['renovasjon'],
  attvinningsstasjonen: ['renovasjon'],
  legevakta: ['legevakt'],
  // The municipality's front desk: no service area of its own.
  servicetorget: [],
  'the swimming pool': ['kultur-og-fritid'],
  'the library': ['kultur-og-fritid'],
  'the sports hall': ['kultur-og-fritid'],
  'the recycling centre': ['renovasjon'],
};

const FACILITY = 'facility' as const;
const VEI: readonly SimTopic[] = ['vei-og-broyting'];

/** Template text (comment-texts.ts COMMENT_TEMPLATES) → topics; templates not listed are about no service. */
export const TEMPLATE_TOPICS: ReadonlyMap<string, readonly SimTopic[] | typeof FACILITY> = new Map<
  string,
  readonly SimTopic[] | typeof FACILITY
>([
  ['Når åpner {facility} igjen?', FACILITY],
  ['lurer på når {facility} åpner igjen', FACILITY],
  ['Er {facility} åpent i påsken?', FACILITY],
  ['Hva er åpningstidene på {facility} i sommer?', FACILITY],
  ['Blir det kveldsåpent på {facility}?', FACILITY],
  ['Hva skjer med {facility} nå som budsjettet er kuttet?', FACILITY],
  ['Det er helt uakseptabelt at {facility} er stengt enda en gang', FACILITY],
  ['Når opnar {facility} att?', FACILITY],
  ['lurer på når {facility} opnar att', FACILITY],
  ['Er {facility} ope i påska?', FACILITY],
  ['Kva er opningstidene på {facility} i sommar?', FACILITY],
  ['Det er heilt uakseptabelt at {facility} er stengt nok ein gong', FACILITY],
  ['When does {facility} open again?', FACILITY],
  ['Når kommer brøytebilen?', VEI],
  ['Når kommer brøytebilen til {place}? Har ikke sett den på tre dager', VEI],
  ['Hvorfor er det ikke strødd i {place}?', VEI],
  ['Kan dere si noe om når veien åpner igjen', VEI],
  ['Skjer det noe med gatelysene i {place} snart?', VEI],
  ['Lurer på om dere har tenkt å gjøre noe med trafikken ved {place}', VEI],
  ['Ber om at dere rydder gangveien i {place}, den er livsfarlig', VEI],
  ['Dere må måke fortauet ved {place} før noen skader seg', VEI],
  ['Fiks hullene i veien ved {place} snarest', VEI],
  ['Elendig brøyting i {place} i år. Igjen.', VEI],
  ['Bilistene kjører altfor fort forbi {place}, noen kommer til å bli skadet', VEI],
  ['Når kjem brøytebilen?', VEI],
  ['Kvifor er det ikkje strødd i {place}?', VEI],
  ['Kan de seie noko om når vegen opnar att', VEI],
  ['Ber om at de ryddar gangvegen i {place}', VEI],
  ['Elendig brøyting i {place} i år. Att.', VEI],
  ['Still no street lights on {place}. Very disappointing.', VEI],
  ['hvor kan man levere hageavfall nå', ['renovasjon']],
  ['når blir søppelet hentet denne uka pga helligdagen', ['renovasjon']],
  ['Tredje gang denne måneden at søpla ikke blir hentet 😡', ['renovasjon']],
  ['kvar kan ein levere hageavfall no', ['renovasjon']],
  ['Tredje gongen denne månaden at bosset ikkje vert henta 😡', ['renovasjon']],
  ['Vet dere når vannet kommer tilbake i {place}?', ['vann-og-avlop']],
  ['Veit de når vatnet kjem tilbake i {place}?', ['vann-og-avlop']],
  ['Hvem kan jeg kontakte om byggesaken min? Ring meg gjerne på {phone}', ['byggesak']],
  ['Kven kan eg kontakte om byggjesaka mi? ring meg på {phone}', ['byggesak']],
  ['Kan man parkere ved {facility} under arrangementet?', ['parkering']],
  ['Skuffende. Vi betaler nok eiendomsskatt i denne kommunen.', ['eiendomsskatt']],
  ['what time does the library close on saturdays', ['kultur-og-fritid']],
]);

/** The topics the simulated resident meant by a template, given the template's text as filled. */
export function simTopicsOf(templateText: string, filled: string): string[] {
  const t = TEMPLATE_TOPICS.get(templateText);
  if (t === undefined) return [];
  if (t !== FACILITY) return [...t];
  const lower = filled.toLowerCase();
  for (const [facility, topics] of Object.entries(FACILITY_TOPICS)) if (lower.includes(facility)) return [...topics];
  return [];
}

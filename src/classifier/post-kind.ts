/**
 * What kind of post did the account publish? Rule cues from indicators-research.md §5.7, so the report can
 * show which kinds of posts actually start conversations.
 *
 * Every kind collects cue hits; the kind with hits wins in priority order crisis > recruitment (reported as
 * 'other') > dialogue_invitation > event > service_info > smalltalk (an urgent notice stays a crisis even when it says "god helg", and an
 * event that asks for input is an invitation). Suffix cues catch compounds ("julegrantenning",
 * "tømmeplanen"). No hit at all → 'other'.
 */
import { prepare } from './text.js';

export type PostKind = 'service_info' | 'event' | 'crisis' | 'smalltalk' | 'dialogue_invitation' | 'other';

type Cues = { words: readonly string[]; phrases: readonly string[]; suffixes: readonly string[] };

const cues = (words: string, phrases: readonly string[] = [], suffixes: readonly string[] = []): Cues => ({
  words: words.trim().split(/\s+/u),
  phrases: phrases.map((p) => ` ${p} `),
  suffixes,
});

const PRIORITY = ['crisis', 'recruitment', 'dialogue_invitation', 'event', 'service_info', 'smalltalk'] as const;

const CUES: Record<(typeof PRIORITY)[number], Cues> = {
  crisis: cues(
    `kokevarsel ras jordras leirras steinras skred snøskred steinsprang flom flaum evakuering evakuert evakuere
     beredskap farevarsel ekstremvær uvær strømbrudd straumbrot krise kriseleiing krisestab savnet ulykke
     storm orkan skogbrann vannlekkasje drikkevatn drikkevann forurenset forureina`,
    [
      'stengt vei',
      'stengt veg',
      'vei stengt',
      'veg stengt',
      'vegen er stengt',
      'veien er stengt',
      'viktig melding',
      'viktig informasjon',
      'viktig info',
      'kok vannet',
      'kok vatnet',
      'farlig',
      'rødt farevarsel',
      'oransje farevarsel',
      'gult farevarsel',
    ],
  ),
  recruitment: cues(
    `stilling stillinger stillingar sommerjobb sommarjobb sommerjobber vikariat vikarer vikarar rekruttering`,
    [
      'ledig stilling',
      'ledige stillinger',
      'ledige stillingar',
      'vi søker',
      'vi søkjer',
      'jobbe hos oss',
      'jobbe i',
      'jobbe som',
      'bli med på laget',
    ],
    ['stilling', 'stillinger', 'jobb'],
  ),
  dialogue_invitation: cues(
    `innspill høring høyring spørreundersøkelse spørjeundersøking folkemøte medvirkning innbyggerdialog
     innbyggarmøte innbyggermøte idémyldring`,
    [
      'si din mening',
      'si di meining',
      'spør ordføreren',
      'spør ordføraren',
      'spør oss',
      'still spørsmål',
      'spørsmålet ditt',
      'spørsmål til ordføreren',
      'legg igjen',
      'legg att',
      'hva mener du',
      'kva meiner du',
      'hva synes du',
      'kva synest du',
      'hva ønsker du',
      'kva ønskjer du',
      'kommenter gjerne',
      'kommenter under',
      'vi vil høre',
      'vi vil høyre',
      'gi oss tilbakemelding',
      'gje oss tilbakemelding',
      'svar på undersøkelsen',
      'svar på undersøkinga',
      'delta i undersøkelsen',
      'hva tenker du',
      'kva tenkjer du',
      'fortell oss',
      'del dine',
      'del gjerne',
      'vi ønsker dine',
      'vi ønskjer dine',
      'hvilket navn',
      'stem på',
      'what do you think',
    ],
  ),
  event: cues(
    `arrangement arrangementet konsert konserten festival program programmet påmelding billetter billett
     forestilling utstilling foredrag kino feiring seremoni markering loppemarked julemarked quiz dugnad
     velkommen velkomen bursdagsfeiring kulturnatt`,
    [
      'velkommen til',
      'velkomen til',
      'kom og',
      'bli med på',
      'åpen dag',
      'open dag',
      'åpent hus',
      'ope hus',
      'i kveld',
      'i dag kl',
      'lørdag kl',
      'søndag kl',
      'fredag kl',
      'laurdag kl',
      'sundag kl',
    ],
    ['tenning', 'marked', 'konsert', 'festival', 'feiring', 'forestilling', 'kveld'],
  ),
  service_info: cues(
    `åpningstider opningstider åpningstid opningstid stengt stengd brøyting strøing renovasjon tømming
     tømmeplan tømmeplanen tømmekalender tømmekalenderen søknadsfrist sfo barnehage barnehageplass skolerute
     vaksine vaksinering parkering veiarbeid vegarbeid omkjøring endres endring endringar endringer frist
     gebyr avgift eiendomsskatt eigedomsskatt henting avfall gjenvinning gjenvinningsstasjon miljøstasjon
     bibliotek biblioteket legevakt legevakta rutetider ferje ferja buss bussen vannavstenging vassavstenging
     søk søknad søknaden informasjon info`,
    ['husk at', 'hugs at', 'minner om', 'nå kan du', 'no kan du'],
    ['plan', 'planen', 'frist', 'stengt'],
  ),
  smalltalk: cues(`hipp hurra gratulerer`, [
    'god helg',
    'god fredag',
    'god morgen',
    'god morgon',
    'god jul',
    'godt nyttår',
    'god påske',
    'god sommer',
    'god sommar',
    'ha en fin helg',
    'ha ei fin helg',
    'ha en fin',
    'ha ein fin',
    'riktig god',
    'gratulerer med dagen',
    '17 mai',
    'happy',
    'nyt dagen',
    'nyt helga',
    'nyt helgen',
    'fin dag',
    'flott dag',
    'for en vakker',
    'for ein vakker',
    'for en nydelig',
    'for ein nydeleg',
    'for en flott',
    'for ein flott',
    'vakker morgen',
    'vakker morgon',
  ]),
};

const WORD_SETS = new Map(PRIORITY.map((k) => [k, new Set(CUES[k].words)] as const));

export function classifyPost(text: string): { kind: PostKind; reasons: string[] } {
  const p = prepare(text);
  if (p.tokens.length === 0) return { kind: 'other', reasons: [p.original === '' ? 'empty' : 'no-words'] };
  const padded = ` ${p.tokens.join(' ')} `;
  const hits = new Map<string, string[]>();
  for (const kind of PRIORITY) {
    const c = CUES[kind];
    const words = WORD_SETS.get(kind);
    const found: string[] = [];
    for (const t of p.tokens) {
      if (words?.has(t)) found.push(`${kind}:${t}`);
      else if (c.suffixes.some((s) => t.length > s.length && t.endsWith(s))) found.push(`${kind}:*${t}`);
    }
    for (const ph of c.phrases) if (padded.includes(ph)) found.push(`${kind}:${ph.trim().replaceAll(' ', '-')}`);
    if (found.length > 0) hits.set(kind, [...new Set(found)]);
  }
  // A question put to followers is an invitation to dialogue ("Hva ønsker du deg i den nye parken?").
  const asksFollowers = p.sentences.some(
    (s) => s.hasQmark && s.tokens.some((t) => t === 'du' || t === 'dere' || t === 'dykk' || t === 'deg' || t === 'you'),
  );
  if (asksFollowers)
    hits.set('dialogue_invitation', [...(hits.get('dialogue_invitation') ?? []), 'dialogue_invitation:question-to-followers']);
  for (const kind of PRIORITY) {
    const found = hits.get(kind);
    if (found) {
      const others = [...hits.entries()].filter(([k]) => k !== kind).flatMap(([, v]) => v);
      // Job adverts (research note §5.7 "Recruitment") have no kind of their own in PostKind; they are
      // matched first so that they are not counted as service information or invitations ("Vil du jobbe …?").
      return { kind: kind === 'recruitment' ? 'other' : kind, reasons: [...found, ...others] };
    }
  }
  return { kind: 'other', reasons: ['no-cue'] };
}

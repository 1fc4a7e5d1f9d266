/**
 * A small Norwegian abusive-language flag for moderation figures. Deliberately narrow: insults and slurs
 * aimed at people, plus directed profanity ("faen ta dere", "hold kjeft"). Mild swearing used as an
 * intensifier or exclamation ("fy faen for en kommune", "jævlig bra") is not flagged on its own, because
 * counting it would overstate abuse. Matching is on whole tokens and token phrases, so "dust" does not fire
 * on "dusteråd" or "støvsuger", and "hore" not on "horisont".
 */
import { phraseMatcher } from './phrase.js';
import type { Prepared } from './text.js';

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/u));

/** Single-token insults and slurs (bokmål, nynorsk, common spellings). */
const ABUSIVE_WORDS = set(`
  idiot idioten idioter idiotene idiotar idiotane dust dusten duster dustene dustar fitte fitta fitter
  fittetryne kuk kukhue kukhuer pikk pikkhue pikkhuer hore hora horer horeunge drittsekk drittsekker
  drittsekken rasshøl rasshull rævhøl rævhol møkkakjerring kjerringjævel jævel jævler jævla jævlar
  jævlige drittkommune tufs tufser tulling tullinger mongo mongoloid
  evneveik evneveike hjernedød hjernedøde hjerneløse hjernelause retard retarderte neger negre nigger
  svarting svartinger pakkis pakkiser fjols fjolser
  fuck fucking cunt retard moron morons
`);

/** Multi-token phrases, space-padded for whole-word matching on the padded token string. */
const ABUSIVE_PHRASES: readonly string[] = [
  ' faen ta ',
  ' faen ta dere ',
  ' faen i helvete dere ',
  ' dra til helvete ',
  ' gå til helvete ',
  ' fanden ta ',
  ' hold kjeft ',
  ' hald kjeft ',
  ' hold kjeften ',
  ' drit og dra ',
  ' kyss meg i ',
  ' jævla idioter ',
  ' ta livet av ',
  ' fuck you ',
  ' fuck off ',
  ' shut up ',
];

const PHRASES = phraseMatcher(ABUSIVE_PHRASES.map((p) => [p.trim(), [p]] as const));

export function isAbusive(p: Pick<Prepared, 'tokens'>): { abusive: boolean; hits: string[] } {
  const hits: string[] = [];
  for (const t of p.tokens) if (ABUSIVE_WORDS.has(t)) hits.push(t);
  for (const phrase of PHRASES.ids(p.tokens)) hits.push(phrase);
  return { abusive: hits.length > 0, hits };
}

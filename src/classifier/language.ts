/**
 * Language of a citizen item, in three steps (measured in docs/classifier.md):
 *
 * 1. Script. Letters of a non-Latin script decide the language family directly (Arabic script, Cyrillic,
 *    Greek, Armenian, Ethiopic …); letters that only one language of that script uses decide the language
 *    (і ї є ґ → Ukrainian, پ چ ژ گ → Persian). Where the script leaves a choice, franc decides among the
 *    languages of that script.
 * 2. Norwegian and English by function words. Our own vote: nynorsk and dialect markers (ikkje, kva, eg, me,
 *    æ, ka, kem, dokker, koss, endeleg, bilete, sidan, jobbar, words in -leg) against bokmål markers (ikke,
 *    hva, jeg, noe, -lig) against English ones. franc cannot do this: on comment-length text it confuses
 *    bokmål, nynorsk and Danish, and it has no dialect.
 * 3. Other Latin-script languages. A text with no Norwegian or English marker and at least three words, or
 *    with letters Norwegian does not use (ą ę ł ė š ä ö …), goes to franc (the maintained trigram detector,
 *    profiles bundled in the npm package, nothing fetched at run time), restricted to the languages our
 *    residents write. Short marker-less text in Norwegian letters stays bokmål, the majority standard.
 *
 * Text without words (emoji, tags, placeholders) is 'other', and so is text franc cannot place.
 */
import { franc } from 'franc';

/** ISO 639-1 codes this detector returns, plus 'other' (no words, or no confident decision). */
export const LANGS = [
  'nb',
  'nn',
  'en',
  'pl',
  'lt',
  'so',
  'sv',
  'da',
  'de',
  'es',
  'fr',
  'it',
  'pt',
  'nl',
  'fi',
  'et',
  'lv',
  'tr',
  'ro',
  'hr',
  'cs',
  'sk',
  'hu',
  'sq',
  'tl',
  'vi',
  'id',
  'ku',
  'uk',
  'ru',
  'bg',
  'sr',
  'ar',
  'fa',
  'ur',
  'ckb',
  'el',
  'hy',
  'am',
  'ti',
  'he',
  'ka',
  'th',
  'zh',
  'ja',
  'ko',
  'hi',
  'ta',
  'other',
] as const;
export type Lang = (typeof LANGS)[number];

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/u));

const NN = set(`
  ikkje kva kven kvar korleis kvifor kvi eg me dykk dykkar dei ho noko nokon nokre berre frå òg kjem sjå
  vere vera framleis enno heile heilt eit mykje ope opnar opne veit gjeld skule skulen vegen vegar saman
  gong gonger utan fleire kome seie svarar mogleg moglegheit tilsett tilsette att gje hugs ver tidleg
  morgon laurdag sundag måndag sjukeheim sjukeheimen kyrkja kyrkje vatn vatnet straum meir
  gjere gjer vore lurar stengd vart vert meiner meining kor sjølv høyrer heiter søkjer søkje
  leige kostar byrjar fekk gjekk tenkjer eigedomsskatten eigedomsskatt ryddar symjehallen haust hausten
  bur nynorsk kjekt sida nettsida henta brøyta tenester tenestene ventar hjelpa gler no treng trur ein
  kulturskulen plassar eingongsgrill brannforbodet sakspapira klaga saka veke
  æ ka kem kæm dokker dokk koss kossen kofor koffor åffer kjæm ska e ikkje itj sidan bilete biletet
  jobbar endeleg einig heim heime ungane tru trudd eigen eigne eige sei ifrå håpar
  tek finst høyrt høyre ringje nåkka nokka noka nån sommar sommaren ønskjer ynskjer stadfesting tilbod
  betre dagar veker månader gongen hòl ulukke sjøl då fær mæ dæ sæ ittje nånn kvart byggjast
`);
const NB = set(`
  ikke hva hvem hvor hvordan hvorfor jeg noe noen bare fra også kommer se være fortsatt ennå enda hele helt
  mye åpen åpner vet gjelder skole skolen vei veien sammen gang ganger uten flere komme si mulig igjen
  kirken vann vannet strøm dårlig mer gjøre gjør vært lurer mener mening hvilken hvilke hvilket
  selv hører heter søker søke leie koster begynner fikk gikk tenker eiendomsskatten svømmehallen høst
  høsten bor nettsiden hentet brøytet tjenester venter dere deres hun endelig skjer hjem hjemme
  nå ungene
`);
const EN = set(`
  the is are was were when what where why how who which does did could would you your i'm my
  our we they it this that there thank thanks please anyone update love beautiful great lovely such with
  have has of from on been closed open any street yesterday can will a an apply online permit
  still again answer news just me only anymore to need wait can't
`);
/** Common words that tell Ukrainian from Russian where no letter does ("Дуже дякую", "Спасибо за помощь"). */
const UK_WORDS = set(`що як де коли чому дякую будь ласка це та дуже вже ще який яка хто`);
const RU_WORDS = set(`что как где когда почему спасибо пожалуйста это очень уже еще ещё какой какая кто помощь опять`);
/**
 * Function words bokmål and nynorsk share (og, det, er, på, ikke-neutral ones): they say "Norwegian" without
 * saying which standard, and keep marker-less Norwegian ("Kaos i sentrum hver eneste dag") away from franc,
 * which on such short text guesses Spanish or German.
 */
const NO_COMMON = set(`
  og det er på til med som av for den dei de han hun ho vi du da når så her der hver kvar kan skal må får
  har var ble vart blir bli dag godt eneste enn men eller om i
`);
/** Norwegian derivational endings: nynorsk -leg/-lege, bokmål -lig/-lige ("mogleg" / "mulig"). */
const NN_SUFFIX_RE = /..(?:leg|lege|legt|leik|ingane|ande)$|.{4,}(?:ane|ast)$/u;
const NB_SUFFIX_RE = /..(?:lig|lige|ligt|ningen|ningene)$/u;
/** Letters Norwegian does not use: a word with them is not Norwegian (nor English). */
const FOREIGN_LETTERS_RE = /[äöüßąćęłńśźżčšžėįųūőűñçãõğışțăâî]/u;
const NORWEGIAN_LETTERS_RE = /[æøå]/u;
/** Letters that, among the languages residents write, belong to one language only. */
const LETTER_LANGS: ReadonlyArray<readonly [RegExp, Lang]> = [
  [/[łńśźżć]/u, 'pl'],
  [/[ėįųū]/u, 'lt'],
  [/[ğış]/u, 'tr'],
  [/[őű]/u, 'hu'],
  [/[ñ¿¡]/u, 'es'],
];

/** Languages franc chooses among for Latin-script text: what residents of Norwegian municipalities write. */
const LATIN_CANDIDATES = [
  'nob',
  'nno',
  'eng',
  'pol',
  'lit',
  'som',
  'swe',
  'dan',
  'deu',
  'spa',
  'fra',
  'ita',
  'por',
  'nld',
  'fin',
  'est',
  'lvs',
  'tur',
  'ron',
  'hrv',
  'ces',
  'slk',
  'hun',
  'als',
  'tgl',
  'vie',
  'ind',
  'kmr',
];
/** Ukrainian and Russian only: Bulgarian and Serbian profiles win on short Ukrainian text, and are rare here. */
const CYRILLIC_CANDIDATES = ['ukr', 'rus'];
const ETHIOPIC_CANDIDATES = ['amh', 'tir'];
const ISO3_TO_LANG: Readonly<Record<string, Lang>> = {
  nob: 'nb',
  nno: 'nn',
  eng: 'en',
  pol: 'pl',
  lit: 'lt',
  som: 'so',
  swe: 'sv',
  dan: 'da',
  deu: 'de',
  spa: 'es',
  fra: 'fr',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  fin: 'fi',
  est: 'et',
  lvs: 'lv',
  tur: 'tr',
  ron: 'ro',
  hrv: 'hr',
  ces: 'cs',
  slk: 'sk',
  hun: 'hu',
  als: 'sq',
  tgl: 'tl',
  vie: 'vi',
  ind: 'id',
  kmr: 'ku',
  ukr: 'uk',
  rus: 'ru',
  bul: 'bg',
  srp: 'sr',
  amh: 'am',
  tir: 'ti',
};

/** Scripts whose letters settle the language (or its candidates) without counting words. */
const SCRIPTS: ReadonlyArray<readonly [RegExp, (text: string) => Lang]> = [
  [/\p{Script=Arabic}/u, (t) => (/[ێۆڕڵ]/u.test(t) ? 'ckb' : /[ٹڈڑںے]/u.test(t) ? 'ur' : /[پچژگکی]/u.test(t) ? 'fa' : 'ar')],
  [/\p{Script=Cyrillic}/u, cyrillic],
  [/\p{Script=Greek}/u, () => 'el'],
  [/\p{Script=Armenian}/u, () => 'hy'],
  [/\p{Script=Ethiopic}/u, (t) => fromFranc(t, ETHIOPIC_CANDIDATES, 'am')],
  [/\p{Script=Hebrew}/u, () => 'he'],
  [/\p{Script=Georgian}/u, () => 'ka'],
  [/\p{Script=Thai}/u, () => 'th'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, () => 'ja'],
  [/\p{Script=Hangul}/u, () => 'ko'],
  [/\p{Script=Han}/u, () => 'zh'],
  [/\p{Script=Devanagari}/u, () => 'hi'],
  [/\p{Script=Tamil}/u, () => 'ta'],
];
const NON_LATIN_RE = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

function cyrillic(text: string): Lang {
  if (/[іїєґ]/iu.test(text)) return 'uk';
  if (/[ыэъё]/iu.test(text)) return 'ru';
  let uk = 0;
  let ru = 0;
  for (const w of text.split(' ')) {
    if (UK_WORDS.has(w)) uk++;
    if (RU_WORDS.has(w)) ru++;
  }
  if (uk !== ru) return uk > ru ? 'uk' : 'ru';
  return fromFranc(text, CYRILLIC_CANDIDATES, 'ru');
}

function fromFranc(text: string, only: readonly string[], fallback: Lang): Lang {
  const code = franc(text, { only: [...only], minLength: 3 });
  return ISO3_TO_LANG[code] ?? fallback;
}

/** `tokens`: the item's lower-case word tokens (tags, URLs and placeholders already removed). */
export function detectLang(tokens: readonly string[]): Lang {
  if (tokens.length === 0) return 'other';
  const text = tokens.join(' ');
  if (NON_LATIN_RE.test(text)) {
    for (const [re, decide] of SCRIPTS) if (re.test(text)) return decide(text);
  }
  let nn = 0;
  let nb = 0;
  let en = 0;
  let common = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (NO_COMMON.has(t)) common++;
    if (t === 'e' && tokens[i + 1]?.startsWith('post')) continue; // "e-posten", not dialect "e" (is)
    if (NN.has(t)) nn++;
    else if (NB.has(t)) nb++;
    else if (NN_SUFFIX_RE.test(t)) nn++;
    else if (NB_SUFFIX_RE.test(t)) nb++;
    if (EN.has(t)) en++;
  }
  const foreign = FOREIGN_LETTERS_RE.test(text);
  if (foreign && (nn + nb + en <= 1 || !NORWEGIAN_LETTERS_RE.test(text))) {
    for (const [re, lang] of LETTER_LANGS) if (re.test(text)) return lang;
    if (/[ąę]/u.test(text)) return fromFranc(text, ['pol', 'lit'], 'pl'); // both Polish and Lithuanian letters
    return fromFranc(text, LATIN_CANDIDATES, 'other');
  }
  // English needs more than one marker when Norwegian markers are present ("is", "i" and "do" are also
  // Norwegian words), and must outvote them.
  if (en > 0 && en > nb + nn && (en >= 2 || nb + nn + common === 0)) return 'en';
  // Nynorsk markers are the more distinctive ones (bokmål is the default), so a tie goes to nynorsk.
  if (nn > 0 && nn >= nb) return 'nn';
  if (nb > 0) return 'nb';
  if (tokens.length >= 3 && common === 0 && !NORWEGIAN_LETTERS_RE.test(text)) {
    const lang = fromFranc(text, LATIN_CANDIDATES, 'nb');
    return lang === 'nn' || lang === 'da' || lang === 'sv' ? 'nb' : lang;
  }
  return 'nb';
}

/**
 * Language of a citizen item by function-word vote: nynorsk markers against bokmål markers against English
 * ones. Short texts without any marker that are written in Norwegian letters default to bokmål, the majority
 * written standard; text without words (emoji, tags) and text in other languages is 'other'.
 *
 * Why not franc/eld: not installed here, and the research notes (indicators-research.md §5.5) found franc
 * wrong on sentences under ~25 characters, which is most comments.
 */
import type { Lang } from './citizen.js';

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/u));

const NN = set(`
  ikkje kva kven kvar korleis kvifor kvi eg me dykk dykkar dei ho noko nokon nokre berre frå òg kjem sjå
  vere vera framleis enno heile heilt eit mykje ope opnar opne veit gjeld skule skulen vegen vegar saman
  gong gonger utan fleire kome kjem seie svarar mogleg moglegheit tilsett tilsette att gje hugs ver tidleg
  morgon laurdag sundag måndag sjukeheim sjukeheimen kyrkja kyrkje vatn vatnet straum dårleg dårlegare meir
  gjere gjer vore lurar stengd vart vert meiner meining kor korleis sjølv høyrer heiter søkjer søkje
  leige kostar byrjar fekk gjekk tenkjer eigedomsskatten eigedomsskatt ryddar symjehallen haust hausten
  bur nynorsk kjekt sida nettsida henta brøyta tenester tenestene ventar hjelpa gler no treng trur ein
  kulturskulen plassar eingongsgrill brannforbodet sakspapira klaga saka veke
`);
const NB = set(`
  ikke hva hvem hvor hvordan hvorfor jeg noe noen bare fra også kommer se være fortsatt ennå enda hele helt
  mye åpen åpner vet gjelder skole skolen vei veien sammen gang ganger uten flere komme si mulig igjen
  kirken vann vannet strøm dårlig mer gjøre gjør vært lurer mener mening hvilken hvilke hvilket
  selv hører heter søker søke leie koster begynner fikk gikk tenker eiendomsskatten svømmehallen høst
  høsten bor nettsiden hentet brøytet tjenester venter dere deres hun
`);
const EN = set(`
  the is are was were when what where why how who which does did could would you your i'm my
  our we they it this that there thank thanks please anyone update love beautiful great lovely such with
  have has of from on been closed open any street yesterday can will a an apply online permit
`);
// Letters that Norwegian does not use: a word with them is not Norwegian.
const FOREIGN_LETTERS_RE = /[äöüßąćęłńśźżčšžőűñçãõ]/u;

export function detectLang(tokens: readonly string[]): Lang {
  if (tokens.length === 0) return 'other';
  let nn = 0;
  let nb = 0;
  let en = 0;
  for (const t of tokens) {
    if (NN.has(t)) nn++;
    else if (NB.has(t)) nb++;
    if (EN.has(t)) en++;
  }
  // English needs more than one marker when Norwegian markers are present ("is", "i" and "do" are also
  // Norwegian words), and must outvote them.
  if (en > 0 && en > nb + nn && (en >= 2 || nb + nn === 0)) return 'en';
  // Nynorsk markers are the more distinctive ones (bokmål is the default), so a tie goes to nynorsk.
  if (nn > 0 && nn >= nb) return 'nn';
  if (nb > 0) return 'nb';
  if (nn > 0) return 'nn';
  if (FOREIGN_LETTERS_RE.test(tokens.join(' '))) return 'other';
  return 'nb';
}

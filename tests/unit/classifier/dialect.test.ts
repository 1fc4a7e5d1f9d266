/**
 * The cue families added for `learned-3` (nynorsk and dialect question syntax, indirect questions, wishes put to
 * the account, who is addressed). Texts are development texts (tests/fixtures/classifier/dev*.jsonl); the hygiene test
 * in evaluation.test.ts checks that none of them is a held-out text. Each case names the cue that must fire,
 * so a test fails if the cue is removed, not only if the learned weights shift.
 */
import { describe, expect, test } from 'vitest';
import { classifyCitizen } from '../../../src/classifier/citizen.js';

describe('dialect and nynorsk questions need an answer', () => {
  test.each([
    ['E biblioteket ope i romjula', 'v1:e'],
    ['Hentar dei glas og metall same dag som restavfallet', 'v1:hentar'],
    ['Ha dokker fått med dokker at brua e stengt', 'v1:ha'],
    ['Fær vi nåkka svar snart', 'v1:fær'],
    ['Kolles e det med brøytinga på Moan', 'wh-word:kolles'],
    ['Ka dokker tenke å gjer med all snøen i sentrum', 'wh-v3:ka'],
    ['Kor dokker har tenkt å parkere alle bilane når plassen blir bygd ned', 'wh-v3:kor'],
    ['Hadde vore greitt å vite kva tid arbeidet på vegen er ferdig', 'indirect:embedded'],
    ['Vil gjerne ha svar på kvifor søknaden min vart avslått', 'indirect:embedded'],
    ['Det luktar kloakk heile vegen ned mot sjøen, har de sjekka pumpestasjonen', 'v1:har'],
    ['Is the pool open between Christmas and New Year', 'v1:is'],
  ])('%j (%s)', (text, cue) => {
    const c = classifyCitizen(text);
    expect(c.reasons).toContain(cue);
    expect(c.needsAnswer).toBe(true);
  });
});

describe('wishes and demands put to the account are requests', () => {
  test.each([
    ['Håpar de tek tak i dette snart', 'request:hope-you'],
    ['Ønskjer at kommunen ser på parkeringa ved idrettshallen', 'request:hope-you'],
    ['Dokker må sjå på lyset i krysset, det e heilt mørkt', 'request:dere-maa'],
    ['Gjer noko med fartsgrensa forbi barnehagen før det skjer ei ulukke', 'imperative:gjer'],
    ['Ver so snill og strø bakken opp til skulen før ungane skal gå', 'request:vennligst'],
  ])('%j (%s)', (text, cue) => {
    const c = classifyCitizen(text);
    expect(c.reasons).toContain(cue);
    expect(c.needsAnswer).toBe(true);
  });

  test('a wish is not praise, and the "takk" closing a request is politeness', () => {
    for (const t of ['Hadde vore fint om de kunne leggje ut ruteplanen her òg', 'Sett opp en søppelkasse ved badeplassen takk']) {
      const c = classifyCitizen(t);
      expect(c.reasons, t).not.toContain('praise');
      expect(c.needsAnswer, t).toBe(true);
    }
  });

  test('a season is praise only in a greeting', () => {
    expect(classifyCitizen('Opnar symjehallen att etter jul').reasons).not.toContain('praise');
    expect(classifyCitizen('God jul til alle ansatte i kommunen! 🎄').reasons).toContain('praise');
  });
});

describe('who is addressed', () => {
  test('a place after a preposition is not a name at the end', () => {
    const c = classifyCitizen('Hva betyr dette for oss som bor i Hegglia?');
    expect(c.reasons).not.toContain('name-end');
    expect(c.needsAnswer).toBe(true);
  });

  test('"dokker andre" makes the later "dokker" the residents, not the account', () => {
    const c = classifyCitizen('Dokker andre som bur i Nordbygda, har dokker fått vatn att?');
    expect(c.reasons).not.toContain('addresses-account');
    expect(c.needsAnswer).toBe(false);
  });

  test('a page mention keeps its "kommune" / "herad"', () => {
    expect(classifyCitizen('Vet noen når bassenget åpner? @Asker kommune').reasons).toContain('mention-page');
  });

  test('a name before a question to "du"/"vi" is a vocative', () => {
    const c = classifyCitizen('Jonas skal vi ta med ungene dit?');
    expect(c.reasons).toContain('vocative');
    expect(c.needsAnswer).toBe(false);
  });

  test('"noen i kommunen" puts the question to the staff', () => {
    expect(classifyCitizen('Kan nokon i kommunen ta kontakt med meg om byggesaka').reasons).toContain('addresses-account');
  });
});

describe('rhetorical forms stay unanswered', () => {
  test.each([
    ['Kor mange gonger ska vi klage før nokon høyrer', 'rhet:how-many-times'],
    ['Hvor vanskelig kan det være å strø et fortau', 'rhet:how-hard'],
    ['Kor vakkert e det ikkje her i kveld?', 'qmark-exclamative'],
  ])('%j (%s)', (text, cue) => {
    const c = classifyCitizen(text);
    expect(c.reasons).toContain(cue);
    expect(c.needsAnswer).toBe(false);
  });

  test('a wh-clause followed by its main verb is not a dialect question', () => {
    expect(classifyCitizen('Hva som skjer videre får vi se').reasons).not.toContain('wh-som:hva');
  });
});

describe('nynorsk markers of learned-3', () => {
  test.each([
    'Stemmer det at legevakta skal flyttast til nabokommunen',
    'Tek de imot frivillige til julemiddagen på eldresenteret',
    'Bli det strødd i bakkane opp mot Skåla i dag',
    'Fær vi nåkka svar snart',
  ])('%j is nn', (text) => {
    expect(classifyCitizen(text).lang).toBe('nn');
  });
});

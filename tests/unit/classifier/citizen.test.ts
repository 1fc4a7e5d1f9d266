import { describe, expect, test } from 'vitest';
import { classifyCitizen } from '../../../src/classifier/citizen.js';

const needs = (text: string, replyToCitizen = false): boolean => classifyCitizen(text, { replyToCitizen }).needsAnswer;
const reasons = (text: string, replyToCitizen = false): string[] => classifyCitizen(text, { replyToCitizen }).reasons;

describe('question cues', () => {
  test.each([
    ['qmark', 'Bassenget er stengt?'],
    ['wh-word:hvordan', 'hvordan søker jeg om startlån'],
    ['wh-word:hvorfor', 'Hvorfor er ikke gatelysene reparert'],
    ['wh-word:korleis', 'Korleis søkjer eg om plass i barnehagen?'],
    ['wh-word:kva', 'kva kostar det å leige grendahuset'],
    ['wh-word:kvar', 'Kvar kan eg levere hageavfall'],
    ['wh-word:når', 'Når kommer bussen til å gå igjen?'],
    ['wh-word:nar', 'nar apner svommehallen igjen'],
    ['wh-word:hvor', 'hvor mye koster en parkeringstillatelse'],
    ['wh-word:kor', 'kor lenge må vi vente på svar'],
    ['wh-word:koffor', 'Koffor e ikkje veien brøyta'],
    ['wh-word:åssen', 'åssen søke man om plass'],
    ['wh-word:hvilken', 'Hvilken dag er det papirhenting'],
    ['v1:er', 'er det åpent i dag'],
    ['v1:kjem', 'Kjem det nokon og ser på lekkasjen'],
    ['v1:gjelder', 'Gjelder kokevarselet fortsatt for Nordbyen'],
    ['v1:stenger', 'Stenger bassenget i sommerferien'],
    ['v1:eksisterer', 'Eksisterer det en plan for fortau'],
    ['lurer-paa', 'lurer på om bassenget er åpent i jula'],
    ['lurer-paa', 'Eg lurar på kva som skjer med ferja'],
    ['vet-dere', 'Vet dere når søppelet hentes?'],
    ['vil-vite', 'Jeg vil gjerne vite hvem som har godkjent dette'],
    ['spm-label', 'Spørsmål: gjelder brannforbudet engangsgrill'],
    ['svare-paa', 'Hei! Kan noen fra kommunen svare på hvorfor det ikke er strødd i Storgata'],
    ['followup', 'fortsatt ingen svar fra dere'],
    ['followup', 'any update on this'],
  ])('%s fires on %j and the item needs an answer', (cue, text) => {
    const c = classifyCitizen(text);
    expect(c.reasons).toContain(cue);
    expect(c.needsAnswer).toBe(true);
    expect(c.kind).toBe('question');
  });
});

describe('request cues', () => {
  test.each([
    ['request:send-meg', 'Send meg gjerne info på pm'],
    ['request:ring-meg', 'Ring meg på [telefon] angående saken'],
    ['request:gi-beskjed', 'Gi beskjed når vannet er tilbake'],
    ['request:ber-om', 'Ber om at dere ser på dette'],
    ['request:vennligst', 'Vennligst oppdater åpningstidene'],
    ['request:hadde-vaert-fint', 'Hadde vært fint om dere la ut brøyteplanen'],
    ['request:haaper-dere-kan', 'Håper dere kan legge ut info på engelsk'],
    ['request:dere-maa', 'Dere må gjøre noe med farten i Storgata'],
    ['request:dere-maa', 'De må gjere noko med krysset'],
    ['request:onsker-svar', 'Ønsker svar på hvorfor søknaden ble avslått'],
    ['request:could-you', 'Could you fix the street light outside number 12'],
    ['imperative:brøyt', 'Brøyt fortauet ved skolen!!'],
    ['imperative:hugs', 'Hugs å strø ved skulen i morgon'],
    ['imperative:se', 'Se på lekeplassen ved Furulund'],
    ['modal-request', 'Kan dere sjekke gatelyset ved skolen'],
    ['request:trenger-hjelp', 'Trenger hjelp med søknaden om startlån'],
    ['request:dere-maa', 'Dette må dere svare på'],
    ['request:kan-dere', 'Angående brøytinga i Furuveien: kan dere ta en ekstra runde før helga'],
    ['request:gi-beskjed', 'Si ifra når brua er åpen igjen'],
    ['request:gi-beskjed', 'Gjev beskjed når vatnet er trygt att'],
  ])('%s fires on %j and the item is a request that needs an answer', (cue, text) => {
    const c = classifyCitizen(text);
    expect(c.reasons).toContain(cue);
    expect(c.needsAnswer).toBe(true);
    expect(c.kind).toBe('request');
  });
});

describe('false friends', () => {
  test.each([
    ['exclamative', 'Hvor heldige vi er!'],
    ['exclamative', 'Hva en flott dag i sentrum!'],
    ['exclamative', 'For en jobb dere gjør!'],
    ['exclamative', 'Kor fint det har blitt!'],
    ['exclamative', 'Kva for ein flott dag!'],
    ['exclamative', 'What a lovely day!'],
    ['subject-drop', 'Kan ikke få fullrost dette nok'],
    ['subject-drop', 'Har ringt tre ganger uten svar'],
    ['subject-drop', 'Er så lei av dette'],
    ['subject-drop', 'Kommer gjerne!'],
    ['subordinate', 'Når jeg kom dit var det stengt'],
    ['subordinate', 'Når brøytebilen endelig kommer, er det for sent.'],
    ['subordinate', 'Hvordan dere får dette til hvert år er imponerende'],
    ['subordinate', 'Hva som skjer videre får vi se'],
    ['subordinate', 'Hvor enn du går er det fint'],
    ['subordinate', 'When I got there it was closed.'],
    ['rhet:gidder', 'hvorfor gidder jeg i det hele tatt...'],
    ['rhet:bryr-seg', 'Hvem bryr seg?'],
    ['rhet:er-dere-gale', 'Er dere helt gale?'],
    ['rhet:hva-i-all-verden', 'Hva i all verden tenker dere på?!'],
    ['rhet:gaa-an', 'Hvordan kan det gå an å være så dårlig på brøyting'],
    ['rhet:vitsen', 'Hva er vitsen liksom'],
    ['rhet:finne-seg-i', 'Lurer på hvor lenge vi skal finne oss i dette...'],
    ['rhet:skulle-vi-gjort-uten', 'Hva skulle vi gjort uten dere ❤️'],
    ['rhet:skulle-trodd', 'Hvem skulle trodd at det var mulig'],
    ['tag-start', '@Kari Nordmann se her'],
    ['tag-start', '@Per Olsen har du sett denne?'],
    ['name-start', 'Ola Nordmann se her!'],
    ['name-start', 'Lise Berg har du sett?'],
    ['vocative', 'Kari, skal vi gå dit?'],
    ['invitation', 'Noen som har lyst til å bli med på dugnaden på lørdag?'],
    ['spam', 'Vinn et gavekort på 5000 kr! Følg siden vår'],
    ['exclamative', 'Hvilken utsikt!'],
    ['rhet:one-liner', 'Seriøst??'],
    ['rhet:negated-wh', 'Hvem har ikke opplevd å stå i kø en lørdag 😂'],
    ['rhet:negated-wh', 'Hvordan kan man ikke elske denne plassen ❤️'],
    ['rhet:vel-bedre', 'Kva er vel betre enn ein tur i Fjellparken!'],
    ['rhet:hvor-mange-ganger', 'Kor mange gonger skal me måtte seie ifrå om dette'],
    ['rhet:skulle-trodd', 'Who would have thought it, finally a new playground'],
    ['rhet:one-liner', 'Hvem vet'],
    ['public-address', 'Husk refleks, folkens!'],
    ['subject-drop', 'Vet ikke helt hva jeg synes om dette'],
  ])('%s keeps %j from needing an answer', (cue, text) => {
    const c = classifyCitizen(text);
    expect(c.reasons).toContain(cue);
    expect(c.needsAnswer).toBe(false);
  });

  test.each([
    ['emoji-only', '😍😍😍'],
    ['tag-only', '@Kari Nordmann'],
    ['placeholder-only', '[e-post]'],
    ['empty', '   '],
  ])('%s: %j has no words and needs no answer', (cue, text) => {
    const c = classifyCitizen(text);
    expect(c.reasons).toEqual([cue]);
    expect(c).toMatchObject({ needsAnswer: false, kind: 'other', score: 0 });
  });

  test('opinion verbs open subject-dropped statements, not yes/no questions', () => {
    for (const t of ['Håper det blir bedre til neste år', 'Tror det er stengt i dag', 'Synes det ble kjempebra']) {
      expect(needs(t)).toBe(false);
    }
    expect(needs('Eksisterer det en plan for fortau')).toBe(true);
  });

  test('a bare question mark is a nudge to the account, except in a reply to another resident', () => {
    expect(classifyCitizen('??')).toMatchObject({ needsAnswer: true, kind: 'question', reasons: ['nudge'] });
    expect(classifyCitizen('?', { replyToCitizen: true }).needsAnswer).toBe(false);
  });

  test('thanks and praise need no answer', () => {
    for (const t of [
      'Takk for info!',
      'Tusen takk 🙏',
      'Bra jobba alle sammen 👍',
      'God helg til dere også 😊',
      'Godt jobba alle saman!',
    ]) {
      expect(classifyCitizen(t)).toMatchObject({ needsAnswer: false, kind: 'other' });
    }
  });

  test('a complaint without a question is a complaint that needs no answer', () => {
    for (const t of [
      'Det er en skandale at veien ikke er brøytet',
      'Fortsatt ikke strødd i bakken ved barnehagen',
      'takk for ingenting 🙄',
    ]) {
      expect(classifyCitizen(t)).toMatchObject({ needsAnswer: false, kind: 'complaint' });
    }
  });

  test('a complaint that asks something is kind complaint and still needs an answer', () => {
    expect(classifyCitizen('Når skal dere brøyte?')).toMatchObject({ needsAnswer: true, kind: 'question' });
    for (const [cue, t] of [
      ['wh-word:hvem', 'Skandale at det ikke er strødd! Hvem har ansvaret for dette?'],
      ['qmark', 'vannet borte igjen?'],
      ['wh-word:kvifor', 'kvifor er vegen ikkje brøyta'],
      ['wh-word:hvorfor', 'Hvorfooor er det ikke brøytet'],
      ['imperative:sjekk', 'Sjekk kumlokket i Parkveien, det ligger løst'],
    ] as const) {
      const c = classifyCitizen(t);
      expect(c, t).toMatchObject({ needsAnswer: true, kind: 'complaint' });
      expect(c.reasons, t).toContain(cue);
    }
    expect(needs('fortsatt ingen svar?')).toBe(true);
  });
});

describe('addressee', () => {
  test('a question in a reply to another resident is addressed to that resident', () => {
    const c = classifyCitizen('Vet du når den åpner?', { replyToCitizen: true });
    expect(c).toMatchObject({ needsAnswer: false, kind: 'question' });
    expect(c.reasons).toContain('reply-to-citizen');
    expect(needs('Vet dere når den åpner?')).toBe(true);
  });

  test('"dere andre" addresses the other residents, not the account', () => {
    expect(needs('Vet dere andre om det er åpent?', true)).toBe(false);
    expect(needs('Vet dere om det er åpent?', true)).toBe(true);
  });

  test('"går det an å …" is a real question, "kan det gå an" rhetorical', () => {
    expect(needs('Korleis går det an å få tak i papirutgåva av kommunekalenderen')).toBe(true);
    expect(needs('Hvordan kan det gå an å være så sen')).toBe(false);
  });

  test('"Vet ikke jeg" is a statement; "Er ikke dette ulovlig?" a question', () => {
    expect(needs('Vet ikke jeg, men det så bra ut')).toBe(false);
    expect(needs('Er ikke dette ulovlig?')).toBe(true);
  });

  test('a reply that addresses the municipality still needs an answer', () => {
    expect(needs('Kan kommunen svare på dette? Jeg lurer på det samme', true)).toBe(true);
    expect(reasons('Kan kommunen svare på dette? Jeg lurer på det samme', true)).toContain('addresses-account');
    expect(needs('Vet dere i kommunen om dette stemmer?', true)).toBe(true);
  });

  test('an @-mention of the page addresses the account', () => {
    const c = classifyCitizen('@Lillevik kommune hvor lenge skal veien være stengt?');
    expect(c.needsAnswer).toBe(true);
    expect(c.reasons).toContain('mention-page');
  });
});

describe('robustness on real-world comment shapes', () => {
  test.each([
    'Når kommer bussen til å gå igjen?',
    'lurer på om bassenget er åpent i jula',
    'Hei! Kan noen fra kommunen svare på hvorfor det ikke er strødd i Storgata',
    'Vet dere når søppelet hentes?',
    'Ber om at dere ser på dette',
    'Send meg gjerne info på pm',
    'fortsatt ingen svar?',
    'Korleis søkjer eg om plass i barnehagen?',
    'Kvar kan eg levere hageavfall',
    'NÅR SKAL DERE BRØYTE VEIEN VÅR???',
    '🤔 når kommer de nye søppelkassene',
    'Hvorfor er ikke søppelet hentet enda?? Tredje uka nå',
    'Takk for info! Gjelder dette også for Vestbyen?',
    'når  kommer\r\nbrøytebilen',
    'Når åpner biblioteket ?',
    'Hva er åpningstidene på gjenvinningsstasjonen i romjulen?',
  ])('%j needs an answer', (text) => {
    expect(needs(text)).toBe(true);
  });

  test('decomposed å (a + combining ring) is normalised', () => {
    expect(classifyCitizen('Na\u030Ar a\u030Apner biblioteket').reasons).toContain('wh-word:når');
  });

  test('score is a probability and grows with the evidence', () => {
    const none = classifyCitizen('Hei!').score;
    const one = classifyCitizen('Biblioteket?').score;
    const two = classifyCitizen('Når åpner biblioteket?').score;
    // Strictly ordered by evidence (no signal < a question mark < a question word and a question mark), and
    // strictly inside (0, 1): a raw logit, a clamp or a NaN fails here.
    expect(none).toBeGreaterThan(0);
    expect(none).toBeLessThan(0.5);
    expect(one).toBeGreaterThan(none);
    expect(two).toBeGreaterThan(one);
    expect(two).toBeLessThan(1);
  });

  test('is deterministic and reports the language', () => {
    const a = classifyCitizen('Kva tid opnar symjehallen att?');
    expect(classifyCitizen('Kva tid opnar symjehallen att?')).toEqual(a);
    expect(a.lang).toBe('nn');
  });
});

describe('minimal pairs (one feature changes the answer)', () => {
  test.each([
    ['Når kommer bussen?', 'Når bussen kommer, er det for seint.'],
    ['Har dere brøytet?', 'Har brøytet selv, takk for ingenting.'],
    ['Hvor kan jeg levere hageavfall', 'Hvor heldige vi er som har gjenvinningsstasjon'],
    ['Kva tid opnar biblioteket', 'Kva for ein flott dag!'],
    ['Er det åpent i dag', 'Er så lei av at det er stengt'],
    ['Kan dere svare?', 'Kan ikke få fullrost dere nok'],
    ['Vet dere når den åpner?', '@Kari Nordmann vet du når den åpner?'],
    ['Hvorfor svarer dere ikke?', 'hvorfor gidder jeg i det hele tatt å spørre...'],
    ['Lurer på om bassenget er åpent', 'Lurte på det samme, men fant svaret. Takk!'],
    ['Send meg skjemaet', 'Sendte dere skjemaet i går'],
    ['Husk å strø ved skolen', 'Husker da vi akte i bakken der'],
  ])('%j needs an answer; %j does not', (yes, no) => {
    expect(classifyCitizen(yes).needsAnswer).toBe(true);
    expect(classifyCitizen(no).needsAnswer).toBe(false);
  });
});

/**
 * Word lists for the rule classifiers: bokmål, nynorsk, common dialect and no-diacritics spellings, and a
 * little English. All entries are lower-case and NFC. Sources: the rule families in
 * `../shared/reference/indicators-research.md` §5.3, standard grammar, and our own labelled dev set
 * (`tests/fixtures/classifier/dev.jsonl`). Changing an entry changes behaviour: bump CLASSIFIER_VERSION.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/u));

/**
 * why / how / who / what / which: at the start of a sentence these are (almost) never subordinators, so they
 * mark a question even without "?" unless a subject pronoun follows (an embedded clause: "Hvordan dere får
 * dette til er imponerende").
 */
export const WH_STRONG = set(`
  hvorfor hvofor hvorfør hvorfo hvrofor kvifor kvi koffor kofor koffer kaffor åffer åffor
  hvordan hvorden hvordn hordan hvorledes korleis koleis koss kossen åssen åssn korsn kossn kåss kordan kolles
  korfor koffør kåffår kåfor
  hvem hvæm kven kem kæm
  hva hvaa ka kva kå ke
  hvilken hvilket hvilke kva-for
  why how who what which
`);

/**
 * when / where / how-much: also common subordinators ("Når jeg kom dit …"), so they mark a question only
 * when a finite verb follows (V2), optionally after a degree word ("hvor lenge varer …").
 */
export const WH_AMBIGUOUS = set(`når nar naar hvor kor kvar kår when where`);

/** Degree or time words that may sit between an ambiguous wh-word and its verb: "kor lenge", "kva tid". */
export const WH_DEGREE = set(`mye mange lenge ofte langt stor store mykje tid tidlig seint sent lang long much many often far`);

/** Finite verbs seen in questions (present and past; bokmål, nynorsk, dialect, English auxiliaries). */
export const FINITE_VERBS = set(`
  er var blir ble vert vart har hadde kan kunne skal skulle ska vil ville må måtte bør burde får fikk fekk
  går gikk gjekk kommer kom kjem kjæm gjelder gjeld stemmer finnes fins finst vet veit trenger treng trengs
  koster kostar åpner opnar stenger stengjer skjer skjedde holder held tar tek gjør gjer gjorde ser sjår
  sier seier betyr tyder hentes tømmes brøytes strøs åpnes opnast stenges begynner byrjar starter startar
  slutter varer ligger ligg står hører høyrer heter heiter mener meiner tenker tenkjer passer passar funker
  fungerer virker gir gjev kjører køyrer stopper stoppar svarer svarar brøyter henter hentar tømmer tømer
  søker søkjer klager klagar melder eksisterer lønner lages bygges gjelde e æ bli begynne bestemme åpne
  ska sko ha fær finn hentar opne
  is are was were can could will would do does did has have should shall isn't aren't wasn't hasn't haven't
  doesn't don't didn't can't won't
`);

/** Subject pronouns and determiners: after a wh-word they reveal a subordinate clause; after a verb, a V1 question. */
export const SUBJECT_PRONOUNS = set(`
  jeg du vi dere de han hun det den dette denne disse man eg me dykk ho dei ein nokon noen en
  dokker dokk dåkker æ dæm dem hu
  i you we they he she it there this that someone anyone anybody
`);

/** Nouns that are subjects of V1 questions even though they have no definite ending. */
export const SUBJECT_NOUNS = set(`kommunen kommuna kommune folk alle nokon noen ingen servicetorget rådhuset`);

/**
 * Verbs that open yes/no questions (V1: "Er det …", "Kjem bussen …"). A following subject is required,
 * because social-media Norwegian drops the subject in statements ("Har ringt tre ganger", "Er så lei").
 */
export const V1_VERBS = set(`
  er var blir ble vert vart har hadde kan kunne skal skulle vil ville må bør burde får fikk går kommer kjem
  gjelder gjeld stemmer finnes fins finst vet veit trenger treng koster kostar åpner opnar stenger stengjer
  holder held tar tek gjør gjer betyr tyder hentes tømmes brøytes begynner byrjar starter startar varer
  ligger ligg passer passar fungerer funker eksisterer skjer
  e bli ska sko ha fær kjæm køyrer kjører hentar henter tømmer tømer søker søkjer
  is are was were can could will would do does did has have should isn't aren't doesn't
`);

/** Auxiliaries that take a participle ("Har brøytet selv"): for V1 they need a pronoun or known subject noun. */
export const PARTICIPLE_AUX = set(`har hadde fikk fekk has have had`);

/** Imperatives that open a request ("Send meg …", "Brøyt vegen …"). */
export const IMPERATIVES = set(`
  send ring gi gje svar sjekk fiks rydd brøyt strø kontakt hjelp oppdater legg fjern stopp husk hugs meld
  informer publiser vurder skriv forklar fortell reparer merk flytt tøm hent
  call fix check please update tell
`);

/** Imperatives that only make a request with a particular next word: "ta kontakt", "se på", "sett opp". */
export const IMPERATIVE_WITH_NEXT: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['ta', set('kontakt tak')],
  ['se', set('på til')],
  ['sjå', set('på til')],
  ['sett', set('opp')],
  ['gjør', set('noe noko nåkka noka')],
  ['gjer', set('noe noko nåkka noka')],
]);

/** Leading words skipped before the sentence-start rules: greetings, address forms, conjunctions. */
export const LEADING_SKIP = set(`
  hei hallo heisann heia hey hi hello halla morn god dag kommune kommunen men og ok okei vel asså altså
`);

/** Words that address the municipality rather than another resident. */
export const ACCOUNT_ADDRESS = set(`kommunen kommuna kommune dere deres dykk dykkar servicetorget council municipality`);

/** Words that make a sentence-initial capitalised word not a name (for the "Kari Nordmann se her" rule). */
export const NOT_NAMES = set(`
  hei hallo god godt gode takk tusen heia gratulerer velkommen fortsatt framleis kommunen dere de det
  hvorfor hvordan hva hvem hvor når kva kven kvar korleis kvifor kan vil skal er har the
`);

/**
 * Phrase cues, matched against the space-padded token string of a sentence. Keys are the stable cue ids
 * reported in `reasons`; every phrase is given with surrounding spaces so that it only matches whole words.
 */
export const INDIRECT_QUESTION: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['lurer-paa', [' lurer på ', ' lurar på ', ' lure på om ', ' lurer litt på ', ' lurte på om ', ' wondering ']],
  ['noen-som-vet', [' noen som vet ', ' noen som veit ', ' nokon som veit ', ' nokon som vet ', ' noen som har fått ', ' noen som kan svare ', ' nokon som kan svare ', ' noen som har peiling ', ' noen som vet noe ']],
  ['vet-noen', [' vet noen ', ' veit noen ', ' veit nokon ', ' vet nokon ', ' does anyone know ', ' anyone know ']],
  ['vet-dere', [' vet dere ', ' veit dere ', ' veit de ', ' veit dykk ', ' vet kommunen ', ' veit kommunen ', ' do you know ']],
  ['vil-vite', [' vil gjerne vite ', ' vil gjerne vete ', ' ønsker å vite ', ' ønskjer å vite ', ' vil vite ', ' fint å få vite ', ' would like to know ']],
  ['spm-label', [' et spørsmål ', ' eit spørsmål ', ' spørsmål til ', ' spm til ', ' a question ']],
  ['svare-paa', [' svare på hvorfor ', ' svare på hva ', ' svare på hvordan ', ' svare på når ', ' svare på kvifor ', ' svare på kva ', ' svare på korleis ', ' svare på dette ', ' svara på ', ' svare meg ', ' gi svar ', ' gje svar ']],
  ['followup', [' fortsatt ingen svar ', ' fremdeles ingen svar ', ' framleis ikkje svar ', ' framleis ingen svar ', ' nytt om saken ', ' nytt i saken ', ' any update ', ' any news ', ' ingen svar enda ', ' ingen svar ennå ']],
];

export const REQUEST_PHRASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['send-meg', [' send meg ', ' sende meg ', ' send oss ', ' sende oss ', ' send me ']],
  ['ring-meg', [' ring meg ', ' ringe meg ', ' ringer meg ', ' ring oss ', ' call me ']],
  ['kontakt-meg', [' kontakt meg ', ' kontakte meg ', ' ta kontakt med meg ', ' ta kontakt ', ' contact me ']],
  ['gi-beskjed', [' gi beskjed ', ' gje beskjed ', ' gjev beskjed ', ' si ifra ', ' si fra ', ' si ifrå ', ' sei ifrå ', ' sei frå ', ' gi oss et varsel ', ' gi oss beskjed ', ' gje oss beskjed ', ' gi meg beskjed ', ' gje meg beskjed ', ' gi lyd ', ' gi tilbakemelding ', ' gje tilbakemelding ', ' gi en tilbakemelding ', ' let me know ', ' let us know ']],
  ['ber-om', [' ber om ', ' ber dere ', ' ber kommunen ', ' ber de ']],
  ['vennligst', [' vennligst ', ' venligst ', ' vær så snill ', ' vær snill ', ' ver så snill ', ' ver snill ', ' ver so snill ', ' vær so snill ', ' er dere snille ', ' er de snille ', ' please ', ' kindly ', ' pls ']],
  ['hadde-vaert-fint', [' hadde vært fint ', ' hadde vært flott ', ' hadde vært greit ', ' hadde vært bra ', ' hadde vært fint ', ' hadde vore fint ', ' hadde vore flott ', ' hadde vore greit ', ' hadde vore kjekt ', ' hadde vært kjekt ', ' would be great if ']],
  ['haaper-dere-kan', [' håper dere kan ', ' håper dere vil ', ' håpar de kan ', ' håper de kan ', ' håper kommunen ']],
  ['kan-dere', [' kan dere ', ' kunne dere ', ' vil dere ', ' ville dere ', ' kan dykk ', ' kan kommunen ', ' kunne kommunen ']],
  ['dere-maa', [' dere må ', ' dere bør ', ' kommunen må ', ' kommunen bør ', ' dykk må ', ' må dere ', ' bør dere ', ' må kommunen ']],
  ['trenger-hjelp', [' trenger hjelp ', ' treng hjelp ', ' trenger litt hjelp ', ' need help ']],
  ['onsker-svar', [' ønsker svar ', ' ønskjer svar ', ' vil ha svar ', ' krever svar ', ' ønsker tilbakemelding ', ' forventer svar ', ' ser frem til svar ', ' ser fram til svar ', ' ser frem til et svar ', ' ser fram til eit svar ']],
  ['could-you', [' could you ', ' can you ', ' would you ', ' could someone ']],
];

/** Rhetorical questions and complaints dressed as questions (demote to complaint). */
export const RHETORICAL: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['rhet:bryr-seg', [' bryr seg ', ' bry seg ', ' who cares ']],
  ['rhet:le-eller-graate', [' le eller gråte ', ' laugh or cry ']],
  ['rhet:er-dere-gale', [' er dere helt gale ', ' er dere gale ', ' er dere helt koko ', ' er dere koko ', ' er dere helt sprø ', ' er dere sprø ', ' er dere gærne ', ' er de heilt gale ', ' er de gale ', ' er dere idioter ']],
  ['rhet:hva-i-all-verden', [' hva i all verden ', ' kva i all verda ', ' hva i himmelens navn ', ' hva faen ', ' kva faen ', ' ka faen ', ' hva pokker ', ' hva søren ', ' hva fanden ']],
  ['rhet:gaa-an', [' kan det gå an ', ' kan det gå ann ', ' korleis kan det gå an ']],
  ['rhet:gidder', [' gidder ', ' gidd ', ' gidde ', ' giddar ']],
  ['rhet:vitsen', [' hva er vitsen ', ' kva er vitsen ', ' hva er poenget ', ' whats the point ', ' what s the point ']],
  ['rhet:finne-seg-i', [' finne oss i ', ' finne seg i ', ' finne meg i ', ' finna oss i ']],
  ['rhet:skulle-vi-gjort-uten', [' skulle vi gjort uten ', ' skulle me gjort utan ', ' skulle vi gjøre uten ', ' skulle me gjere utan ']],
  ['rhet:skulle-trodd', [' skulle trodd ', ' skulle tru ', ' skulle tro ', ' kunne trodd ', ' kunne tru ', ' kunne tro ', ' would have thought ', ' would ve thought ']],
  ['rhet:vel-bedre', [' vel bedre ', ' vel betre ', ' vel finere ', ' vel finare ', ' vel koseligere ']],
  ['rhet:hvor-mange-ganger', [' hvor mange ganger skal ', ' hvor mange ganger må ', ' kor mange gonger skal ', ' kor mange gonger må ', ' kor mange ganger skal ', ' how many times ']],
];

/** Complaint cues (for `kind` only; they do not remove a question). */
export const COMPLAINT_WORDS = set(`
  skandale skandaløst elendig elendige håpløst håplaust pinlig flaut uakseptabelt uakseptabel lei sint
  misfornøyd misnøgd klage klager typisk kaos sinnsykt sinnssykt latterlig latterleg dårlig dårleg
  dårligere dårlegare inkompetent inkompetente amatører tull tullete forferdelig forferdeleg skuffet skuffa
  hull hol uten utan fortsatt framleis enda enno
`);
export const COMPLAINT_PHRASES: readonly string[] = [' takk for ingenting ', ' ikke brøytet ', ' ikkje brøyta ', ' ikke strødd ', ' ikkje strødd ', ' ikke hentet ', ' ikke tømt ', ' uten svar ', ' utan svar ', ' bryr seg ikke ', ' burde vært ', ' igjen '];
export const COMPLAINT_EMOJI: readonly string[] = ['😡', '🤬', '🙄', '👎', '😤', '😠'];

/** Thanks, praise and greetings. */
export const PRAISE_WORDS = set(`
  takk tusen flott flotte fantastisk fantastiske supert super kjempebra kjempefint bra heia gratulerer
  nydelig nydelige koselig herlig herleg fint fine vakkert vakker godt jobba jobbet stolt stolte
  imponerende imponert glad gleder gler endelig enig hurra thanks thank
  great lovely love beautiful nice awesome wonderful
`);
export const PRAISE_EMOJI: readonly string[] = ['❤', '👍', '👏', '🙏', '😍', '🥰', '😊', '🙂', '💚', '💙', '🎄', '🎉', '😄', '😃', '🤩'];

/**
 * Seasons and holidays are praise only in a greeting ("God jul!", "Riktig god helg", "Happy new year"), not in
 * a question about them ("Opnar symjehallen att etter jul").
 */
export const SEASONS = set(`jul julen helg helga helgen nyttår påske påsken sommer sommar sommaren sommeren year christmas`);
export const SEASON_GREETING = set(`god godt gode riktig fin fint flott fine happy merry nyt`);

/** Spam cues. */
export const SPAM_PHRASES: readonly string[] = [' vinn et ', ' vinn en ', ' vinn ei ', ' gratis iphone ', ' gavekort ', ' følg siden ', ' link i bio ', ' lenken i profilen ', ' klikk her ', ' crypto ', ' bitcoin '];

/** Invitations to other residents ("Noen som vil bli med på dugnaden?"): not addressed to the account. */
export const RESIDENT_INVITATION: readonly string[] = [' noen som har lyst ', ' noen som vil bli med ', ' noen som blir med ', ' nokon som vil bli med ', ' nokon som har lyst ', ' hvem blir med ', ' kven blir med '];

/**
 * Question words of the other languages residents write, at the start of a sentence or clause: Polish,
 * Lithuanian, Somali, Swedish, Danish, German, Spanish, French, Turkish, Finnish, Ukrainian, Russian, Arabic.
 * Yes/no particles (czy, ar, ma, чи, هل) count too: they open a question the way a verb does in Norwegian.
 */
export const FOREIGN_WH = set(`
  kiedy gdzie jak czy ile dlaczego kto co który która jaki jaka czemu
  kada kur kaip ar kiek kodėl kodel kas koks kokia
  goorma halkee xaggee sidee ma maxay maxaa immisa yaa miyaa
  när hur varför vem vad vilken vilket hvornår
  wann wo wie warum wer welche gibt
  cuándo cuando dónde donde cómo como qué que cuánto cuanto
  où quand comment pourquoi combien est-ce
  ne nerede nasıl neden kim hangi
  milloin missä miten miksi kuka mikä onko
  коли де як чи скільки чому хто що який когда где как почему сколько кто что ли
  متى أين اين كيف هل كم لماذا ماذا من ما
`);

/** Politeness words that make a request in the other languages ("Proszę o …", "Fadlan …", "Будь ласка"). */
export const FOREIGN_REQUEST = set(`
  proszę prosze prašau prasau fadlan bitte por favor favor plis пожалуйста прошу ласка فضلك فضلكم أرجو ارجو الرجاء
`);

/**
 * Questions put to the other residents rather than the account: "noen som …", "er det flere som …",
 * "anyone …". They ask, but the municipality is not the one asked, unless the text also addresses it.
 */
export const RESIDENT_QUESTION: readonly string[] = [
  ' noen som ', ' nokon som ', ' nån som ', ' noen andre ', ' nokon andre ', ' er det flere ', ' er det fleire ',
  ' flere enn meg ', ' fleire enn meg ', ' vet noen ', ' veit noen ', ' veit nokon ', ' vet nokon ', ' har noen ',
  ' har nokon ', ' hvem andre ', ' kven andre ', ' dere andre ', ' dykk andre ', ' de andre ', ' dokker andre ', ' er det folk som ', ' noen her som ', ' nokon her som ', ' nån her som ', ' anyone here ',
  ' anyone ', ' anybody ', ' does anyone ', ' is anyone ', ' anyone else ', ' who else ', ' ktoś ', ' ktos ',
  ' хтось ', ' кто-нибудь ', ' أحد ', ' احد ', ' qof ', ' kas nors ', ' någon ', ' jemand ',
];

/** First-person plural subjects: "Skal vi …", "Kor heldige er me …" ask the speaker's own group, not the account. */
export const WE_SUBJECTS = set(`vi me mæ oss we`);

/** Second person singular: a question with "du" is put to one resident ("Kommer du?"). */
export const YOU_SINGULAR = set(`du deg din ditt dine dæ`);

/** Comparatives in "bedre enn dette", "finare enn" (rhetorical praise or complaint in question form). */
export const COMPARATIVES = set(`bedre betre finere finare vakrere vakrare verre større better nicer worse more`);

/** Counterfactual "hadde trodd", "skulle tru", "would have thought": asking nothing. */
export const COUNTERFACTUAL_VERBS = set(`trodd trudd tro tru tenkt trott drømt drøymt visst gjettet gjetta thought imagined guessed believed expected`);
export const COUNTERFACTUAL_AUX = set(`hadde skulle kunne ville would could`);

/** "Er det bare jeg som …", "Is it just me": a rhetorical appeal to agreement. */
export const ONLY_ME: readonly string[] = [' bare jeg som ', ' bare meg som ', ' berre eg som ', ' berre meg som ', ' bare æ som ', ' berre æ som ', ' just me ', ' only one who ', ' only one that '];

/** Emoji of delight and laughter (praise), and of irritation (complaint). */
export const POSITIVE_EMOJI: readonly string[] = ['😍', '🥰', '❤', '😄', '😃', '🤩', '👏', '💪', '☀', '🌞', '😂', '🤣', '😅', '💚', '💙', '🎉', '👍'];
/** A smile is as often politeness around a real question ("Hei kommunen 🙂 Når kommer …") as delight: its own feature. */
export const SMILE_EMOJI: readonly string[] = ['🙂', '😊'];

/**
 * Words that state a problem (for `kind: complaint`, whether or not the item also asks): damage, danger,
 * outages, waiting, and the complaint vocabulary of the other languages.
 */
export const PROBLEM_WORDS = set(`
  ødelagt ødelagte øydelagt øydelagd hull hullene hol hòl hòlet hola farlig farleg livsfarlig livsfarleg
  glatt glatte lukter luktar stinker mørkt mørk sløkt slukket slukka borte brunt lekkasje vasslekkasje
  kloakk overfylt forsinket forseinka innstilt ulykke sklir skli dett falt datt rotter støy
  ingen ingenting aldri ventet venta ventar venter uker veker måneder månader dager dagar
  again still broken dangerous disgrace ridiculous worst terrible awful mess nobody never late
  znowu wstyd tragedia fatalnym fatalny masakra żenada nikt nie
  знову жах жахливо ніхто немає опять ужас никто нет
  سيئة سيء مزعج لا أحد معطلة
  xun dhib qofna ma
  vėl baisu siaubas niekas neveikia
`);

/**
 * Every text the simulator writes, with its ground-truth label next to it.
 *
 * `needsAnswer` is the honest answer to: "if a resident wrote this on the municipality's account, is it a
 * question or request addressed to the municipality that deserves a reply?" Questions put to another resident
 * ("{name} er dette noe for oss?"), exclamatives that look like questions ("Hvor heldige vi er!"), complaints
 * without a question, praise, tags and emoji are `false`. A bare "?" after an unanswered question is a nudge
 * addressed to the municipality and is `true`. Owner texts are never questions.
 *
 * Slots, filled by the generator: {facility} {Facility} {place} {name} (another resident's full name)
 * {first} (first name of the person answered) {fnr} {phone} {email} {kommune} {kslug} {day}.
 */

export type Lang = 'nb' | 'nn' | 'en';

export type CommentKind =
  | 'question'
  | 'request'
  | 'complaint'
  | 'praise'
  | 'exclamative'
  | 'tag'
  | 'emoji'
  | 'thanks'
  | 'greeting'
  | 'nudge'
  | 'resident_reply'
  | 'resident_question'
  | 'statement';

export type CommentTemplate = { kind: CommentKind; needsAnswer: boolean; lang: Lang; text: string };

export type PostKind = 'service_info' | 'event' | 'crisis' | 'job' | 'smalltalk' | 'dialogue_invitation';
export const POST_KINDS: readonly PostKind[] = [
  'service_info',
  'event',
  'crisis',
  'job',
  'smalltalk',
  'dialogue_invitation',
];

export type PostTemplate = { kind: PostKind; lang: Lang; text: string; title: string };

export type OwnerReplyKind = 'answer' | 'forward' | 'thanks' | 'privacy';
export type OwnerReplyTemplate = { kind: OwnerReplyKind; lang: Lang; text: string };

const c = (kind: CommentKind, needsAnswer: boolean, lang: Lang, text: string): CommentTemplate => ({
  kind,
  needsAnswer,
  lang,
  text,
});

export const COMMENT_TEMPLATES: readonly CommentTemplate[] = [
  // ── bokmål: questions (true) ──
  c('question', true, 'nb', 'Når åpner {facility} igjen?'),
  c('question', true, 'nb', 'lurer på når {facility} åpner igjen'),
  c('question', true, 'nb', 'Når kommer brøytebilen?'),
  c('question', true, 'nb', 'Når kommer brøytebilen til {place}? Har ikke sett den på tre dager'),
  c('question', true, 'nb', 'Hvorfor er det ikke strødd i {place}?'),
  c('question', true, 'nb', 'Er {facility} åpent i påsken?'),
  c('question', true, 'nb', 'Gjelder dette også for hytteeiere?'),
  c('question', true, 'nb', 'hvor kan man levere hageavfall nå'),
  c('question', true, 'nb', 'Hva er åpningstidene på {facility} i sommer?'),
  c('question', true, 'nb', 'Vet dere når vannet kommer tilbake i {place}?'),
  c('question', true, 'nb', 'Kan dere si noe om når veien åpner igjen'),
  c('question', true, 'nb', 'Er det mulig å søke etter fristen?'),
  c('question', true, 'nb', 'Hvem kan jeg kontakte om byggesaken min? Ring meg gjerne på {phone}'),
  c('question', true, 'nb', 'Har dere fått søknaden min? mitt fnr er {fnr}'),
  c('question', true, 'nb', 'Skjer det noe med gatelysene i {place} snart?'),
  c('question', true, 'nb', 'Blir det kveldsåpent på {facility}?'),
  c('question', true, 'nb', 'Hvorfor svarer ingen på telefonen hos servicetorget?'),
  c('question', true, 'nb', 'Kommer det mer informasjon om dette?'),
  c('question', true, 'nb', 'Hvordan melder jeg på barna?'),
  c('question', true, 'nb', 'Må man ha med legitimasjon?'),
  c('question', true, 'nb', 'når blir søppelet hentet denne uka pga helligdagen'),
  c('question', true, 'nb', 'Er det gratis?'),
  c('question', true, 'nb', 'Hva skjer med {facility} nå som budsjettet er kuttet?'),
  c('question', true, 'nb', 'Lurer på om dere har tenkt å gjøre noe med trafikken ved {place}'),
  c('question', true, 'nb', 'Kan man parkere ved {facility} under arrangementet?'),
  c('question', true, 'nb', 'Finnes det tilrettelegging for rullestol?'),
  c('question', true, 'nb', 'Hei kommune, hvor lenge varer stengingen?'),
  c('question', true, 'nb', 'Er det noen som jobber med saken eller har dere glemt oss?'),
  // ── bokmål: requests (true) ──
  c('request', true, 'nb', 'Send meg info om søknadsfrist'),
  c('request', true, 'nb', 'Ber om at dere rydder gangveien i {place}, den er livsfarlig'),
  c('request', true, 'nb', 'Kan noen fra kommunen ringe meg? {phone}'),
  c('request', true, 'nb', 'Vennligst legg ut informasjonen på engelsk også'),
  c('request', true, 'nb', 'Send gjerne svar til {email}'),
  c('request', true, 'nb', 'Dere må måke fortauet ved {place} før noen skader seg'),
  c('request', true, 'nb', 'Ta kontakt med meg på {email} angående saken, fødselsnummer {fnr}'),
  c('request', true, 'nb', 'Fiks hullene i veien ved {place} snarest'),
  // ── bokmål: complaints without a question (false) ──
  c('complaint', false, 'nb', 'Elendig brøyting i {place} i år. Igjen.'),
  c('complaint', false, 'nb', 'Det er helt uakseptabelt at {facility} er stengt enda en gang'),
  c('complaint', false, 'nb', 'Tredje gang denne måneden at søpla ikke blir hentet 😡'),
  c('complaint', false, 'nb', 'Skuffende. Vi betaler nok eiendomsskatt i denne kommunen.'),
  c('complaint', false, 'nb', 'Kommunen sover i timen som vanlig'),
  c('complaint', false, 'nb', 'Bilistene kjører altfor fort forbi {place}, noen kommer til å bli skadet'),
  // ── bokmål: praise, exclamatives, tags, emoji (false) ──
  c('praise', false, 'nb', 'Så flott!'),
  c('praise', false, 'nb', 'Tusen takk for god informasjon 👍'),
  c('praise', false, 'nb', 'Fantastisk innsats av alle som jobber på {facility}!'),
  c('praise', false, 'nb', 'Endelig! Gleder meg'),
  c('praise', false, 'nb', 'Bra jobba kommunen 👏'),
  c('praise', false, 'nb', 'Takk for at dere holder oss oppdatert'),
  c('exclamative', false, 'nb', 'Hvor heldige vi er!'),
  c('exclamative', false, 'nb', 'Hvor flott det ble!'),
  c('exclamative', false, 'nb', 'Så fint det er i {place} nå!'),
  c('exclamative', false, 'nb', 'Hvilken utsikt!'),
  c('exclamative', false, 'nb', 'For en dag!'),
  c('tag', false, 'nb', '@{name} se her'),
  c('tag', false, 'nb', '{name} dette må vi få med oss!'),
  c('tag', false, 'nb', '@{name} 😍'),
  c('tag', false, 'nb', '{name} er dette noe for oss?'),
  c('tag', false, 'nb', '{name} skal vi ta med ungene?'),
  c('emoji', false, 'nb', '👍'),
  c('emoji', false, 'nb', '❤️❤️'),
  c('emoji', false, 'nb', '😂😂😂'),
  c('emoji', false, 'nb', '👏👏'),
  c('emoji', false, 'nb', '🙏'),
  c('statement', false, 'nb', 'Vi var der i fjor, kjempefint'),
  c('statement', false, 'nb', 'Håper det blir bedre til neste år'),
  c('statement', false, 'nb', 'Husk refleks, folkens!'),
  // ── bokmål: inside a conversation ──
  c('thanks', false, 'nb', 'Takk for svar!'),
  c('thanks', false, 'nb', 'Supert, takk!'),
  c('thanks', false, 'nb', 'Ok, takk for info'),
  c('greeting', false, 'nb', 'Hei'),
  c('greeting', false, 'nb', 'Hei!'),
  c('greeting', false, 'nb', 'Hallo'),
  c('nudge', true, 'nb', '?'),
  c('nudge', true, 'nb', '??'),
  c('nudge', true, 'nb', 'Hallo? Kan noen fra kommunen svare?'),
  c('resident_reply', false, 'nb', 'Det står på nettsiden at det åpner på mandag'),
  c('resident_reply', false, 'nb', 'Jeg ringte i går, de sa neste uke'),
  c('resident_reply', false, 'nb', 'Prøv å ringe servicetorget, de er flinke'),
  c('resident_reply', false, 'nb', 'Enig med deg!'),
  c('resident_reply', false, 'nb', 'Du kan søke på nettsiden til kommunen'),
  c('resident_question', false, 'nb', '@{name} hvor fant du den informasjonen?'),
  c('resident_question', false, 'nb', 'Hvor har du det fra, {name}?'),

  // ── nynorsk ──
  c('question', true, 'nn', 'Når opnar {facility} att?'),
  c('question', true, 'nn', 'lurer på når {facility} opnar att'),
  c('question', true, 'nn', 'Når kjem brøytebilen?'),
  c('question', true, 'nn', 'Kvifor er det ikkje strødd i {place}?'),
  c('question', true, 'nn', 'Er {facility} ope i påska?'),
  c('question', true, 'nn', 'Gjeld dette òg for hytteeigarar?'),
  c('question', true, 'nn', 'kvar kan ein levere hageavfall no'),
  c('question', true, 'nn', 'Kva er opningstidene på {facility} i sommar?'),
  c('question', true, 'nn', 'Veit de når vatnet kjem tilbake i {place}?'),
  c('question', true, 'nn', 'Kan de seie noko om når vegen opnar att'),
  c('question', true, 'nn', 'Har de fått søknaden min? fødselsnummeret mitt er {fnr}'),
  c('question', true, 'nn', 'Kven kan eg kontakte om byggjesaka mi? ring meg på {phone}'),
  c('question', true, 'nn', 'Kjem det meir informasjon om dette?'),
  c('question', true, 'nn', 'Korleis melder eg på borna?'),
  c('question', true, 'nn', 'Er det gratis?'),
  c('question', true, 'nn', 'Kor lenge varer stenginga?'),
  c('request', true, 'nn', 'Send meg info om søknadsfristen'),
  c('request', true, 'nn', 'Ber om at de ryddar gangvegen i {place}'),
  c('request', true, 'nn', 'Kan nokon frå kommunen ringje meg? {phone}'),
  c('request', true, 'nn', 'Send gjerne svar til {email}'),
  c('complaint', false, 'nn', 'Elendig brøyting i {place} i år. Att.'),
  c('complaint', false, 'nn', 'Det er heilt uakseptabelt at {facility} er stengt nok ein gong'),
  c('complaint', false, 'nn', 'Tredje gongen denne månaden at bosset ikkje vert henta 😡'),
  c('praise', false, 'nn', 'Så flott!'),
  c('praise', false, 'nn', 'Tusen takk for god informasjon 👍'),
  c('praise', false, 'nn', 'Fantastisk innsats av alle som jobbar på {facility}!'),
  c('praise', false, 'nn', 'Endeleg! Gler meg'),
  c('exclamative', false, 'nn', 'Kor heldige vi er!'),
  c('exclamative', false, 'nn', 'Kor fint det vart!'),
  c('exclamative', false, 'nn', 'Så fint det er i {place} no!'),
  c('tag', false, 'nn', '@{name} sjå her'),
  c('tag', false, 'nn', '{name} dette må vi få med oss!'),
  c('tag', false, 'nn', '{name} er dette noko for oss?'),
  c('emoji', false, 'nn', '👍'),
  c('emoji', false, 'nn', '😍'),
  c('statement', false, 'nn', 'Vi var der i fjor, kjempefint'),
  c('thanks', false, 'nn', 'Takk for svar!'),
  c('thanks', false, 'nn', 'Supert, takk!'),
  c('greeting', false, 'nn', 'Hei'),
  c('greeting', false, 'nn', 'Hallo'),
  c('nudge', true, 'nn', '?'),
  c('nudge', true, 'nn', 'Hallo? Er det nokon i kommunen som kan svare?'),
  c('resident_reply', false, 'nn', 'Det står på nettsida at det opnar på måndag'),
  c('resident_reply', false, 'nn', 'Eg ringde i går, dei sa neste veke'),
  c('resident_reply', false, 'nn', 'Einig med deg!'),
  c('resident_question', false, 'nn', '@{name} kvar fann du den informasjonen?'),

  // ── English ──
  c('question', true, 'en', 'When does {facility} open again?'),
  c('question', true, 'en', 'Is there any information in English about this?'),
  c('question', true, 'en', 'what time does the library close on saturdays'),
  c('question', true, 'en', 'Do I need to register in advance?'),
  c('question', true, 'en', 'Is this also for people who just moved here?'),
  c('request', true, 'en', 'Please publish this in English too'),
  c('request', true, 'en', 'Please send me the application form at {email}'),
  c('complaint', false, 'en', 'Still no street lights on {place}. Very disappointing.'),
  c('praise', false, 'en', 'Thanks for the info!'),
  c('praise', false, 'en', 'Beautiful 😍'),
  c('exclamative', false, 'en', 'What a view!'),
  c('thanks', false, 'en', 'Thanks for answering!'),
  c('greeting', false, 'en', 'Hi'),
  c('nudge', true, 'en', 'Hello? Anyone from the municipality?'),
  c('resident_reply', false, 'en', 'It says on their website that it opens on Monday'),
];

/** Openings of visitor posts (Facebook) and stand-alone mentions (X), prepended to a comment template. */
export const CITIZEN_POST_OPENINGS: Readonly<Record<Lang, readonly string[]>> = {
  nb: ['Hei {kommune} kommune! ', 'Hei! ', 'Til kommunen: ', ''],
  nn: ['Hei {kommune} kommune! ', 'Hei! ', 'Til kommunen: ', ''],
  en: ['Hi {kommune}! ', 'Hello, ', ''],
};

/** Kinds of resident comments and how often they start a branch, per kind of post. */
export const OPENING_MIX: Readonly<Record<PostKind, readonly (readonly [CommentKind, number])[]>> = {
  service_info: [['question', 40], ['request', 8], ['complaint', 14], ['praise', 12], ['tag', 8], ['emoji', 6], ['exclamative', 2], ['statement', 10]],
  event: [['question', 25], ['request', 3], ['complaint', 4], ['praise', 18], ['tag', 25], ['emoji', 10], ['exclamative', 8], ['statement', 7]],
  crisis: [['question', 50], ['request', 12], ['complaint', 18], ['praise', 8], ['tag', 4], ['emoji', 3], ['statement', 5]],
  job: [['question', 25], ['request', 5], ['praise', 10], ['tag', 40], ['emoji', 10], ['statement', 10]],
  smalltalk: [['question', 5], ['praise', 25], ['tag', 15], ['emoji', 25], ['exclamative', 20], ['statement', 10]],
  dialogue_invitation: [['question', 45], ['request', 25], ['complaint', 15], ['praise', 5], ['tag', 3], ['statement', 7]],
};

/** Resident comments per post, on average, before the account's size is applied. */
export const COMMENTS_PER_POST: Readonly<Record<PostKind, number>> = {
  service_info: 3,
  event: 4,
  crisis: 6,
  job: 2,
  smalltalk: 6,
  dialogue_invitation: 7,
};

const p = (kind: PostKind, lang: Lang, title: string, text: string): PostTemplate => ({ kind, lang, title, text });

export const POST_TEMPLATES: readonly PostTemplate[] = [
  p('service_info', 'nb', 'Vannet stenges i {place}', 'Vannet blir stengt i {place} {day} mellom kl. 09 og 14 på grunn av arbeid på ledningsnettet.'),
  p('service_info', 'nb', 'Nye åpningstider', '{Facility} har nye åpningstider fra {day}: mandag–fredag 08–20, lørdag 10–16.'),
  p('service_info', 'nb', 'Søk barnehageplass', 'Husk at fristen for å søke om barnehageplass er 1. mars. Søk på kommunens nettside.'),
  p('service_info', 'nb', 'Tømmekalenderen er klar', 'Tømmekalenderen for neste år er klar. Sjekk når avfallet ditt hentes på {kslug}.kommune.no.'),
  p('service_info', 'nb', 'Eiendomsskatt', 'Første termin for eiendomsskatt forfaller {day}. Fakturaen kommer i eBoks.'),
  p('service_info', 'nb', 'Slik sorterer du avfallet', 'Nå kan du levere plastemballasje sammen med restavfallet. Se filmen om hvordan du sorterer.'),
  p('event', 'nb', '17. mai i {kommune}', 'Velkommen til 17. mai-feiring i {place}! Programmet finner du på nettsiden.'),
  p('event', 'nb', 'Dugnad i {place}', 'Bli med på dugnad i {place} {day} kl. 18. Kommunen spanderer kaffe og vafler!'),
  p('event', 'nb', 'Kulturkveld', 'Kulturkveld på {facility} {day}. Gratis inngang, alle er velkomne.'),
  p('event', 'nb', 'Folkemøte om kommuneplanen', 'Folkemøte om ny kommuneplan {day} kl. 19 i kommunestyresalen. Møtet strømmes også.'),
  p('crisis', 'nb', 'Farevarsel', 'Farevarsel: Kraftig vind og mye nedbør ventes fra i kveld. Sikre løse gjenstander og hold deg oppdatert.'),
  p('crisis', 'nb', 'Kokevarsel for {place}', 'Kokevarsel for {place}: Kok vannet før du drikker det inntil videre.'),
  p('crisis', 'nb', 'Veien er stengt', 'Veien ved {place} er stengt etter et ras. Følg skilting for omkjøring.'),
  p('crisis', 'nb', 'Strømbrudd', 'Strømbrudd i deler av kommunen. Vi jobber med saken sammen med nettselskapet.'),
  p('job', 'nb', 'Ledig stilling: sykepleier', 'Ledig stilling: Vi søker sykepleiere til hjemmetjenesten. Søknadsfrist {day}.'),
  p('job', 'nb', 'Jobb i barnehage', 'Vil du jobbe i barnehage? Vi har flere ledige stillinger i {kommune}.'),
  p('job', 'nb', 'Sommerjobb for ungdom', 'Sommerjobb for ungdom 15–18 år – søk nå!'),
  p('smalltalk', 'nb', 'God helg', 'God helg! ☀️'),
  p('smalltalk', 'nb', 'God helg fra rådhuset', 'God helg fra oss alle på rådhuset!'),
  p('smalltalk', 'nb', 'Vakker morgen', 'For en vakker morgen i {place} i dag 😍'),
  p('smalltalk', 'nb', 'God jul', 'Riktig god jul og godt nytt år fra alle oss i {kommune} kommune!'),
  p('dialogue_invitation', 'nb', 'Hva ønsker du deg?', 'Hva ønsker du deg på {place}? Kom med innspill i kommentarfeltet!'),
  p('dialogue_invitation', 'nb', 'Vi vil høre fra deg', 'Vi vil høre fra deg: Hva kan kommunen bli bedre på?'),
  p('dialogue_invitation', 'nb', 'Spør om eiendomsskatt', 'Har du spørsmål om eiendomsskatt? Still dem her, så svarer vi i løpet av dagen.'),
  p('dialogue_invitation', 'nb', 'Spør ordføreren', 'Spør ordføreren! Legg igjen spørsmålet ditt her, så svarer hun på fredag.'),
  p('service_info', 'nn', 'Vatnet vert stengt i {place}', 'Vatnet vert stengt i {place} {day} mellom kl. 09 og 14 på grunn av arbeid på leidningsnettet.'),
  p('service_info', 'nn', 'Nye opningstider', '{Facility} har nye opningstider frå {day}: måndag–fredag 08–20.'),
  p('service_info', 'nn', 'Søk barnehageplass', 'Hugs at fristen for å søkje om barnehageplass er 1. mars. Søk på nettsida til kommunen.'),
  p('event', 'nn', '17. mai i {kommune}', 'Velkomen til 17. mai-feiring i {place}! Programmet finn du på nettsida.'),
  p('event', 'nn', 'Dugnad i {place}', 'Bli med på dugnad i {place} {day} kl. 18. Kommunen spanderer kaffi og vaflar!'),
  p('event', 'nn', 'Folkemøte', 'Folkemøte om ny kommuneplan {day} kl. 19 i kommunestyresalen.'),
  p('crisis', 'nn', 'Farevarsel', 'Farevarsel: Kraftig vind og mykje nedbør er venta frå i kveld. Sikre lause gjenstandar.'),
  p('crisis', 'nn', 'Kokevarsel for {place}', 'Kokevarsel for {place}: Kok vatnet før du drikk det inntil vidare.'),
  p('crisis', 'nn', 'Vegen er stengd', 'Vegen ved {place} er stengd etter eit ras. Følg skilta omkøyring.'),
  p('job', 'nn', 'Ledig stilling', 'Ledig stilling: Vi søkjer sjukepleiarar til heimetenesta. Søknadsfrist {day}.'),
  p('smalltalk', 'nn', 'God helg', 'God helg! ☀️'),
  p('smalltalk', 'nn', 'Vakker morgon', 'For ein vakker morgon i {place} i dag 😍'),
  p('dialogue_invitation', 'nn', 'Vi vil høyre frå deg', 'Vi vil høyre frå deg: Kva kan kommunen bli betre på?'),
  p('dialogue_invitation', 'nn', 'Spør ordføraren', 'Spør ordføraren! Legg att spørsmålet ditt her.'),
];

const o = (kind: OwnerReplyKind, lang: Lang, text: string): OwnerReplyTemplate => ({ kind, lang, text });

export const OWNER_REPLY_TEMPLATES: readonly OwnerReplyTemplate[] = [
  o('answer', 'nb', 'Hei {first}! {Facility} åpner igjen mandag. Velkommen!'),
  o('answer', 'nb', 'Hei, takk for spørsmålet. Vi sjekker og kommer tilbake til deg.'),
  o('answer', 'nb', 'Hei {first}! Søknadsfristen er 1. mars. Du finner skjemaet på {kslug}.kommune.no.'),
  o('answer', 'nb', 'Hei, brøytebilen er på vei. Vi beklager ventetiden.'),
  o('answer', 'nb', 'Hei! Ja, dette gjelder også for hytteeiere.'),
  o('answer', 'nb', 'Hei {first}, send oss gjerne en e-post på postmottak@{kslug}.kommune.no, så hjelper vi deg.'),
  o('answer', 'nb', 'Hei! Arbeidet er ventet ferdig i løpet av uka.'),
  o('forward', 'nb', 'Takk for beskjed! Vi har meldt dette videre til teknisk drift.'),
  o('forward', 'nb', 'Beklager, {first}. Vi har sendt saken til riktig avdeling.'),
  o('thanks', 'nb', 'Tusen takk for hyggelige ord! 😊'),
  o('thanks', 'nb', 'Så hyggelig å høre, takk!'),
  o('privacy', 'nb', 'Hei! Ikke legg ut personopplysninger her. Send oss heller en melding, så tar vi det derfra.'),
  o('answer', 'nn', 'Hei {first}! {Facility} opnar att måndag. Velkomen!'),
  o('answer', 'nn', 'Takk for spørsmålet. Vi sjekkar og kjem tilbake til deg.'),
  o('answer', 'nn', 'Hei! Ja, dette gjeld òg for hytteeigarar.'),
  o('answer', 'nn', 'Hei {first}, send oss gjerne ein e-post på postmottak@{kslug}.kommune.no.'),
  o('forward', 'nn', 'Takk for beskjed! Vi har meldt dette vidare til teknisk drift.'),
  o('thanks', 'nn', 'Tusen takk for hyggelege ord! 😊'),
  o('privacy', 'nn', 'Hei! Ikkje legg ut personopplysningar her. Send oss heller ei melding.'),
  o('answer', 'en', 'Hi {first}! It opens again on Monday. Welcome!'),
  o('forward', 'en', 'Thank you, we have forwarded this to the right department.'),
  o('thanks', 'en', 'Thank you so much! 😊'),
  o('privacy', 'en', 'Hi! Please do not post personal details here. Send us a message instead.'),
];

export const FACILITIES: Readonly<Record<Lang, readonly string[]>> = {
  nb: ['bassenget', 'biblioteket', 'svømmehallen', 'gjenbruksstasjonen', 'idrettshallen', 'kulturhuset', 'servicetorget', 'legevakta', 'ungdomsklubben', 'skøytebanen'],
  nn: ['bassenget', 'biblioteket', 'symjehallen', 'attvinningsstasjonen', 'idrettshallen', 'kulturhuset', 'servicetorget', 'legevakta', 'ungdomsklubben'],
  en: ['the swimming pool', 'the library', 'the recycling centre', 'the sports hall'],
};

export const PLACES: readonly string[] = [
  'Storgata', 'sentrum', 'Skolevegen', 'Kirkebakken', 'boligfeltet på Haugen', 'Nedre Moen', 'havna', 'Fjellvegen',
  'Nordbyen', 'Torget', 'skolen', 'Solbakken', 'Elvegata', 'Industrivegen', 'Sjøgata',
];

export const DAYS: Readonly<Record<Lang, readonly string[]>> = {
  nb: ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag', '1. mars', '15. april', '2. september'],
  nn: ['måndag', 'tysdag', 'onsdag', 'torsdag', 'fredag', 'laurdag', 'sundag', '1. mars', '15. april'],
  en: ['Monday', 'Tuesday', 'Friday'],
};

/** YouTube uploads: titles and descriptions. */
export const VIDEO_TEMPLATES: readonly PostTemplate[] = [
  p('event', 'nb', 'Kommunestyremøte {day}', 'Opptak av kommunestyremøtet. Sakliste og dokumenter finner du på {kslug}.kommune.no.'),
  p('service_info', 'nb', 'Slik sorterer du avfallet ditt', 'En kort film om kildesortering i {kommune}.'),
  p('smalltalk', 'nb', 'Ordføreren ønsker god jul', 'Julehilsen fra ordføreren i {kommune}.'),
  p('service_info', 'nb', 'Bli kjent med {facility}', 'Vi tar deg med en tur innom {facility}.'),
  p('job', 'nb', 'Jobb i helse og omsorg', 'Møt de ansatte i hjemmetjenesten. Vi har ledige stillinger!'),
  p('dialogue_invitation', 'nb', 'Spør ordføreren – direkte', 'Still spørsmål i kommentarfeltet, så svarer vi i neste sending.'),
  p('crisis', 'nb', 'Informasjon om flomsituasjonen', 'Oppdatert informasjon om flommen og stengte veier.'),
  p('event', 'nn', 'Kommunestyremøte {day}', 'Opptak av kommunestyremøtet. Saklista finn du på {kslug}.kommune.no.'),
  p('service_info', 'nn', 'Slik sorterer du bosset', 'Ein kort film om kjeldesortering i {kommune}.'),
  p('dialogue_invitation', 'nn', 'Spør ordføraren', 'Still spørsmål i kommentarfeltet, så svarar vi i neste sending.'),
];

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
export const POST_KINDS: readonly PostKind[] = ['service_info', 'event', 'crisis', 'job', 'smalltalk', 'dialogue_invitation'];

export type PostTemplate = { kind: PostKind; lang: Lang; text: string; title: string };

export type OwnerReplyKind = 'answer' | 'forward' | 'thanks' | 'privacy';
export type OwnerReplyTemplate = { kind: OwnerReplyKind; lang: Lang; text: string };

/** Openings of visitor posts (Facebook) and stand-alone mentions (X), prepended to a comment template. */
export const CITIZEN_POST_OPENINGS: Readonly<Record<Lang, readonly string[]>> = {
  nb: ['Hei {kommune} kommune! ', 'Hei! ', 'Til kommunen: ', ''],
  nn: ['Hei {kommune} kommune! ', 'Hei! ', 'Til kommunen: ', ''],
  en: ['Hi {kommune}! ', 'Hello, ', ''],
};

/** Kinds of resident comments and how often they start a branch, per kind of post. */
export const OPENING_MIX: Readonly<Record<PostKind, readonly (readonly [CommentKind, number])[]>> = {
  service_info: [
    ['question', 40],
    ['request', 8],
    ['complaint', 14],
    ['praise', 12],
    ['tag', 8],
    ['emoji', 6],
    ['exclamative', 2],
    ['statement', 10],
  ],
  event: [
    ['question', 25],
    ['request', 3],
    ['complaint', 4],
    ['praise', 18],
    ['tag', 25],
    ['emoji', 10],
    ['exclamative', 8],
    ['statement', 7],
  ],
  crisis: [
    ['question', 50],
    ['request', 12],
    ['complaint', 18],
    ['praise', 8],
    ['tag', 4],
    ['emoji', 3],
    ['statement', 5],
  ],
  job: [
    ['question', 25],
    ['request', 5],
    ['praise', 10],
    ['tag', 40],
    ['emoji', 10],
    ['statement', 10],
  ],
  smalltalk: [
    ['question', 5],
    ['praise', 25],
    ['tag', 15],
    ['emoji', 25],
    ['exclamative', 20],
    ['statement', 10],
  ],
  dialogue_invitation: [
    ['question', 45],
    ['request', 25],
    ['complaint', 15],
    ['praise', 5],
    ['tag', 3],
    ['statement', 7],
  ],
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
  p(
    'service_info',
    'nb',
    'Vannet stenges i {place}',
    'Vannet blir stengt i {place} {day} mellom kl. 09 og 14 på grunn av arbeid på ledningsnettet.',
  ),
  p('service_info', 'nb', 'Nye åpningstider', '{Facility} har nye åpningstider fra {day}: mandag–fredag 08–20, lørdag 10–16.'),
  p('service_info', 'nb', 'Søk barnehageplass', 'Husk at fristen for å søke om barnehageplass er 1. mars. Søk på kommunens nettside.'),
  p(
    'service_info',
    'nb',
    'Tømmekalenderen er klar',
    'Tømmekalenderen for neste år er klar. Sjekk når avfallet ditt hentes på {kslug}.kommune.no.',
  ),
  p('service_info', 'nb', 'Eiendomsskatt', 'Første termin for eiendomsskatt forfaller {day}. Fakturaen kommer i eBoks.'),
  p(
    'service_info',
    'nb',
    'Slik sorterer du avfallet',
    'Nå kan du levere plastemballasje sammen med restavfallet. Se filmen om hvordan du sorterer.',
  ),
  p('event', 'nb', '17. mai i {kommune}', 'Velkommen til 17. mai-feiring i {place}! Programmet finner du på nettsiden.'),
  p('event', 'nb', 'Dugnad i {place}', 'Bli med på dugnad i {place} {day} kl. 18. Kommunen spanderer kaffe og vafler!'),
  p('event', 'nb', 'Kulturkveld', 'Kulturkveld på {facility} {day}. Gratis inngang, alle er velkomne.'),
  p('event', 'nb', 'Folkemøte om kommuneplanen', 'Folkemøte om ny kommuneplan {day} kl. 19 i kommunestyresalen. Møtet strømmes også.'),
  p(
    'crisis',
    'nb',
    'Farevarsel',
    'Farevarsel: Kraftig vind og mye nedbør ventes fra i kveld. Sikre løse gjenstander og hold deg oppdatert.',
  ),
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
  p(
    'dialogue_invitation',
    'nb',
    'Spør om eiendomsskatt',
    'Har du spørsmål om eiendomsskatt? Still dem her, så svarer vi i løpet av dagen.',
  ),
  p('dialogue_invitation', 'nb', 'Spør ordføreren', 'Spør ordføreren! Legg igjen spørsmålet ditt her, så svarer hun på fredag.'),
  p(
    'service_info',
    'nn',
    'Vatnet vert stengt i {place}',
    'Vatnet vert stengt i {place} {day} mellom kl. 09 og 14 på grunn av arbeid på leidningsnettet.',
  ),
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
  nb: [
    'bassenget',
    'biblioteket',
    'svømmehallen',
    'gjenbruksstasjonen',
    'idrettshallen',
    'kulturhuset',
    'servicetorget',
    'legevakta',
    'ungdomsklubben',
    'skøytebanen',
  ],
  nn: [
    'bassenget',
    'biblioteket',
    'symjehallen',
    'attvinningsstasjonen',
    'idrettshallen',
    'kulturhuset',
    'servicetorget',
    'legevakta',
    'ungdomsklubben',
  ],
  en: ['the swimming pool', 'the library', 'the recycling centre', 'the sports hall'],
};

export const PLACES: readonly string[] = [
  'Storgata',
  'sentrum',
  'Skolevegen',
  'Kirkebakken',
  'boligfeltet på Haugen',
  'Nedre Moen',
  'havna',
  'Fjellvegen',
  'Nordbyen',
  'Torget',
  'skolen',
  'Solbakken',
  'Elvegata',
  'Industrivegen',
  'Sjøgata',
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

/**
 * Hand-written topic cues: how residents write about each service (colloquial, nynorsk, dialect, English),
 * on top of the Los vocabulary in assets/los-topics.json (its terms and synonyms are official and rarely the
 * words of a comment: "Renovasjon", not "søppeldunken"; "Veg- og føreforhold", not "brøytinga").
 *
 * Entry syntax (matching is on lower-cased tokens with æ→ae, ø→o, å→a folded, so "sopla" and "søpla" meet):
 *   "brøyt"        stem: a token that starts with it ("brøytinga", "brøytebilen"), or a compound that ends with
 *                  it plus an inflection ending ("snøbrøyting" is caught by "brøyt" as a prefix of
 *                  the head only if listed as its own stem; "bossdunken" by "dunk" as the head)
 *   "^papp"        prefix only, never a compound head
 *   "=vei"         the word itself with an inflection ending ("vei", "veien", "vegen"), not inside compounds
 *   "hull i =vei"  a phrase: its words in order, each read as above (plain words are "=" words)
 * Weight 2 marks a term that alone decides the topic; weight 1 a term that needs company or wins only when
 * nothing stronger is present.
 */
import type { TopicId } from './labels.js';

export type LexiconEntry = { term: string; weight: 1 | 2 };

const strong = (...terms: string[]): LexiconEntry[] => terms.map((term) => ({ term, weight: 2 as const }));
const weak = (...terms: string[]): LexiconEntry[] => terms.map((term) => ({ term, weight: 1 as const }));

export const TOPIC_LEXICON: Readonly<Record<TopicId, LexiconEntry[]>> = {
  renovasjon: [
    ...strong('søppel', 'søpla', 'sopla', 'boss', 'renovasjon', 'avfall', 'dunk', 'søppelspann', 'hentedag',
      'tømmekalender', 'kildesort', 'gjenvinning', 'miljøstasjon', 'returpunkt', 'storavfall', 'kompost',
      'papp og =papir', '=plasten', 'glass og =metall', 'glass- og metall',
      'renovasjonsselskap', 'avfallsanlegg', 'søppelkasse', 'søppelbil', 'bossbil', 'pizzaesker',
      '=bins', '=bin', 'recycling', 'compost'),
    ...weak('=tømt', '=tømmes', '=tømme', '=tømming', '=container', '=containere', '=plast', '=papir', 'batteri', '=henting', '=hentes', '=hentet', '=henta', 'hentar', 'sorter'),
  ],
  'vann-og-avlop': [
    ...strong('vannledning', 'hovedledning', 'vannlekkasje', 'vasslekkasje',
      'kloakk', 'avløp', 'kokevarsel', 'drikkevann', 'springa',
      '=kum', 'overvann', 'septik', 'slamavskiller', 'slamsug', 'renseanlegg',
      'vannmåler', 'vanningsforbud', 'vassmangel', 'vannabonnement', 'vanntilkobling',
      'vannrør', '=vannet er', 'ikke hatt =vann',
      'vatnet i', 'e coli', 'boil water', 'water pressure', 'drinking water',
      'spyle', 'misfarget', 'kalkholdig', 'takrenn', '=vannet', 'vatnet', '=vatn'),
    ...weak('=vann', 'lekkasjen', '=lek', 'kjeller', 'water'),
  ],
  'vei-og-broyting': [
    ...strong('brøyt', 'strøing', 'strøbil', '=strødd', '=strø', 'asfalt', 'fortau', 'gatelys',
      'veiarbeid', 'veibane', 'rekkverk',
      'fotgjengerovergang', 'omkjøring', 'omkøyring', 'fylkesvei', 'sykkelvei', 'sykkelveg',
      'gang- og =sykkelvegen', 'hull i =veien', '=hullene', '=holer',
      'glattis', 'snow clearing', 'snow', 'salted', 'pothole', 'footpath',
      'brua', 'brøytekant', 'feier dere', '=grus', 'veiskilt', 'skiltet i', 'blinde svingen', '=speil', '=50-sone', 'veilag'),
    ...weak('=vei', '=veg', '=hull', 'glatt', 'road', 'roads', '=krysset', '=krysse', 'sykkel'),
  ],
  parkering: [
    ...strong('parker', 'parkering', 'p tillatelse', 'p tillatelsen', 'handicapplass',
      'feilparkering', 'parkeringsbot', 'beboerparkering', 'bøtelegg', '=tauet', 'ladeplass', 'bobil', 'parking'),
    ...weak('korttidsplass', '=park'),
  ],
  kollektiv: [
    ...strong('buss', 'busskur', 'busstopp', 'holdeplass', 'rutetid', 'rutetabell', 'avgang', 'nattbuss', 'ferje', 'ferja', 'hurtigbåt',
      '=båten', 'periodebillett', 'billett', 'bestillingstransport', 'ruter-appen',
      '=toget', 'togtilbud', '=bus', '=buses', 'ferry', 'airport bus', 'ticket', 'skyss'),
    ...weak('=tog', '=ruta'),
  ],
  barnehage: [
    ...strong('barnehage', 'barnehagen', 'planleggingsdag', 'opptaksbrev', 'kindergarten',
      'styrer', 'pedagogisk bemanning'),
    ...weak('=ungen', '=vikarer'),
  ],
  skole: [
    ...strong('skole', 'skule', 'skolen', 'skulen', 'skolebuss', 'skuleskyss', '=sfo', 'elev', 'lærer', 'klasse',
      'trinn', 'mellomtrinn', 'ungdomsskole', 'barneskole', 'leksehjelp', 'eksamen', 'skoleinnskriving',
      'skolekrets', 'vinterferie', 'høstferie', 'sommerferien', 'gymsal', 'school', 'enrol',
      'inneklima', 'svømmeundervisning', 'symjeopplæring', 'skolefotografering'),
    ...weak('=ungane', '=ungene', '=barna'),
  ],
  'helse-og-omsorg': [
    ...strong('sykehjem', 'sjukeheim', 'hjemmesykepleie', 'heimesjukepleie', 'heimesjukepleia', 'hjemmetjeneste', 'hjemmehjelp',
      'omsorgsbolig', 'fastlege', 'helsestasjon', 'helsesykepleier', 'jordmor', 'vaksine', 'vaksinen',
      'influensavaksin', 'psykolog', 'kommunepsykolog', 'psykisk', 'trygghetsalarm',
      'avlastning', 'korttidsavdeling', 'dagsenter', 'demens', 'demente', 'bpa', 'rullestol',
      'hjelpemiddel', 'tannhelse', 'tannlege', 'helsehuset', 'helsehus', 'sykmeldt', 'pleie',
      'gp', 'covid', 'doctor', 'middag på'),
    ...weak('=eldre', 'lege', 'legen', 'helse'),
  ],
  legevakt: [
    ...strong('legevakt', 'legevakta', 'legevakten', '116 117', '116117',
      'emergency clinic', 'emergency doctor'),
    ...weak('sydd', 'kutt', 'akutt'),
  ],
  nav: [
    ...strong('=nav', 'nav-kontor', 'sosialhjelp', 'sosialstønad', 'økonomisk stønad', 'nødhjelp',
      'bostøtte', 'kvalifiseringsprogram', 'introduksjonsstønad', 'arbeidsavklaringspenger',
      'gjeldsrådgjev', 'veilederen', 'depositum'),
    ...weak('financial help'),
  ],
  byggesak: [
    ...strong('byggesak', 'byggjesak', 'byggesøknad', 'byggetillatelse', 'byggesaksgebyr', 'nabovarsel', 'dispensasjon',
      'reguleringsplan', 'kommuneplan', 'tilbygg', 'anneks', 'garasje', 'carport', 'terrasse', 'platting', 'ferdigattest',
      'fradeling', 'ansvarlig søker', 'søke for å =bygge', 'løyve til å',
      '100-metersbeltet', 'naust', 'blokkbygg', 'bygge', 'byggje', 'byggingen', 'tegningene', 'rive',
      'nybygg', 'tre etasjer', 'fence'),
    ...weak('=søke', '=søkje', '=bygget', 'vedovn', 'uthus', 'build'),
  ],
  eiendomsskatt: [
    ...strong('eiendomsskatt', 'eigedomsskatt', 'eiendomsskatte', 'skattetakst', 'eiendomsskattetakst', 'takstane',
      'promillesats', 'property tax', 'skattegrunnlag', 'skatt på =huset'),
    ...weak('=takst', 'befaring', '=areal', 'termin'),
  ],
  'kultur-og-fritid': [
    ...strong('svømmehall', 'symjehall', 'bassenget', 'badet', 'badeplass', 'bibliotek', 'lånekort', 'kulturskole', 'kulturhus',
      'konsert', 'kino', 'museet', 'lysløype', 'skiløype', 'løypene', 'turvei',
      'fritidsklubb', 'idrettslag', 'lekeplass', 'skatepark',
      'skøytebane', 'utstyrssentral', 'korps', '17. mai-tog', 'mai-tog', 'stadion', 'library', 'football', 'activities',
      'sommerles', 'familiefilm', 'festival', 'offentlig bading', 'benker'),
    ...weak('=kamp', 'bading', 'idrett'),
  ],
  beredskap: [
    ...strong('flom', 'ras', 'rasfare', 'skred', 'jordskred', 'evakuer', 'ekstremvær',
      'kriseledelse', 'beredskap', 'brannvesen', 'brannfare', 'brannfarlig', 'skogbrann',
      'feiing', 'tilsyn av =brannvesenet', 'fyringsanlegg', 'sirene', 'strømbrudd',
      'aggregat', 'nødnett', 'emergency', 'shelter', 'storm', 'stormen', 'grille', 'bålbrenning',
      'pumper', 'fare for'),
    ...weak('=brann', 'brannen', 'krise', 'varsling', 'elva stig', 'sms'),
  ],
  annet: [
    ...strong('bevilling', 'valg', 'valgkort', 'forhåndsstem', '=stemme', 'kommunestyre', 'formannskap', 'sakslist',
      'protokoll', 'postlist', 'innsyn', 'kommunal tomt', 'strandtomt', 'folkeregister', 'adressen', 'vilt', 'båndtvang',
      'hundene', 'høner', 'hest', 'måker', 'kirkegård', 'kyrkjegard', 'feste en =grav', '=havn', 'båtplass',
      'utleigebustad', 'startlån', 'fellingstillatelse', 'jakt', 'election', '=vote',
      'residence certificate', 'visa', 'skadedyr', 'rotter'),
  ],
};

/**
 * Words that are part of another word's business and never a topic of their own here, taken out of the Los
 * synonyms: too general to say what a comment is about ("Bil", "Mat", "Lån" …).
 */
export const LOS_STOP_TERMS: ReadonlySet<string> = new Set([
  'bil', 'mat', 'lån', 'bad', 'hall', 'dekk', 'dele', 'park', 'tur', 'dans', 'musikk', 'teater', 'trening', 'mosjon', 'trim', 'adresse',
  'folkeregister', 'ledsager', 'forurensing', 'miljøvern', 'samfunnstjeneste', 'helikopter', 'billett', 'fødsel', 'hygiene', 'altinn',
  'autorisasjon', 'konsesjon', 'samordning', 'frikort', 'legitimasjon', 'registrering', 'stipend', 'tog', 'elg', 'maur', 'mus', 'lus',
  'smitte', 'medisin', 'sertifikat', 'giftig', 'skolevei', 'skoleveg', 'fortau', 'sykkelstier',
]);

import type { Lang } from './format.js';

/**
 * Report wording, Norwegian bokmål (default) and English. Plain words an information chief can forward to
 * the chief executive: no indicator ids in the prose; each figure is named the same way everywhere.
 */
export type Strings = {
  product: string;
  title: string;
  municipalitySuffix: string;
  intro: (municipality: string, span: string) => string;
  bands: Record<string, string>;
  bandMeaning: Record<string, string>;
  dialogueIndex: string;
  dialogueIndexHelp: string;
  insufficient: (questions: string) => string;
  noData: string;
  parts: { r: string; t: string; h: string; v: string; f: string };
  partsHelp: { r: string; t: string; h: string; v: string; f: string };
  thisWeek: string;
  lastWeek: string;
  baseline: string;
  /** What each comparison column rests on (counts, shares, times). */
  baselineNote: string;
  /** Column heads of the index table: every index value is a four-week window. */
  indexCols: { thisWeek: string; lastWeek: string; baseline: string };
  /** Shown beside the week when it is still running. */
  runningWeek: string;
  /** `3 av 12` */
  nOfM: (n: string, m: string) => string;
  /** Caveat on a median response time resting on few answers. */
  medianRests: (n: string, m: string) => string;
  targetLine: (n: string, m: string, target: string) => string;
  targetDefault: string;
  targetHours: (h: string) => string;
  peerCountry: string;
  peerChosen: string;
  vsLastWeek: string;
  vsBaseline: string;
  points: string;
  keyFigures: string;
  questions: string;
  answered: string;
  medianResponse: string;
  openAtWeekEnd: string;
  sections: {
    summary: string;
    quality: string;
    index: string;
    peers: string;
    activity: string;
    responsiveness: string;
    open: string;
    postKinds: string;
    threads: string;
    moderation: string;
    platforms: string;
    about: string;
  };
  peersIntro: string;
  peerCounty: (county: string) => string;
  peerSize: (basis: 'population' | 'followers', label: string, year: string | null) => string;
  sizeLabels: Record<string, string>;
  percentileText: (p: string, n: string) => string;
  peerSuppressed: (n: string) => string;
  peerOwnMissing: string;
  peerMedian: string;
  metricDialogue: string;
  metricResponseRate: string;
  activityRows: { ownerPosts: string; ownerReplies: string; citizenItems: string; citizenAuthors: string; citizenShare: string; replyShare: string };
  megaphone: (ratio: string) => string;
  respRows: { questions: string; responseRate: string; timelyRate: string; median: string; p90: string; officeMedian: string; officeP90: string };
  allHours: string;
  officeHours: string;
  ci: (low: string, high: string) => string;
  buckets: Record<string, string>;
  openText: (count: string, oldest: string, age: string) => string;
  openNone: string;
  stillOpen: (n: string) => string;
  postKindNames: Record<string, string>;
  postKindCols: { kind: string; posts: string; comments: string; perPost: string; questions: string; share: string };
  postKindFinding: (kind: string, share: string) => string;
  postKindNone: string;
  threadLine: (date: string, platform: string, kind: string) => string;
  threadFigures: (items: string, authors: string, replies: string) => string;
  threadsNone: string;
  openPost: string;
  moderationText: (hidden: string, deleted: string, abusive: string) => string;
  platformCols: { platform: string; posts: string; replies: string; citizen: string; questions: string; rate: string; median: string; coverage: string };
  platformNames: Record<string, string>;
  quality: {
    ok: (coverage: string) => string;
    lowCoverage: (coverage: string) => string;
    recentWeek: string;
    gaps: (list: string) => string;
    followersUnknown: string;
    engagementLate: (posts: string, days: string) => string;
    missingWeeks: (n: string) => string;
  };
  charts: {
    trendTitle: string;
    trendDesc: (weeks: string, index: string, rate: string) => string;
    activityTitle: string;
    activityDesc: (posts: string, replies: string, citizen: string) => string;
    responseTitle: string;
    responseDesc: (list: string) => string;
    responseEmpty: string;
    weekAxis: string;
    seriesIndex: string;
    seriesRate: string;
    seriesPosts: string;
    seriesReplies: string;
    seriesCitizen: string;
    noValue: string;
  };
  about: (defVersion: string, classifier: string, asOf: string) => string;
  residentsNote: string;
  subject: (municipality: string, week: string, index: string | null) => string;
  pdfNote: string;
};

const nb: Strings = {
  product: 'Lyttepost',
  title: 'Ukerapport om dialog i sosiale medier',
  municipalitySuffix: 'kommune',
  intro: (m, span) => `${m}, ${span}. Hvordan kommunen brukte Facebook, YouTube og X: som megafon eller som høreapparat.`,
  bands: { megafon: 'Megafon', oppslagstavle: 'Oppslagstavle', samtalepartner: 'Samtalepartner', 'høreapparat': 'Høreapparat' },
  bandMeaning: {
    megafon: 'Kanalene brukes mest til å sende ut informasjon; få innbyggere får svar.',
    oppslagstavle: 'Innbyggerne skriver, men svar kommer ujevnt og ofte sent.',
    samtalepartner: 'De fleste spørsmål blir besvart, og det blir ofte en samtale ut av det.',
    'høreapparat': 'Kommunen lytter og svarer raskt; innbyggerne bruker kanalene til dialog.',
  },
  dialogueIndex: 'Dialogindeks',
  dialogueIndexHelp: 'Dialogindeksen (0–100) samler fem deler over de siste fire ukene (hver kolonne er et firukersvindu): svarandel (40 %), svar innen én arbeidsdag (20 %), andel av kommunens innhold som er svar (15 %), innbyggerstemme per 1 000 følgere (15 %) og oppfølging etter svar (10 %).',
  insufficient: (q) => `Ikke nok grunnlag for dialogindeks denne uken (${q} spørsmål de siste fire ukene; minst 10 spørsmål og 4 innlegg trengs, og følgertallet må være kjent).`,
  noData: 'Det finnes ingen beregnede tall for denne uken ennå. Rapporten lages på nytt når innhentingen er ferdig.',
  parts: { r: 'Svarandel', t: 'Svar innen én arbeidsdag', h: 'Svar i eget innhold', v: 'Innbyggerstemme', f: 'Oppfølging' },
  partsHelp: {
    r: 'andel spørsmål besvart innen 7 dager',
    t: 'andel spørsmål besvart innen én arbeidsdag (7,75 t kontortid)',
    h: 'andel av kommunens innlegg og kommentarer som er svar (full score ved 50 %)',
    v: 'innbyggerinnlegg per 1 000 følgere (full score ved 20)',
    f: 'besvarte spørsmål der samtalen fortsatte',
  },
  thisWeek: 'Denne uken',
  lastWeek: 'Forrige uke',
  baseline: 'Forrige 8 uker',
  baselineNote: 'Forrige 8 uker: snitt for antall, samlet andel for andeler, median for svartider og dialogindeks.',
  indexCols: { thisWeek: 'Siste 4 uker', lastWeek: 'Uken før', baseline: 'Median 8 uker før' },
  runningWeek: 'så langt denne uken – foreløpige tall',
  nOfM: (n, m) => `${n} av ${m}`,
  medianRests: (n, m) => `${n} av ${m} spørsmål besvart`,
  targetLine: (n, m, target) => `${n} av ${m} spørsmål besvart innen målet (${target}).`,
  targetDefault: 'én arbeidsdag',
  targetHours: (h) => `${h} t kontortid`,
  peerCountry: 'i hele landet',
  peerChosen: 'blant kommunene dere har valgt',
  vsLastWeek: 'mot forrige uke',
  vsBaseline: 'mot egen median forrige 8 uker',
  points: 'poeng',
  keyFigures: 'Nøkkeltall',
  questions: 'Spørsmål fra innbyggere',
  answered: 'Besvart innen 7 dager',
  medianResponse: 'Median svartid',
  openAtWeekEnd: 'Ubesvart ved ukeslutt',
  sections: {
    summary: 'Sammendrag',
    quality: 'Om datagrunnlaget',
    index: 'Dialogindeksen og delene',
    peers: 'Sammenlignet med andre kommuner',
    activity: 'Kommunens innlegg og innbyggernes stemme',
    responsiveness: 'Spørsmål og svar',
    open: 'Ubesvarte spørsmål',
    postKinds: 'Hva slags innlegg skapte dialog',
    threads: 'Ukens mest engasjerende tråder',
    moderation: 'Moderering',
    platforms: 'Per plattform',
    about: 'Om tallene',
  },
  peersIntro: 'Plassering er persentil: andelen kommuner i gruppen med lavere verdi. Vi viser ikke plassering i grupper med færre enn 5 kommuner med tall.',
  peerCounty: (c) => `i ${c}`,
  peerSize: (basis, label, year) => (basis === 'population' ? `blant ${label}${year ? ` (SSB 1.1.${year})` : ''}` : `blant kommuner med ${label}`),
  sizeLabels: {
    small: 'små kommuner (under 5 000 innbyggere)',
    medium: 'mellomstore kommuner (5 000–19 999 innbyggere)',
    large: 'store kommuner (20 000 innbyggere eller flere)',
    followers_lt2000: 'under 2 000 følgere',
    followers_2000_9999: '2 000–9 999 følgere',
    followers_10000: '10 000 følgere eller flere',
  },
  percentileText: (p, n) => `${p}. persentil av ${n} kommuner`,
  peerSuppressed: (n) => `for få kommuner med tall (${n})`,
  peerOwnMissing: 'ingen verdi for kommunen denne uken',
  peerMedian: 'median i gruppen',
  metricDialogue: 'Dialogindeks',
  metricResponseRate: 'Svarandel',
  activityRows: {
    ownerPosts: 'Kommunens innlegg',
    ownerReplies: 'Kommunens svar og kommentarer',
    citizenItems: 'Innlegg og kommentarer fra innbyggere',
    citizenAuthors: 'Innbyggere som skrev',
    citizenShare: 'Innbyggernes andel av alt innhold',
    replyShare: 'Andel av kommunens innhold som er svar',
  },
  megaphone: (r) => `For hvert svar publiserte kommunen ${r} innlegg.`,
  respRows: {
    questions: 'Spørsmål',
    responseRate: 'Svarandel (innen 7 dager)',
    timelyRate: 'Besvart innen én arbeidsdag',
    median: 'Median svartid',
    p90: '90 % besvart innen',
    officeMedian: 'Median svartid',
    officeP90: '90 % besvart innen',
  },
  allHours: 'alle timer',
  officeHours: 'kontortid',
  ci: (l, h) => `usikkerhet (95 %): ${l}–${h}`,
  buckets: { lt1h: 'Under 1 time', h1to4: '1–4 timer', h4to24: '4–24 timer', d1to3: '1–3 døgn', d3to7: '3–7 døgn', unanswered: 'Ikke besvart (ukens spørsmål)' },
  openText: (c, oldest, age) => `${c} spørsmål var ubesvart ved ukens slutt. Det eldste ble stilt ${oldest} (${age} før ukeslutt).`,
  openNone: 'Ingen spørsmål sto ubesvart ved ukens slutt.',
  stillOpen: (n) => `${n} av dem er fortsatt ubesvart da rapporten ble laget. Varsler om ubesvarte spørsmål sendes i kontortid.`,
  postKindNames: {
    service_info: 'Tjenesteinformasjon',
    event: 'Arrangementer',
    crisis: 'Krise og beredskap',
    smalltalk: 'Småprat («god helg»)',
    dialogue_invitation: 'Invitasjon til dialog',
    other: 'Annet',
    unclassified: 'Ikke klassifisert',
  },
  postKindCols: { kind: 'Type innlegg', posts: 'Innlegg', comments: 'Innbyggerkommentarer', perPost: 'Per innlegg', questions: 'Herav spørsmål', share: 'Andel' },
  postKindFinding: (k, s) => `Mest respons kom på ${k.toLowerCase()}: ${s} av innbyggernes kommentarer denne uken.`,
  postKindNone: 'Ingen innbyggerkommentarer på kommunens innlegg denne uken.',
  threadLine: (d, p, k) => `${d} · ${p} · ${k}`,
  threadFigures: (i, a, r) => `${i} innbyggerkommentarer fra ${a} personer · ${r} svar fra kommunen`,
  threadsNone: 'Ingen tråder med innbyggerkommentarer denne uken.',
  openPost: 'Åpne innlegget',
  moderationText: (h, d, a) => `Skjulte innbyggerinnlegg: ${h}. Slettede: ${d}. Merket som sjikane eller grovt språk: ${a}. Skjulte og slettede spørsmål telles fortsatt som spørsmål, og regnes aldri som besvart.`,
  platformCols: { platform: 'Plattform', posts: 'Innlegg', replies: 'Svar', citizen: 'Fra innbyggere', questions: 'Spørsmål', rate: 'Svarandel', median: 'Median svartid', coverage: 'Dekning' },
  platformNames: { facebook: 'Facebook', youtube: 'YouTube', x: 'X', instagram: 'Instagram', bluesky: 'Bluesky', mastodon: 'Mastodon' },
  quality: {
    ok: (c) => `Datagrunnlaget er komplett: alle kontoer ble hentet inn ${c} av ukens timer.`,
    lowCoverage: (c) => `Foreløpige tall: innhentingen dekket bare ${c} av ukens timer, så noen innlegg og svar kan mangle.`,
    recentWeek: 'Foreløpige tall: uken er nettopp slutt, og svar som kommer de neste dagene teller med for denne uken. Tallene kan bli litt bedre.',
    gaps: (l) => `Kontoer med hull i innhentingen: ${l}.`,
    followersUnknown: 'Følgertallet er ukjent, så innbyggerstemme per 1 000 følgere kan ikke beregnes.',
    engagementLate: (p, d) => `Reaksjoner, kommentarer og delinger for ${p} av ukens innlegg er tall målt senere enn 7 dager etter innlegget (median ${d} dager etter), fordi de ble hentet inn først da.`,
    missingWeeks: (n) => `${n} av de siste 12 ukene mangler tall (hull i grafene).`,
  },
  charts: {
    trendTitle: 'Dialogindeks og svarandel, siste 12 uker',
    trendDesc: (w, i, r) => `Linjediagram for ${w}. Dialogindeks (0–100): ${i}. Svarandel i prosent: ${r}.`,
    activityTitle: 'Kommunens innlegg og svar mot innbyggernes innlegg, per uke',
    activityDesc: (p, r, c) => `Stolpediagram per uke. Kommunens innlegg: ${p}. Kommunens svar: ${r}. Fra innbyggere: ${c}.`,
    responseTitle: 'Svartid for ukens spørsmål',
    responseDesc: (l) => `Stolpediagram over svartid for ukens spørsmål: ${l}.`,
    responseEmpty: 'Ingen spørsmål denne uken',
    weekAxis: 'uke',
    seriesIndex: 'Dialogindeks',
    seriesRate: 'Svarandel (%)',
    seriesPosts: 'Kommunens innlegg',
    seriesReplies: 'Kommunens svar',
    seriesCitizen: 'Fra innbyggere',
    noValue: 'ingen verdi',
  },
  about: (v, c, at) => `Tallene følger Lyttepost-definisjonene versjon ${v} (klassifisering ${c}) og er hentet ${at}. Uker regnes mandag–søndag, norsk tid. Et spørsmål regnes som besvart når kommunen skriver i samme tråd innen 7 dager; liker-klikk, skjuling og sletting er aldri svar.`,
  residentsNote: 'Rapporten inneholder ingen navn eller tekst fra innbyggere, bare tall.',
  subject: (m, w, i) => `${m}: dialog i sosiale medier ${w}${i ? ` – dialogindeks ${i}` : ''}`,
  pdfNote: 'Rapporten ligger også ved som PDF.',
};

const en: Strings = {
  product: 'Lyttepost',
  title: 'Weekly social media dialogue report',
  municipalitySuffix: 'municipality',
  intro: (m, span) => `${m}, ${span}. How the municipality used Facebook, YouTube and X: as a megaphone or as a hearing aid.`,
  bands: { megafon: 'Megaphone', oppslagstavle: 'Notice board', samtalepartner: 'Conversation partner', 'høreapparat': 'Hearing aid' },
  bandMeaning: {
    megafon: 'The channels are mostly used to broadcast; few residents get an answer.',
    oppslagstavle: 'Residents write, but answers come unevenly and often late.',
    samtalepartner: 'Most questions are answered, often leading to a conversation.',
    'høreapparat': 'The municipality listens and answers quickly; residents use the channels for dialogue.',
  },
  dialogueIndex: 'Dialogue index',
  dialogueIndexHelp: 'The dialogue index (0–100) combines five parts over the last four weeks (each column is a four-week window): response rate (40%), answered within one office day (20%), share of the municipality\'s output that is replies (15%), resident voice per 1,000 followers (15%) and follow-up after answers (10%).',
  insufficient: (q) => `Not enough data for a dialogue index this week (${q} questions in the last four weeks; at least 10 questions and 4 posts are needed, and the follower count must be known).`,
  noData: 'No figures have been computed for this week yet. The report is produced again once collection is complete.',
  parts: { r: 'Response rate', t: 'Answered within one office day', h: 'Replies in own output', v: 'Resident voice', f: 'Follow-up' },
  partsHelp: {
    r: 'share of questions answered within 7 days',
    t: 'share of questions answered within one office day (7.75 h office time)',
    h: 'share of the municipality\'s posts and comments that are replies (full score at 50%)',
    v: 'resident items per 1,000 followers (full score at 20)',
    f: 'answered questions where the conversation continued',
  },
  thisWeek: 'This week',
  lastWeek: 'Last week',
  baseline: 'Previous 8 weeks',
  baselineNote: 'Previous 8 weeks: average for counts, pooled share for shares, median for response times and the dialogue index.',
  indexCols: { thisWeek: 'Last 4 weeks', lastWeek: 'A week earlier', baseline: 'Median 8 weeks before' },
  runningWeek: 'so far this week – provisional figures',
  nOfM: (n, m) => `${n} of ${m}`,
  medianRests: (n, m) => `${n} of ${m} questions answered`,
  targetLine: (n, m, target) => `${n} of ${m} questions answered within target (${target}).`,
  targetDefault: 'one office day',
  targetHours: (h) => `${h} office hours`,
  peerCountry: 'in the whole country',
  peerChosen: 'among the peers you picked',
  vsLastWeek: 'vs last week',
  vsBaseline: 'vs own median of the previous 8 weeks',
  points: 'points',
  keyFigures: 'Key figures',
  questions: 'Questions from residents',
  answered: 'Answered within 7 days',
  medianResponse: 'Median response time',
  openAtWeekEnd: 'Unanswered at week end',
  sections: {
    summary: 'Summary',
    quality: 'About the data',
    index: 'The dialogue index and its parts',
    peers: 'Compared with other municipalities',
    activity: 'The municipality\'s posts and residents\' voice',
    responsiveness: 'Questions and answers',
    open: 'Unanswered questions',
    postKinds: 'Which kinds of posts drew dialogue',
    threads: 'The week\'s most engaging threads',
    moderation: 'Moderation',
    platforms: 'Per platform',
    about: 'About the figures',
  },
  peersIntro: 'Position is a percentile: the share of municipalities in the group with a lower value. Groups with fewer than 5 municipalities with figures are not shown.',
  peerCounty: (c) => `in ${c}`,
  peerSize: (basis, label, year) => (basis === 'population' ? `among ${label}${year ? ` (SSB 1 Jan ${year})` : ''}` : `among municipalities with ${label}`),
  sizeLabels: {
    small: 'small municipalities (under 5,000 residents)',
    medium: 'medium municipalities (5,000–19,999 residents)',
    large: 'large municipalities (20,000 residents or more)',
    followers_lt2000: 'under 2,000 followers',
    followers_2000_9999: '2,000–9,999 followers',
    followers_10000: '10,000 followers or more',
  },
  percentileText: (p, n) => `percentile ${p} of ${n} municipalities`,
  peerSuppressed: (n) => `too few municipalities with figures (${n})`,
  peerOwnMissing: 'no value for the municipality this week',
  peerMedian: 'group median',
  metricDialogue: 'Dialogue index',
  metricResponseRate: 'Response rate',
  activityRows: {
    ownerPosts: 'Municipality posts',
    ownerReplies: 'Municipality replies and comments',
    citizenItems: 'Posts and comments from residents',
    citizenAuthors: 'Residents who wrote',
    citizenShare: 'Residents\' share of all content',
    replyShare: 'Share of the municipality\'s output that is replies',
  },
  megaphone: (r) => `For every reply, the municipality published ${r} posts.`,
  respRows: {
    questions: 'Questions',
    responseRate: 'Response rate (within 7 days)',
    timelyRate: 'Answered within one office day',
    median: 'Median response time',
    p90: '90% answered within',
    officeMedian: 'Median response time',
    officeP90: '90% answered within',
  },
  allHours: 'all hours',
  officeHours: 'office hours',
  ci: (l, h) => `uncertainty (95%): ${l}–${h}`,
  buckets: { lt1h: 'Under 1 hour', h1to4: '1–4 hours', h4to24: '4–24 hours', d1to3: '1–3 days', d3to7: '3–7 days', unanswered: 'Not answered (this week\'s questions)' },
  openText: (c, oldest, age) => `${c} questions were unanswered at the end of the week. The oldest was asked ${oldest} (${age} before the week ended).`,
  openNone: 'No questions were left unanswered at the end of the week.',
  stillOpen: (n) => `${n} of them were still unanswered when this report was made. Alerts on unanswered questions are sent in office hours.`,
  postKindNames: {
    service_info: 'Service information',
    event: 'Events',
    crisis: 'Crisis and emergency',
    smalltalk: 'Small talk ("have a nice weekend")',
    dialogue_invitation: 'Invitations to dialogue',
    other: 'Other',
    unclassified: 'Not classified',
  },
  postKindCols: { kind: 'Kind of post', posts: 'Posts', comments: 'Resident comments', perPost: 'Per post', questions: 'Of which questions', share: 'Share' },
  postKindFinding: (k, s) => `Most response came on ${k.toLowerCase()}: ${s} of residents' comments this week.`,
  postKindNone: 'No resident comments on the municipality\'s posts this week.',
  threadLine: (d, p, k) => `${d} · ${p} · ${k}`,
  threadFigures: (i, a, r) => `${i} resident comments from ${a} people · ${r} replies from the municipality`,
  threadsNone: 'No threads with resident comments this week.',
  openPost: 'Open the post',
  moderationText: (h, d, a) => `Hidden resident items: ${h}. Deleted: ${d}. Flagged as abusive: ${a}. Hidden and deleted questions still count as questions and are never counted as answered.`,
  platformCols: { platform: 'Platform', posts: 'Posts', replies: 'Replies', citizen: 'From residents', questions: 'Questions', rate: 'Response rate', median: 'Median response', coverage: 'Coverage' },
  platformNames: { facebook: 'Facebook', youtube: 'YouTube', x: 'X', instagram: 'Instagram', bluesky: 'Bluesky', mastodon: 'Mastodon' },
  quality: {
    ok: (c) => `The data is complete: every account was collected for ${c} of the week's hours.`,
    lowCoverage: (c) => `Provisional figures: collection covered only ${c} of the week's hours, so some posts and answers may be missing.`,
    recentWeek: 'Provisional figures: the week has just ended, and answers given in the next days still count for it. The figures may improve slightly.',
    gaps: (l) => `Accounts with collection gaps: ${l}.`,
    followersUnknown: 'The follower count is unknown, so resident voice per 1,000 followers cannot be computed.',
    engagementLate: (p, d) => `Reactions, comments and shares of ${p} of the week's posts are figures measured later than 7 days after the post (median ${d} days after), because they were first collected then.`,
    missingWeeks: (n) => `${n} of the last 12 weeks have no figures (gaps in the charts).`,
  },
  charts: {
    trendTitle: 'Dialogue index and response rate, last 12 weeks',
    trendDesc: (w, i, r) => `Line chart for ${w}. Dialogue index (0–100): ${i}. Response rate in percent: ${r}.`,
    activityTitle: 'Municipality posts and replies vs resident items, by week',
    activityDesc: (p, r, c) => `Bar chart by week. Municipality posts: ${p}. Municipality replies: ${r}. From residents: ${c}.`,
    responseTitle: 'Response time for the week\'s questions',
    responseDesc: (l) => `Bar chart of response times for the week's questions: ${l}.`,
    responseEmpty: 'No questions this week',
    weekAxis: 'week',
    seriesIndex: 'Dialogue index',
    seriesRate: 'Response rate (%)',
    seriesPosts: 'Municipality posts',
    seriesReplies: 'Municipality replies',
    seriesCitizen: 'From residents',
    noValue: 'no value',
  },
  about: (v, c, at) => `Figures follow Lyttepost definitions version ${v} (classifier ${c}), read ${at}. Weeks run Monday to Sunday, Norwegian time. A question counts as answered when the municipality writes in the same thread within 7 days; likes, hiding and deletion are never answers.`,
  residentsNote: 'This report contains no names or text from residents, only figures.',
  subject: (m, w, i) => `${m}: social media dialogue ${w}${i ? ` – dialogue index ${i}` : ''}`,
  pdfNote: 'The report is also attached as a PDF.',
};

export const STRINGS: Record<Lang, Strings> = { nb, en };
export const t = (lang: Lang): Strings => STRINGS[lang];

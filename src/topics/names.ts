/** User-facing names of the topic labels, bokmål and English (kept out of src/reports/i18n.ts). */
import type { TopicId } from './labels.js';

export type TopicLang = 'nb' | 'en';

const NAMES: Record<TopicLang, Record<TopicId | 'none', string>> = {
  nb: {
    renovasjon: 'Renovasjon',
    'vann-og-avlop': 'Vann og avløp',
    'vei-og-broyting': 'Vei og brøyting',
    parkering: 'Parkering',
    kollektiv: 'Kollektivtransport',
    barnehage: 'Barnehage',
    skole: 'Skole',
    'helse-og-omsorg': 'Helse og omsorg',
    legevakt: 'Legevakt',
    nav: 'NAV',
    byggesak: 'Byggesak',
    eiendomsskatt: 'Eiendomsskatt',
    'kultur-og-fritid': 'Kultur og fritid',
    beredskap: 'Beredskap',
    annet: 'Andre tjenester',
    none: 'Uten tjenesteområde',
  },
  en: {
    renovasjon: 'Waste collection',
    'vann-og-avlop': 'Water and sewage',
    'vei-og-broyting': 'Roads and snow clearing',
    parkering: 'Parking',
    kollektiv: 'Public transport',
    barnehage: 'Kindergarten',
    skole: 'School',
    'helse-og-omsorg': 'Health and care',
    legevakt: 'Out-of-hours clinic',
    nav: 'NAV (welfare)',
    byggesak: 'Building permits',
    eiendomsskatt: 'Property tax',
    'kultur-og-fritid': 'Culture and leisure',
    beredskap: 'Emergency preparedness',
    annet: 'Other services',
    none: 'No service area',
  },
};

export function topicName(topic: string, lang: TopicLang): string {
  return (NAMES[lang] as Record<string, string>)[topic] ?? topic;
}

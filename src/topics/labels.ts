/**
 * The fixed set of service-topic labels (issue #25). The ids are part of the external interface
 * (`lyttepost classify`, the API, exports): never rename one; add new Los areas as new ids.
 * Each label is one or more Los themes (second level) or subject terms: see assets/los-topics.json and
 * src/topics/derive-vocabulary.ts for the mapping.
 */
export const TOPIC_IDS = [
  'renovasjon',
  'vann-og-avlop',
  'vei-og-broyting',
  'parkering',
  'kollektiv',
  'barnehage',
  'skole',
  'helse-og-omsorg',
  'legevakt',
  'nav',
  'byggesak',
  'eiendomsskatt',
  'kultur-og-fritid',
  'beredskap',
  'annet',
] as const;

export type TopicId = (typeof TOPIC_IDS)[number];

export function isTopicId(s: string): s is TopicId {
  return (TOPIC_IDS as readonly string[]).includes(s);
}

/**
 * The KS 2011 survey behind Lyttepost (BETA.KOMM – Undersøkelse om bruk av sosiale medier i kommunesektoren
 * 2011, HK Reklamebyrå for KS FoU, April 2011; ../shared/reference/indicators-research.md §0). Self-reported
 * by the municipalities, so these are *surveyed* figures: they are shown beside Lyttepost's *measured*
 * figures, never mixed with them. `observable` says whether observed posts can answer the same question.
 */
export type SurveyMeasure = {
  id:
    | 'on_social_media'
    | 'facebook'
    | 'twitter'
    | 'youtube'
    | 'goal_dialogue_services'
    | 'no_resources_to_answer'
    | 'god_helg'
    | 'few_citizen_posts';
  /** The surveyed share (0–1); null for findings of the interviews, which gave no figure. */
  surveyed: number | null;
  /** Of what the share was taken. */
  base: 'municipalities' | 'municipalities_on_social_media' | 'interviews';
  observable: 'yes' | 'counterpart' | 'no';
};

export const SURVEY_2011: readonly SurveyMeasure[] = [
  { id: 'on_social_media', surveyed: 0.58, base: 'municipalities', observable: 'yes' },
  { id: 'facebook', surveyed: 0.96, base: 'municipalities_on_social_media', observable: 'yes' },
  { id: 'twitter', surveyed: 0.42, base: 'municipalities_on_social_media', observable: 'yes' },
  { id: 'youtube', surveyed: 0.24, base: 'municipalities_on_social_media', observable: 'yes' },
  { id: 'few_citizen_posts', surveyed: null, base: 'interviews', observable: 'counterpart' },
  { id: 'god_helg', surveyed: null, base: 'interviews', observable: 'counterpart' },
  { id: 'no_resources_to_answer', surveyed: 0.21, base: 'municipalities', observable: 'counterpart' },
  { id: 'goal_dialogue_services', surveyed: 0.37, base: 'municipalities', observable: 'no' },
];

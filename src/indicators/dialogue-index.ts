/**
 * Dialogindeks (INDICATORS.md, "Dialogue index"), version 1 weights and goalpost:
 * DI = 100 × (0.40·R + 0.20·T + 0.15·H + 0.15·V + 0.10·F) over the 4 weeks ending with the week.
 */
export const DI_WEIGHTS = Object.freeze({ r: 0.4, t: 0.2, h: 0.15, v: 0.15, f: 0.1 });
/** Citizen items per 1,000 followers in the window that scores V = 1. */
export const DI_VOICE_GOALPOST = 20;
export const DI_MIN_QUESTIONS = 10;
export const DI_MIN_POSTS = 4;

/** Summed counts of the 4-week window. */
export type DialogueWindow = {
  questions: number;
  questionsAnswered: number;
  timelyAnswered: number;
  ownerPosts: number;
  ownerReplies: number;
  /** citizen_posts + citizen_comments */
  citizenItems: number;
  /** Answered questions with a follow-up. */
  followups: number;
  /** Followers at the window's end; null when unknown. */
  followers: number | null;
};

export type DialogueBand = 'megafon' | 'oppslagstavle' | 'samtalepartner' | 'høreapparat';

export type DialogueIndex = {
  /** 0–100, or null with insufficientData. */
  index: number | null;
  band: DialogueBand | null;
  insufficientData: boolean;
  /** The five parts, each 0–1; null when its own denominator is 0 or followers are unknown. */
  parts: { r: number | null; t: number | null; h: number | null; v: number | null; f: number | null };
};

export function dialogueBand(index: number): DialogueBand {
  if (index < 25) return 'megafon';
  if (index < 50) return 'oppslagstavle';
  if (index < 75) return 'samtalepartner';
  return 'høreapparat';
}

export function dialogueIndex(w: DialogueWindow): DialogueIndex {
  const r = w.questions > 0 ? w.questionsAnswered / w.questions : null;
  const t = w.questions > 0 ? w.timelyAnswered / w.questions : null;
  const out = w.ownerPosts + w.ownerReplies;
  const h = out > 0 ? Math.min(1, (2 * w.ownerReplies) / out) : null;
  const followersKnown = w.followers !== null && w.followers > 0;
  const x = followersKnown ? (w.citizenItems / (w.followers as number)) * 1000 : null;
  const v = x === null ? null : Math.min(1, Math.log(1 + x) / Math.log(1 + DI_VOICE_GOALPOST));
  // F is 0 when nothing was answered (INDICATORS.md), so that an account that answers nobody scores no depth.
  const f = w.questionsAnswered > 0 ? w.followups / w.questionsAnswered : 0;
  const enough = w.questions >= DI_MIN_QUESTIONS && w.ownerPosts >= DI_MIN_POSTS && followersKnown;
  if (!enough || r === null || t === null || h === null || v === null) {
    return { index: null, band: null, insufficientData: true, parts: { r, t, h, v, f } };
  }
  const index = 100 * (DI_WEIGHTS.r * r + DI_WEIGHTS.t * t + DI_WEIGHTS.h * h + DI_WEIGHTS.v * v + DI_WEIGHTS.f * f);
  return { index, band: dialogueBand(index), insufficientData: false, parts: { r, t, h, v, f } };
}

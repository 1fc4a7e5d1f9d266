import type { ActivityContext, Author } from './activity-context.js';
import { COMMENT_TEMPLATES } from './comment-texts.js';
import { fnrWithCheckDigits } from './fnr.js';
import type { Rng } from './random.js';
import { DAYS, FACILITIES, PLACES, type CommentKind, type CommentTemplate, type Lang } from './texts.js';
import type { Citizen } from './world.js';

/** Who writes (which resident, in which language) and what (a template, its slots filled, maybe a typo). */

const templatesByKindLang = new Map<string, CommentTemplate[]>();
for (const t of COMMENT_TEMPLATES) {
  const key = `${t.kind}:${t.lang}`;
  templatesByKindLang.set(key, [...(templatesByKindLang.get(key) ?? []), t]);
}

export function citizenAuthor(g: ActivityContext, not?: Author): Author {
  const { rng, pool } = g;
  for (;;) {
    // Squaring skews towards the start of the pool: a few residents write often, many write once.
    const c = pool[Math.floor(pool.length * rng.next() ** 2)] ?? pool[0];
    if (!c) throw new Error('empty citizen pool');
    if (not && not.citizen === c) continue;
    switch (g.platform) {
      case 'facebook':
        return { role: 'citizen', id: c.facebookId, name: c.name, handle: '', citizen: c };
      case 'youtube':
        return { role: 'citizen', id: c.youtubeChannelId, name: c.youtubeHandle, handle: c.youtubeHandle, citizen: c };
      case 'x':
        return { role: 'citizen', id: c.xId, name: c.name, handle: c.xUsername, citizen: c };
      case 'bluesky':
        return { role: 'citizen', id: c.blueskyDid, name: c.name, handle: c.blueskyHandle, citizen: c };
      case 'instagram':
        return { role: 'citizen', id: c.instagramId, name: c.instagramUsername, handle: c.instagramUsername, citizen: c };
    }
  }
}

export function commentLang(g: ActivityContext): Lang {
  const m = g.spec.municipality;
  const r = g.rng.next();
  if (r < m.englishShare) return 'en';
  return g.rng.chance(m.nynorskShare) ? 'nn' : 'nb';
}

export function template(g: ActivityContext, kind: CommentKind, lang: Lang): CommentTemplate {
  const list = templatesByKindLang.get(`${kind}:${lang}`) ?? templatesByKindLang.get(`${kind}:nb`);
  if (!list) throw new Error(`no template for ${kind}`);
  return g.rng.pick(list);
}

export function fill(g: ActivityContext, text: string, lang: Lang, author: Author | null, named: Citizen | null): string {
  if (!text.includes('{')) return text;
  const { rng } = g;
  const m = g.spec.municipality;
  return text.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'facility':
        return rng.pick(FACILITIES[lang]);
      case 'Facility':
        return upperFirst(rng.pick(FACILITIES[lang]));
      case 'place':
        return rng.pick(PLACES);
      case 'name':
        return (named ?? rng.pick(g.pool)).name;
      case 'first':
        return named?.first ?? author?.citizen?.first ?? '';
      case 'kommune':
        return m.name;
      case 'kslug':
        return m.slug;
      case 'day':
        return rng.pick(DAYS[lang]);
      case 'fnr':
        // Same draws as before (worlds stay as they were), with valid check digits in the last two places.
        return fnrWithCheckDigits(
          `${String(rng.int(1, 28)).padStart(2, '0')}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(0, 99)).padStart(2, '0')}`,
          Number(rng.digits(5).slice(0, 3)),
        );
      case 'phone': {
        const n = `${rng.pick(['9', '4'])}${rng.digits(7).slice(1)}${rng.int(0, 9)}`;
        return rng.pick([`${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`, n, `+47 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`]);
      }
      case 'email': {
        const who = author?.citizen?.name ?? rng.pick(g.pool).name;
        return `${who.toLowerCase().replace(/\s+/g, '.').replaceAll('ø', 'o').replaceAll('å', 'a').replaceAll('æ', 'ae')}@${rng.pick(['gmail.com', 'hotmail.com', 'online.no', 'outlook.com'])}`;
      }
      default:
        return `{${slot}}`;
    }
  });
}

export function hasPii(template: string): boolean {
  return /\{(fnr|phone|email)\}/.test(template);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function lowerFirst(s: string, opening: string): string {
  if (!opening || /^(@|\{|[A-ZÆØÅ]{2})/.test(s)) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** One realistic slip: swapped letters, a dropped letter, no capital, or æøå written as ae/o/aa. */
export function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^\p{L}{5,}$/u.test(w));
  const choice = rng.int(0, 3);
  if (choice === 0 && /[æøå]/.test(text)) return text.replaceAll('æ', 'ae').replaceAll('ø', 'o').replaceAll('å', 'aa');
  if (choice === 1 && /^\p{Lu}/u.test(text)) return text.charAt(0).toLowerCase() + text.slice(1);
  const picked = candidates.length ? rng.pick(candidates) : null;
  if (!picked) return text.toLowerCase();
  const [w, i] = picked;
  const k = rng.int(1, w.length - 2);
  words[i] = choice === 2 ? w.slice(0, k) + w.charAt(k + 1) + w.charAt(k) + w.slice(k + 2) : w.slice(0, k) + w.slice(k + 1);
  return words.join(' ');
}

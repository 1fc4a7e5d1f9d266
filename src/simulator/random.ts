/**
 * Seeded, dependency-free randomness for the simulator. Everything the simulator generates is a pure
 * function of (seed, label), so an account can be generated on its own, in any order, and always the same.
 */

const FNV_PRIME = 0x01000193;
const SEPARATOR = 0x241f; // '␟', between parts
const digits = new Uint8Array(16);

/** 32-bit FNV-1a over the UTF-16 code units of `s`, then avalanche-mixed. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return mix(h);
}

/**
 * A stable hash of several parts (seed first by convention): hash32 of the parts joined with '␟', computed
 * without building the joined string (it runs for every generated label and every etag). Numbers that are
 * non-negative safe integers are hashed digit by digit, exactly as their decimal string would be.
 */
export function hashOf(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) h = Math.imul(h ^ SEPARATOR, FNV_PRIME);
    const part = parts[p];
    if (typeof part === 'number' && Number.isSafeInteger(part) && part >= 0) {
      h = fnvDigits(h, part);
    } else {
      // Array.prototype.join writes null and undefined as ''.
      const str = part === undefined || part === null ? '' : String(part);
      for (let i = 0; i < str.length; i++) h = Math.imul(h ^ str.charCodeAt(i), FNV_PRIME);
    }
  }
  return mix(h);
}

/** hashOf(a, b) for two non-negative safe integers, as etags and trace ids chain a running hash with a counter. */
export function hashOfInts(a: number, b: number): number {
  if (!(Number.isSafeInteger(a) && a >= 0 && Number.isSafeInteger(b) && b >= 0)) return hashOf(a, b);
  return mix(fnvDigits(Math.imul(fnvDigits(0x811c9dc5, a) ^ SEPARATOR, FNV_PRIME), b));
}

/** FNV-1a steps over the decimal digits of a non-negative safe integer `n`. */
function fnvDigits(h: number, n: number): number {
  let k = 0;
  if (n <= 0xffffffff) {
    // uint32 arithmetic (hashes chained into hashes are uint32), which the JIT keeps in integer registers.
    let m = n >>> 0;
    do {
      const q = (m / 10) >>> 0;
      digits[k++] = 48 + (m - q * 10);
      m = q;
    } while (m !== 0);
  } else {
    // Not n % 10: past the int32 range that is a slow floating-point remainder. n / 10 < 2^50 here, so it is
    // within 1/8 of its true value and floors to the true quotient.
    do {
      const q = Math.floor(n / 10);
      digits[k++] = 48 + (n - q * 10);
      n = q;
    } while (n > 0);
  }
  while (k > 0) h = Math.imul(h ^ (digits[--k] as number), FNV_PRIME);
  return h;
}

/** The avalanche step that ends hash32. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** sfc32: small, fast, good enough statistically, and trivially seedable. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A child stream for `label`, independent of how much of this stream was consumed. */
  static of(...parts: (string | number)[]): Rng {
    return new Rng(hashOf(...parts));
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [v, w] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** Exponential with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and shape `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson-distributed count (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }

  /** `n` decimal digits, the first one non-zero. */
  digits(n: number): string {
    let s = String(this.int(1, 9));
    for (let i = 1; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  /** `n` characters from `alphabet`. */
  chars(n: number, alphabet: string): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

export const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fødselsnummer with valid mod-11 check digits from a birth date (ddmmyy) and a three-digit individual number:
 * real ones always have them, and the collectors redact only numbers whose check digits hold. When a check digit
 * would be 10 the individual number is stepped (deterministically) until both are valid.
 */
export function fnrWithCheckDigits(ddmmyy: string, individual: number): string {
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  for (let i = 0; i < 1000; i++) {
    const nine = `${ddmmyy}${String((individual + i) % 1000).padStart(3, '0')}`;
    const d = Array.from(nine, Number); // nine ASCII digits
    const k1 = (11 - (d.reduce((s, x, j) => s + x * (w1[j] ?? 0), 0) % 11)) % 11;
    if (k1 === 10) continue;
    const k2 = (11 - ([...d, k1].reduce((s, x, j) => s + x * (w2[j] ?? 0), 0) % 11)) % 11;
    if (k2 === 10) continue;
    return `${nine}${k1}${k2}`;
  }
  throw new Error(`no valid fødselsnummer for ${ddmmyy}`);
}

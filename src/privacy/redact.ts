import { isValidCheckDigits } from 'norwegian-national-id-validator';

/**
 * Redacts personal numbers from resident text before it is stored: Norwegian national identity numbers
 * (fødselsnummer and D-numbers, 11 digits, optionally written 6+5), phone numbers (8-digit Norwegian numbers
 * in the usual groupings, with or without +47/0047, and mobile numbers written 4+4) and e-mail addresses. The placeholders keep the sentence
 * readable for a person and for the classifier.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// 11 digits as one run or 6 + 5 with a space, dot or dash: ddmmyy nnnnn. Redacted only when the two mod-11 check
// digits are valid (fødselsnummer and D-number alike): "Ordre 99999999999" is an order number and stays.
const FNR = /(?<![\d])(\d{6})[ .-]?(\d{5})(?![\d])/g;
const fnrOrKeep = (m: string, a: string, b: string) => (isValidCheckDigits(a + b) ? REDACTED.fnr : m);
// +47 / 0047 prefix optional; 8 digits grouped 3-2-3, 2-2-2-2, 3-3-2 or in one run. Grouped 4-4 only after the
// prefix or as a mobile number (first digit 4 or 9) with a space or dot: "2025-2026" and "1990 2000" are periods.
const PHONE =
  /(?<![\d+])(?:(?:(?:\+|00)47[ .-]?)(?:\d{4}[ .-]\d{4})|(?:(?:\+|00)47[ .-]?)?(?:\d{8}|\d{3}[ .-]\d{2}[ .-]\d{3}|\d{2}[ .-]\d{2}[ .-]\d{2}[ .-]\d{2}|\d{3}[ .-]\d{3}[ .-]\d{2}|[49]\d{3}[ .]\d{4}))(?![\d])/g;

export const REDACTED = { email: '[e-post]', fnr: '[fødselsnummer]', phone: '[telefon]' } as const;

export function redactPersonalData(text: string): string {
  // Every e-mail address holds an `@` and every number a digit: most comments hold neither, and the patterns'
  // lookbehinds are tried at every position (about a quarter of a backfill's scrubbing time without these checks).
  const withoutEmail = text.includes('@') ? text.replace(EMAIL, REDACTED.email) : text;
  return ANY_DIGIT.test(withoutEmail) ? withoutEmail.replace(FNR, fnrOrKeep).replace(PHONE, REDACTED.phone) : withoutEmail;
}

const ANY_DIGIT = /\d/;

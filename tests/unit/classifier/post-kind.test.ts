import { describe, expect, test } from 'vitest';
import { classifyPost } from '../../../src/classifier/post-kind.js';

describe('classifyPost', () => {
  test.each([
    ['smalltalk', 'God helg!'],
    ['smalltalk', 'God morgon frå oss på rådhuset ☀️'],
    ['smalltalk', 'Gratulerer med dagen, Norge! 🇳🇴'],
    ['dialogue_invitation', 'Vi ønsker innspill til ny kommuneplan – si din mening'],
    ['dialogue_invitation', 'Kva meiner du bør skje med det gamle rådhuset? Kommenter gjerne under'],
    ['dialogue_invitation', 'Hva ønsker du deg i den nye parken?'],
    ['dialogue_invitation', 'Høyring: forslag til ny parkeringsplan'],
    ['crisis', 'Stengt vei på fv. 714 pga. ras'],
    ['crisis', 'VIKTIG: Kokevarsel for Sentrum vassverk. Kok vannet før du drikker det'],
    ['crisis', 'Rødt farevarsel for flom i kveld – følg med'],
    ['event', 'Velkommen til julegrantenning på torget lørdag kl. 16'],
    ['event', 'Konsert i kulturhuset fredag, billetter på nett'],
    ['event', 'Kom og bli med på dugnad i parken!'],
    ['service_info', 'Renovasjon: tømmeplanen endres i påskeuka'],
    ['service_info', 'Nye åpningstider på biblioteket fra 1. mars'],
    ['service_info', 'Søknadsfrist for barnehageplass er 1. mars'],
    ['other', 'Ordføreren besøkte Nordby skule i dag'],
    ['dialogue_invitation', 'Spør ordføreren! Legg igjen spørsmålet ditt her'],
    ['smalltalk', 'For en vakker morgen i dag 😍'],
  ])('%s: %j', (kind, text) => {
    const r = classifyPost(text);
    expect(r.kind).toBe(kind);
    if (kind !== 'other') expect(r.reasons.some((x) => x.startsWith(`${kind}:`))).toBe(true);
  });

  test('crisis outranks small talk and service information', () => {
    expect(classifyPost('God helg! Obs: stengt veg ved Lia etter jordras').kind).toBe('crisis');
  });

  test('job adverts are other (recruitment), not service information or invitations', () => {
    for (const t of [
      'Ledig stilling: Vi søker sykepleiere. Søknadsfrist 1. mars.',
      'Vil du jobbe i barnehage? Vi har ledige stillinger.',
    ]) {
      const r = classifyPost(t);
      expect(r.kind).toBe('other');
      expect(r.reasons[0]).toMatch(/^recruitment:/);
    }
  });

  test('empty text is other', () => {
    expect(classifyPost('   ')).toEqual({ kind: 'other', reasons: ['empty'] });
  });
});

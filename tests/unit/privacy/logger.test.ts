import { Writable } from 'node:stream';

import { describe, expect, test } from 'vitest';

import { makeLogger } from '../../../src/logger.js';

function sink(): { stream: Writable; lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, lines: () => chunks.join('') };
}

describe('logger redaction', () => {
  test('tokens, authorization headers and comment text never reach the output', async () => {
    const out = sink();
    const log = makeLogger({ LOG_LEVEL: 'info' }, out.stream).child({ module: 'collect' });
    log.info(
      {
        access_token: 'EAAGsecret1',
        request: { headers: { authorization: 'Bearer xyzsecret2' }, url: '/v24.0/1/feed' },
        headers: { Authorization: 'Bearer xyzsecret3' },
        item: { text: 'Når åpner bassenget? ring 912 34 567', token: 'tok-secret4' },
        text: 'Kari Nordmann skrev dette',
        calls: 3,
      },
      'collected page',
    );
    const err = new Error('GET https://graph.facebook.com/v24.0/1/feed?access_token=EAAGsecret5&limit=25 failed');
    log.error({ err }, 'request failed');
    const text = out.lines();
    for (const secret of ['EAAGsecret1', 'xyzsecret2', 'xyzsecret3', 'tok-secret4', 'EAAGsecret5', 'bassenget', 'Kari Nordmann']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('"calls":3');
    expect(text).toContain('[redacted]');
    expect(text).toContain('"module":"collect"');
    expect(text).toContain('access_token=[redacted]&limit=25');
  });
});

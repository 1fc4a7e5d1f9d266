import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';

import { describe, expect, test } from 'vitest';

import { logFilePath, makeLogger, type Screen } from '../../../src/logger.js';

/** A stand-in for stderr that says it is (or is not) a terminal and keeps what was written. */
function screen(isTTY: boolean): { stream: Screen; text: () => string } {
  const s = new PassThrough();
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  return { stream: Object.assign(s, { isTTY }), text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('logs on a terminal', () => {
  test('go to a file in the data dir; only warnings and errors reach the screen', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'lyttepost-log-')), 'data');
    const tty = screen(true);
    const log = makeLogger({ LOG_LEVEL: 'info', LYTTEPOST_DATA_DIR: dataDir }, undefined, tty.stream);
    log.info({ accounts: 12 }, 'collect pass finished');
    log.warn({ accountId: '7' }, 'rate limited');
    log.flush();
    const lines = readFileSync(logFilePath(dataDir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(['collect pass finished', 'rate limited']);
    expect(tty.text()).not.toContain('collect pass finished');
    expect(tty.text()).toContain('rate limited');
  });

  test('elsewhere (pipes, CI, containers) every line goes to stderr as JSON and no file is made', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'lyttepost-log-')), 'data');
    const pipe = screen(false);
    const log = makeLogger({ LOG_LEVEL: 'info', LYTTEPOST_DATA_DIR: dataDir }, undefined, pipe.stream);
    log.info('collect pass finished');
    expect((JSON.parse(pipe.text().trim()) as { msg: string }).msg).toBe('collect pass finished');
    expect(existsSync(logFilePath(dataDir))).toBe(false);
  });
});

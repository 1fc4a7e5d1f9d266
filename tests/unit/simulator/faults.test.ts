import { describe, expect, test } from 'vitest';
import { FaultController } from '../../../src/simulator/faults.js';

const call = { platform: 'x' as const, account: '123', endpoint: 'GET /2/users/:id/tweets' };

describe('FaultController', () => {
  test('applies to `count` matching calls after letting `after` through', () => {
    const fc = new FaultController([{ kind: 'server_error', platform: 'x', account: '123', count: 2, after: 1 }]);
    const seen: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const f = fc.due(call, 'server_error');
      if (f) fc.apply(f);
      seen.push(!!f);
      fc.observe(call);
    }
    expect(seen).toEqual([false, true, true, false, false]);
  });

  test('matches on platform, account and endpoint substring', () => {
    const fc = new FaultController();
    fc.add({ kind: 'rate_limit', endpoint: '/mentions' });
    expect(fc.due(call, 'rate_limit')).toBeNull();
    expect(fc.due({ ...call, endpoint: 'GET /2/users/:id/mentions' }, 'rate_limit')).not.toBeNull();
    expect(fc.due({ ...call, platform: 'facebook', endpoint: 'x /mentions' }, 'rate_limit')).not.toBeNull();
    fc.add({ kind: 'slow', account: '999' });
    expect(fc.due(call, 'slow')).toBeNull();
  });

  test('rejects invalid specs and removes by id', () => {
    const fc = new FaultController();
    expect(() => fc.add({ kind: 'retired_field' })).toThrow(/field/);
    expect(() => fc.add({ kind: 'nope' } as never)).toThrow();
    const id = fc.add({ kind: 'timeout' });
    expect(fc.list()).toHaveLength(1);
    expect(fc.remove(id)).toBe(1);
    expect(fc.list()).toHaveLength(0);
  });
});

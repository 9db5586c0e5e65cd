import { describe, expect, it } from 'vitest';
import { bandOf } from '../../src/modules/dispatch/dispatch.mapper.js';
import { matchRate } from '../../src/modules/dispatch/dispatch-reports.service.js';

describe('dispatch figures', () => {
  it('bands of days out: 0-3, 4-7, 8+', () => {
    expect([0, 3, 4, 7, 8, 40].map(bandOf)).toEqual(['0-3', '0-3', '4-7', '4-7', '8+', '8+']);
  });

  it('match rate: percent of closed dispatches matched, one decimal, 0 with none closed', () => {
    expect(matchRate(0, 0)).toBe(0);
    expect(matchRate(1, 2)).toBe(50);
    expect(matchRate(2, 3)).toBe(66.7);
    expect(matchRate(1, 3)).toBe(33.3);
    expect(matchRate(3, 3)).toBe(100);
  });
});

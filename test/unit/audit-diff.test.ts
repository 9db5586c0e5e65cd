import { describe, expect, it } from 'vitest';
import { changedFields } from '../../src/modules/audit/audit.diff.js';

describe('changedFields', () => {
  it('keeps only the fields whose values changed, on both sides', () => {
    const before = { name: 'Old', role: 'viewer', version: 1, is_active: true };
    const after = { name: 'Old', role: 'manager', version: 2, is_active: true };
    expect(changedFields(before, after)).toStrictEqual({
      before: { role: 'viewer', version: 1 },
      after: { role: 'manager', version: 2 },
    });
  });

  it('nothing changed: two empty sides', () => {
    const same = { name: 'Same', tags: ['a', 'b'], address: { city: 'Pécs' } };
    expect(changedFields(same, structuredClone(same))).toStrictEqual({ before: {}, after: {} });
  });

  it('a field on one side only counts as changed, absent on the other', () => {
    const diff = changedFields({ kept: 1, dropped: 'x' }, { kept: 1, added: 'y' });
    expect(diff).toEqual({ before: { dropped: 'x' }, after: { added: 'y' } });
    expect(JSON.parse(JSON.stringify(diff))).toStrictEqual({
      before: { dropped: 'x' },
      after: { added: 'y' },
    });
  });

  it('compares nested values and lists by content', () => {
    expect(changedFields({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toStrictEqual({
      before: { tags: ['a', 'b'] },
      after: { tags: ['b', 'a'] },
    });
    expect(changedFields({ address: { city: 'Pécs' } }, { address: { city: 'Győr' } })).toStrictEqual({
      before: { address: { city: 'Pécs' } },
      after: { address: { city: 'Győr' } },
    });
    expect(changedFields({ note: null }, { note: '' })).toStrictEqual({
      before: { note: null },
      after: { note: '' },
    });
  });

  it('compares dates by the moment, and writes them as ISO strings', () => {
    const moment = '2026-03-01T10:00:00.000Z';
    expect(changedFields({ at: new Date(moment) }, { at: new Date(moment) })).toStrictEqual({
      before: {},
      after: {},
    });
    expect(changedFields({ at: new Date(moment) }, { at: moment })).toStrictEqual({ before: {}, after: {} });
    expect(
      changedFields({ at: new Date(moment) }, { at: new Date('2026-03-02T10:00:00.000Z') }),
    ).toStrictEqual({
      before: { at: moment },
      after: { at: '2026-03-02T10:00:00.000Z' },
    });
  });

  it('keeps every field of a created or deleted record, dates as ISO strings', () => {
    const record = { id: 'u1', username: 'anna', created_at: new Date('2026-01-01T00:00:00.000Z') };
    const written = { id: 'u1', username: 'anna', created_at: '2026-01-01T00:00:00.000Z' };
    expect(changedFields(null, record)).toStrictEqual({ before: null, after: written });
    expect(changedFields(record, null)).toStrictEqual({ before: written, after: null });
    expect(changedFields(null, null)).toStrictEqual({ before: null, after: null });
  });

  it('never writes a secret, changed or not, on either side; password_changed is not one', () => {
    const before = {
      password: 'Old!pass1',
      password_hash: '$argon2id$old',
      token_hash: 'aaa',
      refresh_token: 'r1',
      clientSecret: 's1',
      PasswordHash: 'h1',
      password_changed: false,
      tokens_revoked: 0,
    };
    const after = {
      password: 'New!pass1',
      password_hash: '$argon2id$new',
      token_hash: 'bbb',
      refresh_token: 'r2',
      clientSecret: 's2',
      PasswordHash: 'h2',
      password_changed: true,
      tokens_revoked: 1,
    };
    expect(changedFields(before, after)).toStrictEqual({
      before: { password_changed: false, tokens_revoked: 0 },
      after: { password_changed: true, tokens_revoked: 1 },
    });
    const created = changedFields(null, after);
    expect(created.after).toStrictEqual({ password_changed: true, tokens_revoked: 1 });
    expect(JSON.stringify(changedFields(before, null))).not.toMatch(/Old!pass1|argon2|aaa|r1|s1|h1/);
  });
});

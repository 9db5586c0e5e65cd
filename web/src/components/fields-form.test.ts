import { describe, expect, it } from 'vitest';
import { bodyOf, type FieldSpec } from './fields-form';

describe('bodyOf', () => {
  const fields: FieldSpec[] = [
    { name: 'name', label: 'Name' },
    { name: 'depth', label: 'Depth', kind: 'number' },
    { name: 'email', label: 'E-mail', nullable: true },
    { name: 'notes', label: 'Notes' },
  ];

  it('sends numbers as numbers and trims text', () => {
    expect(bodyOf(fields, { name: ' North ', depth: '12.5', email: 'a@b.hu', notes: 'x' })).toEqual({
      name: 'North',
      depth: 12.5,
      email: 'a@b.hu',
      notes: 'x',
    });
  });

  it('leaves empty fields out for the API to default or name, but sends an emptied nullable one as null', () => {
    expect(bodyOf(fields, { name: '', depth: ' ', email: '', notes: '' })).toEqual({ email: null });
  });

  it('passes text that is not a number on as typed, for the API to name at its field', () => {
    expect(bodyOf(fields, { depth: '12,5' })).toEqual({ depth: '12,5', email: null });
  });
});

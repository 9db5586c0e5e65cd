// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import '../lib/i18n';
import type { Scan } from '../lib/gs1';
import { ScanField } from './scan-field';

afterEach(cleanup);

describe('ScanField', () => {
  it('takes the focus, hands each scan on parsed when the scanner sends Enter, and stays ready for the next', async () => {
    const scans: Scan[] = [];
    render(<ScanField onScan={(scan) => scans.push(scan)} />);
    const field = screen.getByRole('textbox');
    expect(document.activeElement).toBe(field);

    const user = userEvent.setup();
    await user.keyboard('(01)09501101530003(17)270131(10)LOT-A(30)5{Enter}');
    await user.keyboard('5901234123457{Enter}');
    expect(scans).toEqual([
      { code: '09501101530003', expiry: '2027-01-31', lot: 'LOT-A', quantity: '5', gs1: true },
      { code: '5901234123457', gs1: false },
    ]);
    expect(field).toHaveProperty('value', '');
    expect(document.activeElement).toBe(field);
  });

  it('ignores an empty Enter', async () => {
    const scans: Scan[] = [];
    render(<ScanField onScan={(scan) => scans.push(scan)} />);
    await userEvent.setup().keyboard('   {Enter}');
    expect(scans).toEqual([]);
  });
});

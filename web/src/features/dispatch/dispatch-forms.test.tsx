// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { renderWithProviders, setupSignedInApi } from '../../test-support/signed-in-api';
import { DispatchPage } from './dispatch-page';
import { ReturnForm } from './return-form';
import { WriteOffForm } from './write-off-form';

// The dispatch forms against the real API on a fresh database: what they show is the API's own answer.
const api = setupSignedInApi();
let site: { projectId: string; drillholeId: string };

beforeAll(async () => {
  const company = await api.call('POST', '/api/v1/companies', { name: 'Recsk Mining' }, 201);
  const project = await api.call(
    'POST',
    '/api/v1/projects',
    { project_id: 'P-1', name: 'North', company_id: company.id },
    201,
  );
  const hole = await api.call(
    'POST',
    '/api/v1/drillholes',
    { drillhole_id: 'DH-1', project_id: project.id },
    201,
  );
  site = { projectId: project.id, drillholeId: hole.id };
  await api.call('PUT', '/api/v1/dispatch/inventory', { hq: 50, nq: 50, reason: 'count' }, 200);
  await api.createUser({
    username: 'field1',
    email: 'field1@example.hu',
    password: 'Field!pass1',
    role: 'warehouse',
    modules: ['dispatch'],
  });
});

function wrap(children: ReactNode) {
  return renderWithProviders(children, { auth: true, router: true });
}

const dispatch = (hq: number, nq: number) =>
  api.call(
    'POST',
    '/api/v1/dispatches',
    { project_id: site.projectId, drillhole_id: site.drillholeId, hq_boxes: hq, nq_boxes: nq },
    201,
  );

describe('dispatch forms', () => {
  it('warns before posting a return that does not match what is still out', async () => {
    await i18n.changeLanguage('en');
    await api.signIn();
    const sent = await dispatch(4, 2);
    let done = 0;
    wrap(<ReturnForm dispatch={sent} onDone={() => done++} />);
    expect(screen.queryByTestId('return-mismatch')).toBeNull();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('HQ returned'));
    await user.type(screen.getByLabelText('HQ returned'), '3');
    expect(screen.getByTestId('return-mismatch').textContent).toContain('4 HQ, 2 NQ');
    await user.click(screen.getByRole('button', { name: 'Post return' }));
    await waitFor(() => expect(done).toBe(1));
    const after = await api.call('GET', `/api/v1/dispatches/${sent.id}`);
    expect(after.status).toBe('partially_returned');
  });

  it("shows the API's refusal of a write-off of a dispatch that is already closed", async () => {
    await i18n.changeLanguage('hu');
    const sent = await dispatch(1, 0);
    // Someone else takes the trays back first; this screen still shows the dispatch open.
    await api.call(
      'POST',
      `/api/v1/dispatches/${sent.id}/return`,
      { returned_hq: 1, returned_nq: 0, return_condition: 'Good' },
      200,
    );
    wrap(<WriteOffForm dispatch={sent} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Indok'), 'Lost on site');
    await user.click(screen.getByRole('button', { name: 'Leírás' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).not.toBe('');
    expect(alert.textContent).not.toMatch(/already|returned/i);
    await i18n.changeLanguage('en');
  });

  it('names an empty write-off reason at its field', async () => {
    const sent = await dispatch(1, 1);
    wrap(<WriteOffForm dispatch={sent} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Write off' }));
    const reason = screen.getByLabelText('Reason');
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
  });

  it('shows warehouse staff the return but not the write-off, which is for managers', async () => {
    await i18n.changeLanguage('en');
    await api.signIn('field1', 'Field!pass1');
    const sent = await dispatch(2, 2);
    wrap(<DispatchPage />);
    const row = (await screen.findByRole('cell', { name: sent.dispatch_number }, { timeout: 5000 })).closest(
      'tr',
    ) as HTMLElement;
    expect(await within(row).findByRole('button', { name: /^Return/ }, { timeout: 5000 })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: /^Write off/ })).toBeNull();
    // The dispatch form shows what is on the shelf, and warns of asking for more.
    await waitFor(() => expect(screen.getByTestId('trays-available').textContent).toMatch(/\d+ HQ/));
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('HQ boxes'));
    await user.type(screen.getByLabelText('HQ boxes'), '999');
    expect(screen.getByLabelText('HQ boxes').getAttribute('data-out-of-range')).toBe('true');
  });
});

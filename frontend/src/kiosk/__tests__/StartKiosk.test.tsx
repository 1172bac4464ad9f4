// Starting kiosk mode from a session: what it does is explained, the PIN is asked for
// twice and checked, and on success the whole app becomes the kiosk.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import * as backend from '../../lib/backend';
import { RefDataProvider } from '../../lib/refdata';
import { refData, session } from '../../test/fixtures';
import { KioskGate } from '../KioskGate';
import { StartKioskScreen } from '../StartKioskScreen';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

function renderStart() {
  return render(
    <RefDataProvider initial={refData}>
      <KioskGate>
        <MemoryRouter initialEntries={['/sessions/s1/kiosk']}>
          <Routes>
            <Route path="/sessions/:id/kiosk" element={<StartKioskScreen />} />
          </Routes>
        </MemoryRouter>
      </KioskGate>
    </RefDataProvider>,
  );
}

describe('start kiosk mode', { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.mocked(backend.getKioskState).mockResolvedValue({ active: false, sessionId: '', sessionTitle: '', organisation: '', themes: [], received: 0, questions: { sessionId: '', fft: true, sets: [] }, words: [] });
    vi.mocked(backend.getSession).mockResolvedValue(session());
  });

  it('explains kiosk mode and checks the PIN before asking Go', async () => {
    const user = userEvent.setup();
    renderStart();
    await screen.findByLabelText(/^Staff PIN/);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/Market stall, Brixton.*Start kiosk mode/);
    expect(screen.getByText(/shows only the feedback form/)).toBeInTheDocument();
    expect(screen.getByText(/Staff: leave kiosk/)).toBeInTheDocument();

    const pin = screen.getByLabelText(/^Staff PIN/);
    const again = screen.getByLabelText(/^Enter the PIN again/);
    expect(pin).toHaveAttribute('type', 'password');
    expect(pin).toHaveAttribute('inputmode', 'numeric');

    await user.type(pin, '12');
    await user.type(again, '13');
    await user.click(screen.getByRole('button', { name: 'Start kiosk mode' }));
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Enter a PIN of 4 to 8 numbers' })).toHaveAttribute('href', '#pin');
    expect(within(summary).getByRole('link', { name: /The two PINs do not match/ })).toHaveAttribute('href', '#pinConfirm');
    expect(backend.startKiosk).not.toHaveBeenCalled();
  });

  it('shows Go’s refusal beside the PIN', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.startKiosk).mockRejectedValueOnce({
      code: 'invalid',
      message: 'There is a problem with the PIN',
      fields: [{ field: 'pin', message: 'The PIN must be 4 to 8 numbers long' }],
    });
    renderStart();
    await user.type(await screen.findByLabelText(/^Staff PIN/), '2468');
    await user.type(screen.getByLabelText(/^Enter the PIN again/), '2468');
    await user.click(screen.getByRole('button', { name: 'Start kiosk mode' }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('The PIN must be 4 to 8 numbers long');
  });

  it('starts the kiosk: the app then shows only the feedback form', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.startKiosk).mockResolvedValueOnce({
      active: true,
      sessionId: 's1',
      sessionTitle: 'Market stall, Brixton',
      organisation: 'Healthwatch Lambeth',
      received: 0,
  questions: { sessionId: '', fft: true, sets: [] },
  words: [],
      themes: [{ id: 't-access', label: 'Access' }],
    });
    renderStart();
    await user.type(await screen.findByLabelText(/^Staff PIN/), '2468');
    await user.type(screen.getByLabelText(/^Enter the PIN again/), '2468');
    await user.click(screen.getByRole('button', { name: 'Start kiosk mode' }));
    await screen.findByRole('heading', { level: 1, name: 'Tell us what you think' });
    expect(backend.startKiosk).toHaveBeenCalledWith('s1', '2468');
    expect(screen.queryByLabelText(/^Staff PIN/)).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'Access' })).toBeInTheDocument();
    await waitFor(() => expect(window.location.hash).toBe('#/kiosk'));
  });
});

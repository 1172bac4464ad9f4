// The kiosk once rendered blank, one run in three, with "nhsuk-radios: Form inputs not
// found": the form rendered before the reference data arrived, so its "About you" radio
// groups had no inputs yet, and nhsuk-frontend's Radios (started by nhsuk-react-components
// once 'nhsuk-frontend' is imported) threw inside React, which unmounted the page. Here
// the reference data is held back until nhsuk-frontend has surely loaded: the order that
// used to go blank, made certain.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import * as backend from '../../lib/backend';
import { App } from '../../App';
import type { ReferenceData, StartupState } from '../../lib/types';
import { refData } from '../../test/fixtures';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const ok: StartupState = { status: 'ok', message: '', dataDir: '/tmp/d', backups: [], kiosk: false, repairable: false };

describe('kiosk start-up race', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '#/');
    vi.mocked(backend.getStartupState).mockResolvedValue(ok);
  });

  it('reference data arriving after nhsuk-frontend has loaded still shows the form', async () => {
    let giveRefData: (d: ReferenceData) => void = () => {};
    vi.mocked(backend.getReferenceData).mockReturnValue(new Promise((resolve) => (giveRefData = resolve)));
    vi.mocked(backend.getKioskState).mockResolvedValue({
      active: true,
      sessionId: 's1',
      sessionTitle: 'Market stall, Brixton',
      organisation: 'Healthwatch Lambeth',
      received: 0,
  questions: { sessionId: '', fft: true, sets: [] },
  words: [],
      themes: [{ id: 't-access', label: 'Access' }],
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<App />);
    await waitFor(() => expect(backend.getKioskState).toHaveBeenCalled());
    // nhsuk-frontend is loaded and every component that asked for it has started.
    await act(async () => {
      await import('nhsuk-frontend');
      for (let i = 0; i < 10; i++) await Promise.resolve();
    });
    await act(async () => giveRefData(refData));

    expect(await screen.findByRole('heading', { level: 1, name: 'Tell us what you think' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: /age group|age band|How old/i })).toBeInTheDocument();
    expect(errors.mock.calls.flat().join(' ')).not.toMatch(/Form inputs/);
    errors.mockRestore();
  });
});

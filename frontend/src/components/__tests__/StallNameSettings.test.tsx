// Settings: the organisation or team name the kiosk shows the public.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { renderAt } from '../../test/fixtures';
import { StallNameSettings } from '../StallNameSettings';
import { expectAxeClean } from '../../test/axe';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

describe('organisation name for the kiosk', () => {
  it('shows the saved name, saves a new one, and shows a refusal beside the field', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getStallName).mockResolvedValue('Healthwatch');
    const view = renderAt('/settings', [{ path: '/settings', element: <StallNameSettings /> }]);
    const box = await screen.findByLabelText('Organisation or team name');
    await waitFor(() => expect(box).toHaveValue('Healthwatch'));
    expect(box).toHaveAccessibleDescription(/Shown to the public on the kiosk/);

    vi.mocked(backend.setStallName).mockResolvedValueOnce('Healthwatch Lambeth');
    await user.clear(box);
    await user.type(box, ' Healthwatch Lambeth ');
    await user.click(screen.getByRole('button', { name: 'Save organisation name' }));
    await waitFor(() => expect(box).toHaveValue('Healthwatch Lambeth'));
    expect(backend.setStallName).toHaveBeenCalledWith(' Healthwatch Lambeth ');

    vi.mocked(backend.setStallName).mockRejectedValueOnce({
      code: 'invalid',
      message: 'Check the settings',
      fields: [{ field: 'stallName', message: 'Organisation or team name must be 100 characters or fewer' }],
    });
    await user.click(screen.getByRole('button', { name: 'Save organisation name' }));
    await waitFor(() => expect(box).toHaveAccessibleDescription(/100 characters or fewer/));
    await expectAxeClean(view.container);
  });
});

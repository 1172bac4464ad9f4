// First run (WelcomeGate) and About: what they say, what the button does, and axe.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import * as backend from '../../lib/backend';
import { WelcomeGate } from '../WelcomeScreen';
import { AboutScreen } from '../AboutScreen';
import type { Welcome } from '../../lib/types';
import { expectAxeClean } from '../../test/axe';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const welcome = (over: Partial<Welcome> = {}): Welcome => ({
  show: true,
  dataDir: 'C:\\Users\\sam\\AppData\\Local\\Involve',
  dbPath: 'C:\\Users\\sam\\AppData\\Local\\Involve\\involve.db',
  backupDir: 'C:\\Users\\sam\\AppData\\Local\\Involve\\backups',
  version: '0.1.0',
  ...over,
});

describe('first run', () => {
  beforeEach(() => {
    vi.mocked(backend.setUserName).mockReset();
    vi.mocked(backend.dismissWelcome).mockReset();
    vi.mocked(backend.setUserName).mockResolvedValue({} as never);
  });

  it('explains where data is kept, offline use and connecting later; the button dismisses it for good', async () => {
    vi.mocked(backend.getWelcome).mockResolvedValue(welcome());
    vi.mocked(backend.dismissWelcome).mockResolvedValue(undefined);
    const view = render(
      <WelcomeGate>
        <p>the app</p>
      </WelcomeGate>,
    );
    await screen.findByRole('heading', { level: 1, name: 'Welcome to Involve' });
    expect(screen.getByTestId('welcome-data-dir')).toHaveTextContent('C:\\Users\\sam\\AppData\\Local\\Involve');
    expect(screen.getByRole('heading', { name: 'It works offline' })).toBeInTheDocument();
    const later = screen.getByRole('heading', { name: 'Sharing with your team later' }).nextElementSibling as HTMLElement;
    expect(later).toHaveTextContent('Settings, then Connect to server');
    expect(screen.queryByText('the app')).toBeNull();
    await expectAxeClean(view.container);

    await userEvent.type(screen.getByLabelText('Your name'), 'Amira K.');
    await userEvent.click(screen.getByRole('button', { name: 'Start using Involve' }));
    expect(backend.setUserName).toHaveBeenCalledWith('Amira K.');
    expect(backend.dismissWelcome).toHaveBeenCalledTimes(1);
    await screen.findByText('the app');
    expect(screen.queryByTestId('welcome')).toBeNull();
  });

  it('offers the name this data folder already has', async () => {
    vi.mocked(backend.getWelcome).mockResolvedValue(welcome());
    vi.mocked(backend.getAppInfo).mockResolvedValueOnce({
      version: '0.1.0', dataDir: '', dbPath: '', deviceId: 'dev', userName: 'Sam', schemaVersion: 5, referenceVersion: '2026.1',
    });
    render(
      <WelcomeGate>
        <p>the app</p>
      </WelcomeGate>,
    );
    await waitFor(() => expect(screen.getByLabelText('Your name')).toHaveValue('Sam'));
  });

  it('shows the data folder as plain text, not as red code', async () => {
    vi.mocked(backend.getWelcome).mockResolvedValue(welcome());
    render(
      <WelcomeGate>
        <p>the app</p>
      </WelcomeGate>,
    );
    const dir = await screen.findByTestId('welcome-data-dir');
    expect(dir.tagName).toBe('P');
    expect(screen.getByTestId('welcome').querySelector('code')).toBeNull();
  });

  it('asks for the user name: starting without one is refused with the error summary', async () => {
    vi.mocked(backend.getWelcome).mockResolvedValue(welcome());
    vi.mocked(backend.dismissWelcome).mockResolvedValue(undefined);
    const view = render(
      <WelcomeGate>
        <p>the app</p>
      </WelcomeGate>,
    );
    const name = await screen.findByLabelText('Your name');
    expect(name).toHaveAttribute('autocomplete', 'name');
    await userEvent.click(screen.getByRole('button', { name: 'Start using Involve' }));
    const summary = await screen.findByTestId('error-summary');
    const link = within(summary).getByRole('link', { name: 'Enter your name, so the team knows who captured each record' });
    expect(link).toHaveAttribute('href', '#userName');
    expect(document.activeElement).toBe(summary);
    expect(backend.setUserName).not.toHaveBeenCalled();
    expect(backend.dismissWelcome).not.toHaveBeenCalled();
    await expectAxeClean(view.container);

    // Go's refusal (a name too long) is shown beside the field, and the welcome stays.
    vi.mocked(backend.setUserName).mockRejectedValueOnce({
      code: 'invalid', message: 'There is a problem with the settings', fields: [{ field: 'userName', message: 'Your name must be 100 characters or fewer' }],
    });
    await userEvent.type(name, 'Amira');
    await userEvent.click(screen.getByRole('button', { name: 'Start using Involve' }));
    await within(screen.getByTestId('error-summary')).findByRole('link', { name: 'Your name must be 100 characters or fewer' });
    expect(backend.dismissWelcome).not.toHaveBeenCalled();
    expect(screen.queryByText('the app')).toBeNull();
  });

  it('shows the app at once when the welcome was seen before', async () => {
    vi.mocked(backend.getWelcome).mockResolvedValue(welcome({ show: false }));
    render(
      <WelcomeGate>
        <p>the app</p>
      </WelcomeGate>,
    );
    await screen.findByText('the app');
    expect(screen.queryByTestId('welcome')).toBeNull();
  });

  it('shows the app when Go refuses (kiosk mode)', async () => {
    vi.mocked(backend.getWelcome).mockRejectedValue({ code: 'unavailable', message: 'Kiosk mode is on' });
    render(
      <WelcomeGate>
        <p>the app</p>
      </WelcomeGate>,
    );
    await screen.findByText('the app');
  });

  it('still lets people in if saving the dismissal fails', async () => {
    vi.mocked(backend.getWelcome).mockResolvedValue(welcome());
    vi.mocked(backend.dismissWelcome).mockRejectedValue({ code: 'internal', message: 'Internal error' });
    render(
      <WelcomeGate>
        <p>the app</p>
      </WelcomeGate>,
    );
    await userEvent.type(await screen.findByLabelText('Your name'), 'Sam');
    await userEvent.click(screen.getByRole('button', { name: 'Start using Involve' }));
    await screen.findByText('the app');
  });
});

describe('about', () => {
  beforeEach(() => {
    vi.mocked(backend.getAppInfo).mockResolvedValue({
      version: '0.1.0-dev+abc1234',
      dataDir: '/home/sam/.local/share/involve',
      dbPath: '/home/sam/.local/share/involve/involve.db',
      deviceId: 'dev',
      userName: 'Sam',
      schemaVersion: 5,
      referenceVersion: '2026.1',
    });
  });

  it('shows the version, data folder, licence and the components with their licences', async () => {
    vi.mocked(backend.getThirdPartyLicences).mockResolvedValue({
      go: [
        { name: 'github.com/wailsapp/wails/v2', version: 'v2.11.0', licence: 'MIT' },
        { name: 'github.com/xuri/excelize/v2', version: 'v2.11.1', licence: 'BSD-3-Clause' },
      ],
      npm: [{ name: 'react', version: '19.3.1', licence: 'MIT' }],
    });
    const view = render(
      <MemoryRouter>
        <AboutScreen />
      </MemoryRouter>,
    );
    expect(await screen.findByTestId('about-version')).toHaveTextContent('0.1.0-dev+abc1234');
    expect(screen.getByTestId('about-data-dir')).toHaveTextContent('/home/sam/.local/share/involve');
    expect(screen.getByTestId('about-licence')).toHaveTextContent('MIT Licence');
    const go = await screen.findByTestId('components-go');
    expect(within(go).getByRole('row', { name: /github.com\/xuri\/excelize\/v2 v2.11.1 BSD-3-Clause/ })).toBeInTheDocument();
    const npm = screen.getByTestId('components-npm');
    expect(within(npm).getByRole('row', { name: /react 19.3.1 MIT/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to Settings' })).toHaveAttribute('href', '/settings');
    await expectAxeClean(view.container);
  });

  it('says where the list is when this build has none', async () => {
    vi.mocked(backend.getThirdPartyLicences).mockRejectedValue(new Error('404'));
    render(
      <MemoryRouter>
        <AboutScreen />
      </MemoryRouter>,
    );
    await waitFor(() => expect(screen.getByTestId('components-missing')).toBeInTheDocument());
    expect(await screen.findByTestId('about-version')).toHaveTextContent('0.1.0-dev+abc1234');
  });
});

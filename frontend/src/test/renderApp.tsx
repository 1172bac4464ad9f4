// Renders the app's routes (or one screen) at a path, with the reference data and the
// flash banner's provider, as the screen tests need them (backend.ts mocked).
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../App';
import { LockGate } from '../lock/LockGate';
import { FlashProvider } from '../lib/flash';
import { RefDataProvider } from '../lib/refdata';
import { refData } from './fixtures';

/** lockGate: inside the app lock's gate, as in the app (useLock answers from getLockState). */
export function renderApp(path: string, { lockGate = false }: { lockGate?: boolean } = {}) {
  return renderScreen(lockGate ? <LockGate><AppRoutes /></LockGate> : <AppRoutes />, path);
}

/** One screen at a path (its route's parameters are not parsed: use renderApp for those). */
export function renderScreen(screen: ReactElement, path: string) {
  return render(
    <RefDataProvider initial={refData}>
      <FlashProvider>
        <MemoryRouter initialEntries={[path]}>{screen}</MemoryRouter>
      </FlashProvider>
    </RefDataProvider>,
  );
}

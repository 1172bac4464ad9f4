// Renders the app's routes at a path, with the reference data and the flash banner's
// provider, as the screen tests of whole routes need them (backend.ts mocked).
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../App';
import { FlashProvider } from '../lib/flash';
import { RefDataProvider } from '../lib/refdata';
import { refData } from './fixtures';

export function renderApp(path: string) {
  return render(
    <RefDataProvider initial={refData}>
      <FlashProvider>
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
        </MemoryRouter>
      </FlashProvider>
    </RefDataProvider>,
  );
}

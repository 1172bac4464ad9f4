import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../../lib/backend';
import { renderAt } from '../../../test/fixtures';
import { expectAxeClean } from '../../../test/axe';
import { translation } from '../../../test/questionBuilderFixtures';
import { KioskWordsListScreen, KioskWordsScreen } from '../KioskWordsScreen';
import en from '../../../kiosk/locales/en.json';
import type { Translation } from '../../../lib/questions';

vi.mock('../../../lib/backend', () => import('../../../test/backendMock'));

const routes = [
  { path: '/kiosk-words', element: <KioskWordsListScreen /> },
  { path: '/kiosk-words/:lang', element: <KioskWordsScreen /> },
];

describe('the kiosk’s words', () => {
  beforeEach(() => {
    vi.mocked(backend.listKioskWords).mockResolvedValue([
      translation({ id: 'kw-ur', of: 'kiosk', language: 'ur', languageName: 'اردو', reviewed: true, texts: { 'page.title': 'ہمیں بتائیں' } }),
    ]);
    vi.mocked(backend.saveTranslation).mockImplementation((t: Translation) => Promise.resolve(t));
  });

  it('lists the languages added as data and says English and Spanish ship in the app', async () => {
    const user = userEvent.setup();
    const { container } = renderAt('/kiosk-words', routes);
    const list = await screen.findByTestId('kiosk-languages');
    expect(list).toHaveTextContent('اردو');
    expect(list).toHaveTextContent('reviewed');
    expect(screen.getByText(/English and Spanish ship in the app and are not edited here/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Español/ })).toBeNull();
    await expectAxeClean(container);
    await user.type(screen.getByLabelText('Another language’s code'), 'es');
    await user.click(screen.getByRole('button', { name: 'Add this language' }));
    expect(screen.getByText('That language ships with the app and is not edited here')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Another language’s code'));
    await user.type(screen.getByLabelText('Another language’s code'), 'so');
    await user.type(screen.getByLabelText(/Its name/), 'Soomaali');
    await user.click(screen.getByRole('button', { name: 'Add this language' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/kiosk-words/so?name=Soomaali');
  });

  it('edits every word of en.json side by side, right to left for Urdu, saved as the kiosk’s', async () => {
    const user = userEvent.setup();
    const { container } = renderAt('/kiosk-words/ur', routes);
    await screen.findByTestId('translation-editor');
    const boxes = Array.from(document.querySelectorAll<HTMLElement>('input[id^="texts."], textarea[id^="texts."]'));
    const keys = Object.keys(en).filter((k) => k !== 'language.dir');
    expect(boxes.map((b) => b.id.slice('texts.'.length))).toEqual(keys);
    expect(boxes.every((b) => b.getAttribute('dir') === 'rtl' && b.getAttribute('lang') === 'ur')).toBe(true);
    expect(document.getElementById('texts.page.title')).toHaveValue('ہمیں بتائیں');
    expect(screen.getByText(en['page.intro'])).toBeInTheDocument();
    await expectAxeClean(container);
    await user.click(screen.getByRole('button', { name: 'Save translation' }));
    await waitFor(() => expect(backend.saveTranslation).toHaveBeenCalled());
    const saved = vi.mocked(backend.saveTranslation).mock.calls[0][0];
    expect(saved).toMatchObject({ id: 'kw-ur', of: 'kiosk', language: 'ur', reviewed: true });
    expect(saved.texts).toEqual({ 'page.title': 'ہمیں بتائیں', 'language.dir': 'rtl', 'language.name': 'اردو' });
  });

  it('does not edit Spanish, which ships in the app', async () => {
    renderAt('/kiosk-words/es', routes);
    expect(await screen.findByText(/English and Spanish ship in the app/)).toBeInTheDocument();
    expect(screen.queryByTestId('translation-editor')).toBeNull();
  });
});

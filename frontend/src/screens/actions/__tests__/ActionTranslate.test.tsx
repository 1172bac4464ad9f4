// An action's translations (issue 16): the "Translations" part of its page (languages,
// reviewed tags, Add a language), and the side-by-side editor of its "you said" and
// "we did" (English beside each box, Arabic right to left, Reviewed), with axe.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../../lib/backend';
import { renderAt, themes } from '../../../test/fixtures';
import { expectAxeClean } from '../../../test/axe';
import { emptyAction } from '../../../lib/action';
import type { ActionView } from '../../../lib/types';
import type { Translation } from '../../../lib/questions';
import { newTranslation } from '../../../questions/model';
import { ActionEditScreen } from '../../ActionEditScreen';
import { ActionTranslateScreen } from '../ActionTranslateScreen';

vi.mock('../../../lib/backend', () => import('../../../test/backendMock'));

const view = (): ActionView => ({
  ...emptyAction({
    id: 'a1',
    rev: 1,
    createdAt: '2026-03-01T10:00:00.000Z',
    youSaid: 'The queues are too long',
    weDid: 'We opened a second desk.',
    status: 'done',
  }),
  overdue: false,
  feedback: [],
  themeLabel: '',
  projectName: '',
  sessionTitle: '',
});

const arabic = (): Translation => ({
  ...newTranslation('action:a1', 'ar', 'العربية'),
  id: 'tr-ar',
  rev: 1,
  texts: { youSaid: 'الطوابير طويلة جدا' },
});

const routes = [
  { path: '/actions/:id/edit', element: <ActionEditScreen /> },
  { path: '/actions/:id/translate/:lang', element: <ActionTranslateScreen /> },
];

const boxes = () => Array.from(document.querySelectorAll<HTMLTextAreaElement>('textarea[id^="texts."]'));

describe('translating an action', { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.mocked(backend.listThemes).mockResolvedValue(themes);
    vi.mocked(backend.listFeedback).mockResolvedValue([]);
    vi.mocked(backend.getAction).mockResolvedValue(view());
    vi.mocked(backend.listActionTranslations).mockResolvedValue([arabic()]);
    vi.mocked(backend.saveTranslation).mockReset();
    vi.mocked(backend.saveTranslation).mockImplementation((t: Translation) => Promise.resolve(t));
  });

  it('lists the action’s languages on its page and suggests others', async () => {
    const { container } = renderAt('/actions/a1/edit', routes);
    const langs = await screen.findByTestId('action-languages');
    expect(backend.listActionTranslations).toHaveBeenCalledWith('a1');
    expect(langs).toHaveTextContent('العربية');
    expect(langs).toHaveTextContent('not reviewed');
    expect(screen.getByRole('link', { name: /\(ar\): edit the translation/ })).toHaveAttribute('href', '/actions/a1/translate/ar');
    expect(screen.getByRole('link', { name: /Polski \(Polish, pl\)/ })).toHaveAttribute('href', '/actions/a1/translate/pl?name=Polski');
    expect(screen.queryByRole('link', { name: /\(Arabic, ar\)/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /Easy read/ })).toBeNull();
    await expectAxeClean(container);
  });

  it('shows the English beside each box, Arabic right to left, and saves with the reviewed tick', async () => {
    const user = userEvent.setup();
    const { container } = renderAt('/actions/a1/translate/ar', routes);
    await screen.findByTestId('translation-editor');
    expect(boxes().map((b) => b.id)).toEqual(['texts.youSaid', 'texts.weDid']);
    for (const b of boxes()) {
      expect(b).toHaveAttribute('lang', 'ar');
      expect(b).toHaveAttribute('dir', 'rtl');
    }
    expect(boxes()[0]).toHaveValue('الطوابير طويلة جدا');
    expect(boxes()[0]).toHaveAccessibleDescription('The queues are too long');
    expect(boxes()[1]).toHaveAccessibleDescription('We opened a second desk.');
    await user.type(boxes()[1], 'فتحنا مكتبا ثانيا.');
    await user.click(screen.getByLabelText('Reviewed by someone who reads this language'));
    await expectAxeClean(container);
    await user.click(screen.getByRole('button', { name: 'Save translation' }));
    await waitFor(() => expect(backend.saveTranslation).toHaveBeenCalled());
    const saved = vi.mocked(backend.saveTranslation).mock.calls[0][0];
    expect(saved).toMatchObject({ id: 'tr-ar', of: 'action:a1', language: 'ar', languageName: 'العربية', reviewed: true });
    expect(saved.texts).toEqual({ youSaid: 'الطوابير طويلة جدا', weDid: 'فتحنا مكتبا ثانيا.' });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/actions/a1/edit'));
  });

  it('starts a new language left to right for Polish', async () => {
    const user = userEvent.setup();
    renderAt('/actions/a1/translate/pl?name=Polski', routes);
    await screen.findByTestId('translation-editor');
    expect(boxes()[0]).toHaveAttribute('dir', 'ltr');
    expect(boxes()[0]).toHaveValue('');
    await user.type(boxes()[1], 'Otworzyliśmy drugie stanowisko.');
    await user.click(screen.getByRole('button', { name: 'Save translation' }));
    await waitFor(() => expect(backend.saveTranslation).toHaveBeenCalled());
    expect(vi.mocked(backend.saveTranslation).mock.calls[0][0]).toMatchObject({
      id: '',
      of: 'action:a1',
      language: 'pl',
      languageName: 'Polski',
      reviewed: false,
      texts: { weDid: 'Otworzyliśmy drugie stanowisko.' },
    });
  });
});

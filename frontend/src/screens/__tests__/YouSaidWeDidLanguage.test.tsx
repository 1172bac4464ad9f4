// The "you said, we did" screen's Language select (issue 16): English plus the
// languages at least one chosen action is translated into; choosing one says which
// actions stay in English and sends the language; unticking the only translated action
// takes its language away (back to English); axe.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { YouSaidWeDidPreview } from '../../lib/types';
import { YouSaidWeDidScreen, languageChoices, languageNote } from '../YouSaidWeDidScreen';
import { renderApp } from '../../test/renderApp';
import type { ActionView } from '../../lib/types';
import { emptyAction } from '../../lib/action';
import { expectAxeClean } from '../../test/axe';
import { renderScreen } from '../../test/renderApp';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const item = (actionId: string, youSaid: string, weDid: string) => ({ actionId, youSaid, about: '', weDid, posterCannotShow: false, lang: '' });

const preview = (): YouSaidWeDidPreview => ({
  team: 'Involvement team',
  contact: 'Email involve@example.nhs.uk',
  period: '',
  project: '',
  made: '6 December 2026',
  items: [item('a1', 'The queues are too long', 'A second desk.'), item('a2', 'Parking', 'More spaces.'), item('a3', 'Signs', 'New signs.')],
  withheld: 0,
  languages: [
    { code: 'ar', name: 'العربية', rtl: true, actionIds: ['a3'], posterCannotShow: ['a3'] },
    { code: 'pl', name: 'Polski', rtl: false, actionIds: ['a1', 'a2'], posterCannotShow: [] },
  ],
});

const lastRequest = () => vi.mocked(backend.publishYouSaidWeDid).mock.calls.at(-1)?.[0];
const options = () =>
  within(screen.getByLabelText('Language'))
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('You said, we did in another language', { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 11, 6, 10, 0) });
    vi.mocked(backend.listProjects).mockResolvedValue([]);
    vi.mocked(backend.previewYouSaidWeDid).mockResolvedValue(preview());
    vi.mocked(backend.publishYouSaidWeDid).mockResolvedValue({
      cancelled: false,
      path: '/home/me/you-said-we-did-2026-12-06.html',
      publicationId: 'p1',
      actions: 3,
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.mocked(backend.publishYouSaidWeDid).mockReset();
    vi.mocked(backend.previewYouSaidWeDid).mockReset();
  });

  it('offers English and the chosen actions’ languages, says which stay in English, and sends the language', async () => {
    const user = userEvent.setup();
    const { container } = renderScreen(<YouSaidWeDidScreen />, '/you-said-we-did');
    await screen.findAllByTestId('ysd-item');
    expect(options()).toEqual(['English', 'العربية (ar)', 'Polski (pl)']);
    await user.selectOptions(screen.getByLabelText('Language'), 'pl');
    expect(screen.getByLabelText('Language')).toHaveAccessibleDescription(
      /2 of the 3 chosen actions will be in Polski; the other stays in English/,
    );
    const notes = screen.getAllByTestId('ysd-english-note');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toHaveTextContent('No Polski translation: stays in English.');
    await expectAxeClean(container);
    await user.click(screen.getByLabelText('Web page'));
    await user.selectOptions(screen.getByLabelText('Where it will be published'), 'newsletter');
    await user.click(screen.getByRole('button', { name: 'Make and save' }));
    await screen.findByTestId('ysd-done');
    expect(lastRequest()).toMatchObject({ actionIds: ['a1', 'a2', 'a3'], language: 'pl', format: 'web_page' });
  });

  it('marks the actions whose translated words the poster cannot show', async () => {
    const user = userEvent.setup();
    renderScreen(<YouSaidWeDidScreen />, '/you-said-we-did');
    await screen.findAllByTestId('ysd-item');
    await user.click(screen.getByLabelText('Poster or leaflet (PDF)'));
    expect(screen.queryAllByTestId('ysd-poster-note')).toHaveLength(0);
    await user.selectOptions(screen.getByLabelText('Language'), 'ar');
    const notes = screen.getAllByTestId('ysd-poster-note');
    expect(notes).toHaveLength(1);
    expect(notes[0].closest('.nhsuk-checkboxes__item')).toHaveTextContent('New signs.');
  });

  it('takes a language away when none of the chosen actions has it', async () => {
    const user = userEvent.setup();
    renderScreen(<YouSaidWeDidScreen />, '/you-said-we-did');
    await screen.findAllByTestId('ysd-item');
    await user.selectOptions(screen.getByLabelText('Language'), 'ar');
    await user.click(screen.getByRole('checkbox', { name: /Signs/ }));
    await waitFor(() => expect(options()).toEqual(['English', 'Polski (pl)']));
    expect(screen.getByLabelText('Language')).toHaveValue('');
    await user.click(screen.getByLabelText('Web page'));
    await user.selectOptions(screen.getByLabelText('Where it will be published'), 'newsletter');
    await user.click(screen.getByRole('button', { name: 'Make and save' }));
    await screen.findByTestId('ysd-done');
    expect(lastRequest()).toMatchObject({ actionIds: ['a1', 'a2'], language: '' });
  });

  it('words the hint', () => {
    const pl = preview().languages[1];
    expect(languageChoices(preview().languages, ['a2'])).toEqual([{ code: 'pl', label: 'Polski (pl)' }]);
    expect(languageNote(pl, ['a1', 'a2'])).toBe('All 2 chosen actions will be in Polski. The headings and opening words stay in English.');
    expect(languageNote(pl, ['a1'])).toBe('The chosen action will be in Polski. The headings and opening words stay in English.');
    expect(languageNote(pl, ['a1', 'a2', 'a3', 'a4'])).toMatch(/^2 of the 4 chosen actions will be in Polski; the other 2 stay in English/);
  });

  it('the board says a publication’s language', async () => {
    const done: ActionView = {
      ...emptyAction({ id: 'a1', rev: 1, youSaid: 'Queues', weDid: 'A second desk.', status: 'done', published: true, communicatedOn: '2026-12-01', channel: 'website' }),
      overdue: false,
      feedback: [],
      themeLabel: '',
      projectName: '',
      sessionTitle: '',
    };
    vi.mocked(backend.getActionsBoard).mockResolvedValue({
      today: '2026-12-06',
      overdue: 0,
      columns: [{ status: 'done', label: 'Done', actions: [done] }],
      needsResponse: [],
      needsResponseTotal: 0,
    });
    vi.mocked(backend.listActionPublications).mockResolvedValue([
      { actionId: 'a1', publishedOn: '2026-12-01', format: 'web_page', formatLabel: 'Web page', language: 'pl' },
    ]);
    renderApp('/actions');
    await waitFor(() => expect(screen.getByTestId('published')).toHaveTextContent('Published on 1 December 2026 (Web page, language pl)'));
  });
});

// The "you said, we did" screen (#/you-said-we-did): the preview as the public will read
// it, filters → the filter Go receives, unticking an action leaves it out of the request,
// the sentence for actions left out, the poster format, a refused form (error summary with links, focused),
// a cancelled Save dialog, success (focused, Open / Show in folder), the route and the
// links to it, and axe.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { ActionView, BackendError, YouSaidWeDidPreview } from '../../lib/types';
import { emptyAction } from '../../lib/action';
import { POSTER_CANNOT_SHOW, YouSaidWeDidScreen, withheldText } from '../YouSaidWeDidScreen';
import { ReportsScreen } from '../ReportsScreen';
import { expectAxeClean } from '../../test/axe';
import { renderApp, renderScreen } from '../../test/renderApp';
import { dateGroup, dateShown, typeDate } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const preview = (over: Partial<YouSaidWeDidPreview> = {}): YouSaidWeDidPreview => ({
  team: 'Involvement team',
  contact: 'Email involve@example.nhs.uk',
  period: '',
  project: '',
  made: '6 December 2026',
  items: [
    { actionId: 'a1', youSaid: 'The signs are confusing', about: '', weDid: 'New signs went up.', posterCannotShow: false, lang: '' },
    { actionId: 'a2', youSaid: '', about: 'Parking', weDid: 'Ten more spaces.', posterCannotShow: false, lang: '' },
    { actionId: 'a3', youSaid: 'Long waits', about: '', weDid: 'A second clinic on Fridays.', posterCannotShow: false, lang: '' },
  ],
  withheld: 0,
  languages: [],
  ...over,
});

const renderYSD = () => renderScreen(<YouSaidWeDidScreen />, '/you-said-we-did');
const lastRequest = () => vi.mocked(backend.publishYouSaidWeDid).mock.calls.at(-1)?.[0];

describe('You said, we did screen', { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 11, 6, 10, 0) });
    vi.mocked(backend.listProjects).mockResolvedValue([]);
    vi.mocked(backend.previewYouSaidWeDid).mockResolvedValue(preview());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.mocked(backend.publishYouSaidWeDid).mockReset();
    vi.mocked(backend.previewYouSaidWeDid).mockReset();
  });

  it('shows each done action as the public will read it, all ticked, and the remembered contact line', async () => {
    const { container } = renderYSD();
    const items = await screen.findAllByTestId('ysd-item');
    expect(items).toHaveLength(3);
    const box = screen.getByTestId('ysd-items');
    expect(within(box).getByRole('checkbox', { name: /You said The signs are confusing\s*We did New signs went up\./ })).toBeChecked();
    expect(within(box).getByRole('checkbox', { name: /You told us about parking\s*We did Ten more spaces\./ })).toBeChecked();
    expect(within(box).getAllByRole('checkbox').every((c) => (c as HTMLInputElement).checked)).toBe(true);
    expect(screen.getByTestId('ysd-status')).toHaveTextContent('3 done actions can be published.');
    expect(screen.getByLabelText('Contact line')).toHaveValue('Email involve@example.nhs.uk');
    expect(dateShown(dateGroup('Date published'))).toBe('6 12 2026');
    expect(screen.queryByTestId('ysd-withheld')).toBeNull();
    expect(vi.mocked(backend.previewYouSaidWeDid)).toHaveBeenLastCalledWith({
      from: '',
      to: '',
      projectId: '',
      borough: '',
      sessionType: '',
      teamId: '',
    });
    await expectAxeClean(container);
  });

  it('sends the period and project chosen', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.listProjects).mockResolvedValue([
      {
        id: 'p1',
        name: 'Waiting times in Croydon',
        lead: '',
        funder: '',
        startDate: '',
        endDate: '',
        aim: '',
        core20plus5: [],
        plusGroups: [],
        boroughs: [],
        sessionCount: 2,
        createdAt: '',
        updatedAt: '',
        createdBy: '',
        deviceId: '',
        rev: 1,
      },
    ]);
    renderYSD();
    await screen.findAllByTestId('ysd-item');
    await user.selectOptions(await screen.findByLabelText('Project'), 'p1');
    await typeDate(user, dateGroup('From'), '2026-04-01');
    await typeDate(user, dateGroup('To'), '2027-03-31');
    await waitFor(() =>
      expect(vi.mocked(backend.previewYouSaidWeDid)).toHaveBeenLastCalledWith(
        expect.objectContaining({ from: '2026-04-01', to: '2027-03-31', projectId: 'p1' }),
      ),
    );
  });

  it('says how many done actions are left out, and why', async () => {
    vi.mocked(backend.previewYouSaidWeDid).mockResolvedValue(preview({ withheld: 2 }));
    const { container } = renderYSD();
    const note = await screen.findByTestId('ysd-withheld');
    expect(note).toHaveTextContent(
      '2 done actions are left out: what people said can\u2019t be shown (no quote consent, or it can\u2019t be checked) and they have no theme. Give them a theme or reword what people said.',
    );
    expect(withheldText(1)).toMatch(/^1 done action is left out: .* and it has no theme\. Give it a theme/);
    await expectAxeClean(container);
  });

  it('makes the chosen actions only, then says so with the file and focuses the message', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.publishYouSaidWeDid).mockResolvedValue({
      cancelled: false,
      path: '/home/me/Documents/you-said-we-did-2026-12-06.html',
      publicationId: 'pub1',
      actions: 2,
    });
    vi.mocked(backend.openExportedFile).mockResolvedValue(undefined);
    const { container } = renderYSD();
    await screen.findAllByTestId('ysd-item');
    await user.click(screen.getByRole('checkbox', { name: /Long waits/ }));
    await user.click(screen.getByLabelText('Web page'));
    await user.selectOptions(screen.getByLabelText('Where it will be published'), 'newsletter');
    await user.type(screen.getByLabelText('Note (optional)'), 'Winter newsletter');
    await user.click(screen.getByRole('button', { name: 'Make and save' }));

    const done = await screen.findByTestId('ysd-done');
    expect(lastRequest()).toEqual({
      filter: { from: '', to: '', projectId: '', borough: '', sessionType: '', teamId: '' },
      actionIds: ['a1', 'a2'],
      format: 'web_page',
      channel: 'newsletter',
      publishedOn: '2026-12-06',
      note: 'Winter newsletter',
      contact: 'Email involve@example.nhs.uk',
      language: '',
    });
    expect(done).toHaveTextContent('Published: 2 actions marked as told back');
    expect(screen.getByTestId('ysd-path')).toHaveTextContent('/home/me/Documents/you-said-we-did-2026-12-06.html');
    await waitFor(() => expect(done).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(vi.mocked(backend.openExportedFile)).toHaveBeenCalledWith('/home/me/Documents/you-said-we-did-2026-12-06.html');
    await expectAxeClean(container);
  });

  it('offers the poster or leaflet (PDF), marks what it cannot show, and sends the poster format', async () => {
    const user = userEvent.setup();
    const base = preview();
    vi.mocked(backend.previewYouSaidWeDid).mockResolvedValue({
      ...base,
      items: [...base.items.slice(0, 2), { ...base.items[2], youSaid: 'المواعيد صعبة', posterCannotShow: true }],
    });
    vi.mocked(backend.publishYouSaidWeDid).mockResolvedValue({
      cancelled: false,
      path: '/home/me/Documents/you-said-we-did-2026-12-06-poster.pdf',
      publicationId: 'pub2',
      actions: 3,
    });
    const { container } = renderYSD();
    await screen.findAllByTestId('ysd-item');
    const group = screen.getByRole('group', { name: 'What to make' });
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual([
      'web_page',
      'email_html',
      'email_text',
      'poster',
    ]);
    const poster = within(group).getByLabelText('Poster or leaflet (PDF)');
    expect(group).toHaveTextContent('Arabic, Urdu, Bengali');
    expect(screen.queryByTestId('ysd-poster-note')).toBeNull(); // only once the poster is chosen
    await user.click(poster);
    const notes = screen.getAllByTestId('ysd-poster-note');
    expect(notes).toHaveLength(1);
    expect(screen.getByRole('checkbox', { name: /المواعيد صعبة/ })).toHaveAccessibleName(expect.stringContaining(POSTER_CANNOT_SHOW));
    await expectAxeClean(container);
    await user.selectOptions(screen.getByLabelText('Where it will be published'), 'poster');
    await user.click(screen.getByRole('button', { name: 'Make and save' }));
    await screen.findByTestId('ysd-done');
    expect(lastRequest()).toMatchObject({ format: 'poster', channel: 'poster', actionIds: ['a1', 'a2', 'a3'] });
    expect(screen.getByTestId('ysd-path')).toHaveTextContent('you-said-we-did-2026-12-06-poster.pdf');
  });

  it('shows a refused form in the error summary, with links to the fields, and focuses it', async () => {
    const user = userEvent.setup();
    const refused: BackendError = {
      code: 'invalid',
      message: 'The publication has problems',
      fields: [
        { field: 'format', message: 'Select a web page, formatted email text, plain text or a poster' },
        { field: 'channel', message: 'Select where it was published from the list' },
      ],
    };
    vi.mocked(backend.publishYouSaidWeDid).mockRejectedValue(refused);
    const { container } = renderYSD();
    await screen.findAllByTestId('ysd-item');
    await user.click(screen.getByRole('button', { name: 'Make and save' }));

    const summary = await screen.findByTestId('error-summary');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(within(summary).getByRole('link', { name: 'Select a web page, formatted email text, plain text or a poster' })).toHaveAttribute(
      'href',
      '#format',
    );
    await user.click(within(summary).getByRole('link', { name: 'Select where it was published from the list' }));
    expect(screen.getByLabelText(/Where it will be published/)).toHaveFocus();
    expect(screen.queryByTestId('ysd-done')).toBeNull();
    await expectAxeClean(container);
  });

  it('changes nothing when the Save dialog is closed', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.publishYouSaidWeDid).mockResolvedValue({ cancelled: true, path: '', publicationId: '', actions: 0 });
    renderYSD();
    await screen.findAllByTestId('ysd-item');
    await user.click(screen.getByRole('button', { name: 'Make and save' }));
    await waitFor(() => expect(vi.mocked(backend.publishYouSaidWeDid)).toHaveBeenCalled());
    expect(screen.queryByTestId('ysd-done')).toBeNull();
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });

  it('the board says where and when a published action was published', async () => {
    const done: ActionView = {
      ...emptyAction({ id: 'a1', rev: 2, createdAt: '2026-03-01T10:00:00.000Z', youSaid: 'The signs are confusing' }),
      status: 'done',
      weDid: 'New signs went up.',
      published: true,
      communicatedOn: '2026-12-01',
      channel: 'website',
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
      { actionId: 'a1', publishedOn: '2026-12-01', format: 'web_page', formatLabel: 'Web page', language: '' },
    ]);
    const { container } = renderApp('/actions');
    await waitFor(() => expect(screen.getByTestId('published')).toHaveTextContent('Published on 1 December 2026 (Web page)'));
    await expectAxeClean(container);
  });

  it('has its own route', async () => {
    renderApp('/you-said-we-did');
    expect(await screen.findByRole('heading', { level: 1, name: 'Make a “you said, we did”' })).toBeInTheDocument();
  });

  it('is linked from the Reports screen and the actions board', async () => {
    const user = userEvent.setup();
    const reports = renderScreen(<ReportsScreen />, '/reports');
    expect(screen.getByRole('link', { name: 'Make a “you said, we did”' }).getAttribute('href')).toMatch(/\/you-said-we-did$/);
    reports.unmount();
    vi.mocked(backend.getActionsBoard).mockResolvedValue({ today: '2026-12-06', overdue: 0, columns: [], needsResponse: [], needsResponseTotal: 0 });
    renderApp('/actions');
    await user.click(await screen.findByRole('button', { name: 'Make a “you said, we did”' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Make a “you said, we did”' })).toBeInTheDocument();
  });
});

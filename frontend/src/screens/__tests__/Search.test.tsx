import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import * as backend from '../../lib/backend';
import { renderAt } from '../../test/fixtures';
import { Layout } from '../../components/Layout';
import { SearchScreen } from '../SearchScreen';
import { expectAxeClean } from '../../test/axe';
import type { SearchResult } from '../../lib/types';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

function app() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/" element={<h1>Home</h1>} />
        <Route path="/search" element={<SearchScreen />} />
        <Route path="/sessions/:id" element={<p>Session page</p>} />
        <Route path="/actions/:id/edit" element={<p>Action page</p>} />
        <Route path="/projects/:id/outcomes/:outcomeId/edit" element={<p>Outcome page</p>} />
      </Route>
    </Routes>
  );
}

const hit = (r: Partial<SearchResult> & Pick<SearchResult, 'kind' | 'id'>): SearchResult => ({
  sessionId: '',
  projectId: '',
  title: '',
  field: '',
  date: '2026-03-01',
  snippet: '',
  ...r,
});
const answer = (results: SearchResult[], didYouMean = '', notYetSearchable = 0) => ({ results, didYouMean, notYetSearchable });

describe('search', () => {
  it('renders ranked results with kind, title, date and a safe snippet', async () => {
    vi.mocked(backend.search).mockResolvedValue(
      answer([
        hit({
          kind: 'feedback',
          id: 'f1',
          sessionId: 's1',
          title: 'Market stall',
          date: '2026-03-01',
          snippet: 'the &lt;script&gt;alert(1)&lt;/script&gt; <mark>parking</mark> <img src=x onerror="window.pwned=1">',
        }),
        hit({ kind: 'session', id: 's2', sessionId: 's2', title: 'Focus group', date: '2026-02-10', snippet: 'notes about <mark>parking</mark>' }),
      ]),
    );
    renderAt('/search?q=parking', [{ path: '*', element: app() }]);
    const results = await screen.findAllByTestId('search-result');
    expect(backend.search).toHaveBeenCalledWith('parking', 50);
    expect(results).toHaveLength(2);

    const first = results[0];
    expect(within(first).getByText('Feedback')).toBeInTheDocument();
    expect(within(first).getByText('1 March 2026')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: /Market stall/ })).toHaveAttribute('href', '/sessions/s1?feedback=f1');
    expect(first.querySelector('script')).toBeNull();
    expect(first.querySelector('img')).toBeNull();
    expect(first.querySelector('mark')?.textContent).toBe('parking');
    expect(first).toHaveTextContent('<script>alert(1)</script>');
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();

    expect(within(results[1]).getByText('Session')).toBeInTheDocument();
    expect(within(results[1]).getByRole('link', { name: 'Focus group' })).toHaveAttribute('href', '/sessions/s2');
  });

  it('says how many records are not yet searchable, and searches again until none is', async () => {
    vi.mocked(backend.search)
      .mockResolvedValueOnce(answer([], '', 12345))
      .mockResolvedValue(answer([hit({ kind: 'session', id: 's2', sessionId: 's2', title: 'Found later', snippet: 'x' })]));
    renderAt('/search?q=wombat', [{ path: '*', element: app() }]);
    const inset = await screen.findByTestId('not-yet-searchable');
    expect(inset).toHaveClass('nhsuk-inset-text');
    expect(inset).toHaveTextContent('12,345 records are not yet searchable');
    expect(screen.getByText(/No results for “wombat”/)).toBeInTheDocument();
    await expectAxeClean(document.body);
    expect(await screen.findByRole('link', { name: 'Found later' }, { timeout: 6000 })).toBeInTheDocument();
    expect(screen.queryByTestId('not-yet-searchable')).toBeNull();
    expect(backend.search).toHaveBeenCalledTimes(2);
  }, 10000);

  it('searches as you type from the header box on any screen', async () => {
    vi.mocked(backend.search).mockResolvedValue(answer([]));
    const user = userEvent.setup();
    renderAt('/', [{ path: '*', element: app() }]);
    const box = screen.getByRole('searchbox', { name: 'Search' });
    await user.type(box, 'bus');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/search?q=bus'));
    await waitFor(() => expect(backend.search).toHaveBeenCalledWith('bus', 50));
    expect(box).toHaveFocus(); // typing goes on in the same box
    expect(await screen.findByText(/No results for “bus”/)).toBeInTheDocument();
    // Only the last query of a burst is searched.
    await user.type(box, ' stop');
    await waitFor(() => expect(backend.search).toHaveBeenLastCalledWith('bus stop', 50));
    expect(vi.mocked(backend.search).mock.calls.map((c) => c[0])).not.toContain('bus s');
  });

  it('ignores an answer that arrives after a newer query', async () => {
    let resolveOld: (v: ReturnType<typeof answer>) => void = () => {};
    vi.mocked(backend.search)
      .mockImplementationOnce(() => new Promise((r) => (resolveOld = r)))
      .mockResolvedValueOnce(answer([hit({ kind: 'session', id: 's2', sessionId: 's2', title: 'New answer', date: '2026-02-10', snippet: 'x' })]));
    renderAt('/search?q=old', [{ path: '*', element: app() }]);
    const box = screen.getByRole('searchbox', { name: 'Search' });
    const user = userEvent.setup();
    await user.clear(box);
    await user.type(box, 'new{Enter}');
    expect(await screen.findByRole('link', { name: 'New answer' })).toBeInTheDocument();
    await act(async () => resolveOld(answer([])));
    expect(screen.getByRole('link', { name: 'New answer' })).toBeInTheDocument();
  });

  it('shows actions and outcomes with the text that matched, linking to where the app shows them', async () => {
    vi.mocked(backend.search).mockResolvedValue(
      answer([
        hit({ kind: 'action', id: 'a1', sessionId: 's1', projectId: 'p1', title: 'No interpreter at the clinic', field: 'We did', snippet: 'Booked an <mark>interpreter</mark>' }),
        hit({ kind: 'outcome', id: 'o1', projectId: 'p1', title: 'Interpreters booked every week', field: 'What changed', date: '2026-04-02', snippet: '<mark>Interpreters</mark> booked' }),
      ]),
    );
    const { container } = renderAt('/search?q=interpreter', [{ path: '*', element: app() }]);
    const results = await screen.findAllByTestId('search-result');
    expect(results).toHaveLength(2);
    const [action, outcome] = results;
    expect(within(action).getByText('Action')).toBeInTheDocument();
    expect(within(action).getByText('We did:')).toBeInTheDocument();
    expect(action.querySelector('mark')?.textContent).toBe('interpreter');
    expect(within(action).getByRole('link', { name: 'Action: No interpreter at the clinic' })).toHaveAttribute(
      'href',
      `/actions/a1/edit?back=${encodeURIComponent('/search?q=interpreter')}`,
    );
    expect(within(outcome).getByText('Outcome')).toBeInTheDocument();
    expect(within(outcome).getByText('What changed:')).toBeInTheDocument();
    expect(within(outcome).getByText('2 April 2026')).toBeInTheDocument();
    expect(within(outcome).getByRole('link', { name: 'Outcome: Interpreters booked every week' })).toHaveAttribute(
      'href',
      '/projects/p1/outcomes/o1/edit',
    );
    await expectAxeClean(container);
    await userEvent.setup().click(within(action).getByRole('link', { name: /^Action:/ }));
    expect(await screen.findByText('Action page')).toBeInTheDocument();
  });

  it('offers “Did you mean …?”, whose link runs the corrected search', async () => {
    vi.mocked(backend.search).mockImplementation(async (q: string) =>
      q === 'staff interpretor'
        ? answer([], 'staff interpreter')
        : answer([hit({ kind: 'feedback', id: 'f1', sessionId: 's1', title: 'Market stall', snippet: 'the <mark>interpreter</mark>' })]),
    );
    const { container } = renderAt('/search?q=staff%20interpretor', [{ path: '*', element: app() }]);
    const offer = await screen.findByTestId('did-you-mean');
    expect(offer).toHaveTextContent('Did you mean staff interpreter?');
    expect(screen.getByText(/No results for “staff interpretor”/)).toBeInTheDocument();
    await expectAxeClean(container);
    await userEvent.setup().click(within(offer).getByRole('link', { name: 'staff interpreter' }));
    await waitFor(() => expect(backend.search).toHaveBeenLastCalledWith('staff interpreter', 50));
    expect(screen.getByTestId('location')).toHaveTextContent('/search?q=staff%20interpreter');
    expect(await screen.findAllByTestId('search-result')).toHaveLength(1);
    expect(screen.queryByTestId('did-you-mean')).toBeNull();
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('staff interpreter');
  });
});

// Search results (#/search?q=…): sessions, feedback, "you said, we did" actions and
// outcomes, each linking to where the app shows it, and "Did you mean …?" for a
// misspelt word. The search box is the one in the header.
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Tag } from 'nhsuk-react-components';
import { PageHeading } from '../components/PageHeading';
import { search } from '../lib/backend';
import { formatDate } from '../lib/dates';
import { toBackendError } from '../lib/errors';
import { sanitiseSnippet } from '../lib/snippet';
import type { BackendError, SearchAnswer, SearchResult } from '../lib/types';

export const SEARCH_LIMIT = 50;
/** How often the screen searches again while records are not yet searchable. */
export const RESEARCH_MS = 3000;

/** Says that some records cannot be found yet (a large import or a first sync is being
 * indexed in the background), so that search never silently misses them. */
export function NotYetSearchable({ n }: { n: number }) {
  if (n <= 0) return null;
  const records = n === 1 ? '1 record is' : `${n.toLocaleString('en-GB')} records are`;
  return (
    <div className="nhsuk-inset-text" data-testid="not-yet-searchable" role="status">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        {records} not yet searchable. Involve is still adding them to search after an import or a first sync, so
        these results may miss some. This page updates by itself.
      </p>
    </div>
  );
}

/** Where a result is shown: a session's page (a feedback item highlighted on it), an
 * action's page (back to these results), an outcome's page. */
export function resultLink(r: SearchResult, q = ''): string {
  switch (r.kind) {
    case 'feedback':
      return `/sessions/${r.sessionId}?feedback=${encodeURIComponent(r.id)}`;
    case 'action':
      return `/actions/${r.id}/edit${q ? `?back=${encodeURIComponent(`/search?q=${encodeURIComponent(q)}`)}` : ''}`;
    case 'outcome':
      return `/projects/${r.projectId}/outcomes/${r.id}/edit`;
    default:
      return `/sessions/${r.sessionId || r.id}`;
  }
}

const kinds: Record<SearchResult['kind'], { tag: string; modifier: 'blue' | 'grey' | 'purple' | 'green' }> = {
  session: { tag: 'Session', modifier: 'grey' },
  feedback: { tag: 'Feedback', modifier: 'blue' },
  action: { tag: 'Action', modifier: 'purple' },
  outcome: { tag: 'Outcome', modifier: 'green' },
};

function resultTitle(r: SearchResult): string {
  switch (r.kind) {
    case 'feedback':
      return `Feedback in ${r.title || 'Untitled session'}`;
    case 'action':
      return `Action: ${r.title || 'Untitled action'}`;
    case 'outcome':
      return `Outcome: ${r.title || 'Untitled outcome'}`;
    default:
      return r.title || 'Untitled session';
  }
}

export function Snippet({ html }: { html: string }) {
  // Go escapes the text and wraps matches in <mark>; sanitiseSnippet keeps only <mark>.
  return <p className="app-snippet nhsuk-u-margin-bottom-2" dangerouslySetInnerHTML={{ __html: sanitiseSnippet(html) }} />;
}

export function SearchScreen() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  const [again, setAgain] = useState(0); // asks again while records are still being indexed
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    if (!q) {
      setAnswer(null);
      setError(null);
      return;
    }
    search(q, SEARCH_LIMIT)
      .then((a) => {
        if (mine !== seq.current) return; // a newer query is on its way
        setAnswer(a);
        setError(null);
      })
      .catch((e: unknown) => {
        if (mine !== seq.current) return;
        setError(toBackendError(e));
      });
  }, [q, again]);

  // While records are still being made searchable, search again every few seconds, so
  // the results and the count below catch up without the person having to.
  const pending = answer?.notYetSearchable ?? 0;
  useEffect(() => {
    if (!q || pending <= 0) return;
    const t = setTimeout(() => setAgain((n) => n + 1), RESEARCH_MS);
    return () => clearTimeout(t);
  }, [q, pending, answer]);

  const results = answer?.results ?? null;
  return (
    <>
      <PageHeading>Search</PageHeading>
      {!q ? (
        <p>Type in the search box at the top of the page to search session notes, details, feedback, actions (you said, we did) and outcomes.</p>
      ) : error ? (
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title">Search did not work</h2>
          <div className="nhsuk-error-summary__body">
            <p>{error.message}</p>
          </div>
        </div>
      ) : results === null ? (
        <p role="status">Searching…</p>
      ) : (
        <>
          <p role="status" data-testid="search-count">
            {results.length === 0
              ? `No results for “${q}”.`
              : `${results.length}${results.length === SEARCH_LIMIT ? '+' : ''} ${results.length === 1 ? 'result' : 'results'} for “${q}”`}
          </p>
          <NotYetSearchable n={pending} />
          {answer?.didYouMean ? (
            <p className="nhsuk-body-l" data-testid="did-you-mean">
              Did you mean{' '}
              <Link to={`/search?q=${encodeURIComponent(answer.didYouMean)}`}>
                <strong>{answer.didYouMean}</strong>
              </Link>
              ?
            </p>
          ) : null}
          {results.length > 0 ? (
            <ol className="nhsuk-list nhsuk-list--border" data-testid="search-results">
              {results.map((r) => (
                <li key={`${r.kind}-${r.id}`} data-testid="search-result">
                  <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">
                    <Link to={resultLink(r, q)}>{resultTitle(r)}</Link>
                  </h2>
                  <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
                    <Tag modifier={(kinds[r.kind] ?? kinds.session).modifier}>{(kinds[r.kind] ?? kinds.session).tag}</Tag>{' '}
                    {r.date ? <span className="nhsuk-u-secondary-text-colour">{formatDate(r.date)}</span> : null}
                  </p>
                  {r.field ? (
                    <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 nhsuk-u-secondary-text-colour" data-testid="search-field">
                      {r.field}:
                    </p>
                  ) : null}
                  <Snippet html={r.snippet} />
                </li>
              ))}
            </ol>
          ) : null}
        </>
      )}
    </>
  );
}

// Search results (#/search?q=…). The search box is the one in the header.
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Tag } from 'nhsuk-react-components';
import { PageHeading } from '../components/PageHeading';
import { search } from '../lib/backend';
import { formatDate } from '../lib/dates';
import { toBackendError } from '../lib/errors';
import { sanitiseSnippet } from '../lib/snippet';
import type { BackendError, SearchResult } from '../lib/types';

export const SEARCH_LIMIT = 50;

export function resultLink(r: SearchResult): string {
  return r.kind === 'feedback'
    ? `/sessions/${r.sessionId}?feedback=${encodeURIComponent(r.id)}`
    : `/sessions/${r.sessionId || r.id}`;
}

export function Snippet({ html }: { html: string }) {
  // Go escapes the text and wraps matches in <mark>; sanitiseSnippet keeps only <mark>.
  return <p className="app-snippet nhsuk-u-margin-bottom-2" dangerouslySetInnerHTML={{ __html: sanitiseSnippet(html) }} />;
}

export function SearchScreen() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    if (!q) {
      setResults(null);
      setError(null);
      return;
    }
    search(q, SEARCH_LIMIT)
      .then((rs) => {
        if (mine !== seq.current) return; // a newer query is on its way
        setResults(rs);
        setError(null);
      })
      .catch((e: unknown) => {
        if (mine !== seq.current) return;
        setError(toBackendError(e));
      });
  }, [q]);

  return (
    <>
      <PageHeading>Search</PageHeading>
      {!q ? (
        <p>Type in the search box at the top of the page to search session notes, details and feedback.</p>
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
          {results.length > 0 ? (
            <ol className="nhsuk-list nhsuk-list--border" data-testid="search-results">
              {results.map((r) => (
                <li key={`${r.kind}-${r.id}`} data-testid="search-result">
                  <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">
                    <Link to={resultLink(r)}>
                      {r.kind === 'feedback' ? 'Feedback in ' : ''}
                      {r.title || 'Untitled session'}
                    </Link>
                  </h2>
                  <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
                    <Tag modifier={r.kind === 'feedback' ? 'blue' : 'grey'}>{r.kind === 'feedback' ? 'Feedback' : 'Session'}</Tag>{' '}
                    <span className="nhsuk-u-secondary-text-colour">{formatDate(r.date)}</span>
                  </p>
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

// The frame of every screen: NHS.UK header (service name, search, navigation, sync
// status), the notification banner that survives screen changes, main landmark and footer.
import { useEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { Link, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router';
import { SearchIcon } from 'nhsuk-react-components';
import { FlashBanner } from './FlashBanner';
import { SyncStatusBar, SyncStatusProvider } from './SyncStatus';
import { NeedsPassphraseBanner } from './PassphraseNeeded';
import { useRefDataState } from '../lib/refdata';
import { pathAllowed } from '../lib/roles';
import { RoleWatcher, useRole } from './Roles';
import { LockButton } from '../lock/LockGate';
import { HeaderNavigation } from './HeaderNavigation';

const NAV: { to: string; label: string; match: (path: string) => boolean }[] = [
  { to: '/', label: 'Home', match: (p) => p === '/' },
  { to: '/sessions', label: 'Sessions', match: (p) => p.startsWith('/sessions') || p === '/quick' },
  { to: '/projects', label: 'Projects', match: (p) => p.startsWith('/projects') },
  { to: '/actions', label: 'Actions', match: (p) => p.startsWith('/actions') },
  { to: '/themes', label: 'Themes', match: (p) => p.startsWith('/themes') },
  { to: '/reports', label: 'Reports', match: (p) => p.startsWith('/reports') },
  { to: '/people', label: 'People', match: (p) => p.startsWith('/people') },
  { to: '/requests', label: 'Requests', match: (p) => p.startsWith('/requests') },
  {
    to: '/question-sets',
    label: 'Question sets',
    match: (p) => p.startsWith('/question-sets') || p.startsWith('/kiosk-words'),
  },
  { to: '/settings', label: 'Settings', match: (p) => p.startsWith('/settings') || p.startsWith('/sync') },
];

const NHS_LOGO_PATH =
  'M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z';

export const SEARCH_DEBOUNCE_MS = 250;

function HeaderSearchBox() {
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const onSearchPage = location.pathname === '/search';
  const urlQ = onSearchPage ? (params.get('q') ?? '') : '';
  const [q, setQ] = useState(urlQ);
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Follow the URL (back/forward, a link to a search) unless the person is typing here.
  useEffect(() => {
    if (document.activeElement !== inputRef.current) setQ(urlQ);
  }, [urlQ]);

  useEffect(() => () => timer.current && clearTimeout(timer.current), []);

  const go = (value: string, replace: boolean) => {
    navigate(`/search?q=${encodeURIComponent(value)}`, { replace });
  };

  const onChange = (value: string) => {
    setQ(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (value.trim() === '' && !onSearchPage) return;
      go(value, onSearchPage);
    }, SEARCH_DEBOUNCE_MS);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (timer.current) clearTimeout(timer.current);
    go(q, onSearchPage);
  };

  return (
    <div className="nhsuk-header__search" role="search">
      <form className="nhsuk-header__search-form" id="search" noValidate onSubmit={onSubmit}>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor="search-field">
            Search
          </label>
          <div className="nhsuk-input-wrapper">
            <input
              ref={inputRef}
              className="nhsuk-input"
              id="search-field"
              name="q"
              type="search"
              placeholder="Search everything"
              autoComplete="off"
              value={q}
              onChange={(e) => onChange(e.currentTarget.value)}
            />
            <button className="nhsuk-button nhsuk-button--small" data-module="nhsuk-button" type="submit">
              <SearchIcon title="Search" />
            </button>
          </div>
        </div>
      </form>
    </div>
  );
}

function AppHeader() {
  const { pathname } = useLocation();
  const { role } = useRole();
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to="/" aria-label="Involve home">
            <svg
              className="nhsuk-header__logo"
              xmlns="http://www.w3.org/2000/svg"
              viewBox="0 0 200 80"
              height="40"
              width="100"
              focusable="false"
              aria-hidden="true"
            >
              <path fill="currentcolor" d={NHS_LOGO_PATH} />
            </svg>
            <span className="nhsuk-header__service-name">Involve</span>
          </Link>
        </div>
        <HeaderSearchBox />
        <LockButton />
      </div>
      <HeaderNavigation
        pathname={pathname}
        items={NAV.filter((item) => pathAllowed(role, item.to)).map((item) => {
          const current = item.match(pathname);
          return {
            to: item.to,
            label: item.label,
            current,
            ariaCurrent: current ? (pathname === item.to ? 'page' : 'true') : undefined,
          };
        })}
      />
      <SyncStatusBar />
    </header>
  );
}

function AppFooter() {
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-width-container">
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
          Involve keeps its records on this computer. It works without an internet connection.
        </p>
      </div>
    </footer>
  );
}

function RefDataProblem() {
  const { error } = useRefDataState();
  if (!error) return null;
  return (
    <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title">Some lists could not be loaded</h2>
      <div className="nhsuk-error-summary__body">
        <p>Choices such as session types and boroughs may be missing. Close Involve and open it again. ({error.message})</p>
      </div>
    </div>
  );
}

export function Layout() {
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault(); // hash routing: the href must not become a route
    document.getElementById('maincontent')?.focus();
  };
  return (
    <SyncStatusProvider>
      <RoleWatcher />
      <a className="nhsuk-skip-link" href="#maincontent" onClick={skip}>
        Skip to main content
      </a>
      <AppHeader />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
          <RefDataProblem />
          <FlashBanner />
          <NeedsPassphraseBanner />
          <Outlet />
        </main>
      </div>
      <AppFooter />
    </SyncStatusProvider>
  );
}

// A page shown before the app's own layout (a startup problem, the first-run welcome):
// the NHS header with the service's name, and the content in the two-thirds column.
import type { ReactNode } from 'react';

export function PlainPage({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <span className="nhsuk-header__service-name">Involve</span>
          </div>
        </div>
      </header>
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" data-testid={testId}>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-two-thirds">{children}</div>
          </div>
        </main>
      </div>
    </>
  );
}

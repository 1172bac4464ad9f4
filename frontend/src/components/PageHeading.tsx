// The one h1 of a screen. It takes focus when a screen opens (so a screen reader starts
// there) unless something else already has focus, such as the header search box.
import { useEffect, useRef, type ReactNode } from 'react';

export function PageHeading({ children, caption, size }: { children: ReactNode; caption?: string; size?: 'l' | 'xl' }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active.id === 'maincontent') ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={size === 'xl' ? 'nhsuk-heading-xl' : 'nhsuk-heading-l'} style={{ outline: 'none' }}>
      {caption ? <span className="nhsuk-caption-l">{caption}<span className="nhsuk-u-visually-hidden"> – </span></span> : null}
      {children}
    </h1>
  );
}

/** Shown while a screen loads or when it cannot load. */
export function LoadProblem({ title, message }: { title: string; message: string }) {
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
        <h2 className="nhsuk-error-summary__title">There is a problem</h2>
        <div className="nhsuk-error-summary__body">
          <p>{message}</p>
        </div>
      </div>
    </>
  );
}

/** A screen whose data is on its way: its heading and "Loading…". */
export function LoadingPage({ title }: { title: string }) {
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <Loading />
    </>
  );
}

export function Loading() {
  return (
    <p className="nhsuk-body" role="status">
      Loading…
    </p>
  );
}

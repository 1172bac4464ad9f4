// "Feedback deleted. Undo" and similar, as an NHS.UK notification banner.
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { NotificationBanner } from 'nhsuk-react-components';
import { useFlash } from '../lib/flash';

export function FlashBanner() {
  const { flash, runUndo, routeChanged } = useFlash();
  const navigate = useNavigate();
  // A plain message belongs to its screen: the provider drops it when the person moves on.
  const { pathname } = useLocation();
  useEffect(() => routeChanged(pathname), [pathname, routeChanged]);
  const ref = useRef<HTMLDivElement>(null);
  // After a delete the button that was pressed is gone: put focus on the banner, one Tab
  // away from Undo, rather than losing it to the top of the page. The same when a
  // message asks for it (the control used is gone: lib/flash showMessage's focus).
  const focusId = flash?.undo || flash?.focus ? flash.id : null;
  useEffect(() => {
    if (focusId !== null) ref.current?.focus({ preventScroll: false });
  }, [focusId]);
  const undo = async () => {
    const to = await runUndo();
    if (typeof to === 'string') navigate(to);
  };
  if (!flash) return <div aria-live="polite" className="nhsuk-u-visually-hidden" />;
  return (
    <NotificationBanner
      key={flash.id}
      ref={ref}
      tabIndex={-1}
      success={flash.success}
      disableAutoFocus
      role={flash.success ? 'status' : 'region'}
      title={flash.success ? 'Success' : 'Important'}
      titleId={`flash-title-${flash.id}`}
      data-testid="flash"
    >
      <div aria-live="polite">
        <p className="nhsuk-notification-banner__heading">
          {flash.message}
          {flash.undo ? (
            <>
              {' '}
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0 nhsuk-u-margin-left-2"
                onClick={() => void undo()}
              >
                Undo
              </button>
            </>
          ) : null}
        </p>
        {flash.error ? <p className="nhsuk-error-message">{flash.error}</p> : null}
      </div>
    </NotificationBanner>
  );
}

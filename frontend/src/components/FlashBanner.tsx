// "Feedback deleted. Undo" and similar, as an NHS.UK notification banner.
import { useNavigate } from 'react-router';
import { NotificationBanner } from 'nhsuk-react-components';
import { useFlash } from '../lib/flash';

export function FlashBanner() {
  const { flash, runUndo } = useFlash();
  const navigate = useNavigate();
  const undo = async () => {
    const to = await runUndo();
    if (typeof to === 'string') navigate(to);
  };
  if (!flash) return <div aria-live="polite" className="nhsuk-u-visually-hidden" />;
  return (
    <NotificationBanner
      key={flash.id}
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

// An NHS.UK button that opens a route (role="button" link; hash routing).
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button } from 'nhsuk-react-components';

export function ButtonLink({
  to,
  children,
  secondary,
  warning,
  className,
}: {
  to: string;
  children: ReactNode;
  secondary?: boolean;
  warning?: boolean;
  className?: string;
}) {
  const navigate = useNavigate();
  return (
    <Button
      href={`#${to}`}
      secondary={secondary}
      warning={warning}
      className={className}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </Button>
  );
}

import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';

export function NotFoundScreen() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>
        There is nothing at this address. <Link to="/">Go to the home page</Link>.
      </p>
    </>
  );
}

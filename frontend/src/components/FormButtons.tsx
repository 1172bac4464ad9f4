// The foot of a create/edit form: its submit button (disabled while saving) and a
// Cancel link back.
import { Link } from 'react-router';
import { Button } from 'nhsuk-react-components';

export function FormButtons({ label, saving, cancelTo }: { label: string; saving: boolean; cancelTo: string }) {
  return (
    <div className="nhsuk-button-group">
      <Button type="submit" disabled={saving}>
        {label}
      </Button>
      <Link className="nhsuk-link" to={cancelTo}>
        Cancel
      </Link>
    </div>
  );
}

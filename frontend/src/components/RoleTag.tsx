// The laptop's role on the status line: "Capture laptop", "Staff" or "Lead" (read out as
// "This laptop's role: capture"); nothing when it has no role (not connected, or a
// server from before roles).
import { Tag } from 'nhsuk-react-components';
import { roleTag, roleTagLabel, type Role } from '../lib/roles';

export function RoleTag({ role }: { role: Role }) {
  const text = roleTag(role);
  if (!text) return null;
  return (
    <span data-testid="role-tag" data-role={role}>
      <Tag modifier={role === 'capture' ? 'purple' : role === 'lead' ? 'blue' : 'grey'}>
        <span aria-hidden="true">{text}</span>
        <span className="nhsuk-u-visually-hidden">{roleTagLabel(role)}</span>
      </Tag>
    </span>
  );
}

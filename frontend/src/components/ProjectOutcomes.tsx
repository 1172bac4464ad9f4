// Outcomes on a project page: the list (with edit and delete, undo in the banner),
// "Add an outcome", and the link to the GRIPP2 write-up.
import { useState } from 'react';
import { Link } from 'react-router';
import { Tag } from 'nhsuk-react-components';
import { ButtonLink } from './ButtonLink';
import { Loading } from './PageHeading';
import { deleteOutcome, listOutcomes, restoreOutcome } from '../lib/backend';
import { formatDate } from '../lib/dates';
import { toBackendError } from '../lib/errors';
import { useDataChanged } from '../lib/events';
import { useFlash } from '../lib/flash';
import { labelOf, labelsOf, useRefData } from '../lib/refdata';
import { itemName } from '../lib/itemName';
import { useLoad } from '../lib/useLoad';
import type { Outcome } from '../lib/types';

export function ProjectOutcomes({ projectId }: { projectId: string }) {
  const ref = useRefData();
  const { showUndo } = useFlash();
  const [problem, setProblem] = useState('');
  const outcomes = useLoad<Outcome[]>(() => listOutcomes(projectId), [projectId]);
  useDataChanged(() => outcomes.reload(), ['outcome']);

  const onDelete = async (o: Outcome) => {
    setProblem('');
    try {
      await deleteOutcome(o.id);
      outcomes.setData((old) => old?.filter((x) => x.id !== o.id));
      showUndo(
        'Outcome deleted.',
        async () => {
          await restoreOutcome(o.id);
          outcomes.reload();
        },
        'Outcome restored.',
      );
    } catch (e) {
      setProblem(toBackendError(e).message);
    }
  };

  return (
    <section aria-labelledby="outcomes-heading" data-testid="project-outcomes">
      <h2 className="nhsuk-heading-m" id="outcomes-heading">
        Outcomes and impact
      </h2>
      <div className="nhsuk-button-group">
        <ButtonLink to={`/projects/${projectId}/outcomes/new`} secondary>
          Add an outcome
        </ButtonLink>
        <Link className="nhsuk-link" to={`/projects/${projectId}/write-up`}>
          Write-up (GRIPP2)
        </Link>
      </div>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
      {!outcomes.data ? (
        <Loading />
      ) : outcomes.data.length === 0 ? (
        <p>No outcomes recorded yet.</p>
      ) : (
        <ul className="app-feedback-list" aria-label="Outcomes of this project">
          {outcomes.data.map((o) => (
            <li key={o.id} className="nhsuk-card nhsuk-u-margin-bottom-4" data-testid="outcome-item" data-outcome-id={o.id}>
              <div className="nhsuk-card__content">
                <p className="nhsuk-body-l app-pre-wrap nhsuk-u-margin-bottom-2">{o.description}</p>
                <p className="nhsuk-u-margin-bottom-2">
                  <Tag modifier={o.direction === 'negative' ? 'orange' : 'green'} className="nhsuk-u-margin-right-2">
                    {labelOf(ref.impactDirections, o.direction)}
                  </Tag>
                  <Tag modifier="blue" className="nhsuk-u-margin-right-2">
                    {labelOf(ref.impactMagnitudes, o.magnitude)}
                  </Tag>
                  {o.intended ? null : (
                    <Tag modifier="grey" className="nhsuk-u-margin-right-2">
                      Not intended
                    </Tag>
                  )}
                </p>
                <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-2">
                  {[
                    o.date ? formatDate(o.date) : '',
                    o.impactOn.length ? `Impact on ${labelsOf(ref.impactAreas, o.impactOn).join(', ').toLowerCase()}` : '',
                    o.standards.length ? `UK Standards: ${o.standards.join(', ')}` : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                {o.evidence || o.evidenceLink ? (
                  <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
                    <strong>Evidence:</strong> {o.evidence}{' '}
                    {o.evidenceLink ? (
                      <a href={o.evidenceLink} target="_blank" rel="noreferrer noopener">
                        {o.evidenceLink} (opens in your browser)
                      </a>
                    ) : null}
                  </p>
                ) : null}
                <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
                  <Link className="nhsuk-link" to={`/projects/${projectId}/outcomes/${o.id}/edit`}>
                    Edit <span className="nhsuk-u-visually-hidden">the outcome “{itemName(o.description)}”</span>
                  </Link>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                    onClick={() => void onDelete(o)}
                  >
                    Delete <span className="nhsuk-u-visually-hidden">the outcome “{itemName(o.description)}”</span>
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// #/people/:id/consent/new: record a new consent for a Lived Experience Partner (they
// agree to another purpose, or agree again after withdrawing). Go's AddConsent saves it;
// for a partner whose consent was withdrawn it also clears the withdrawal, so their
// name and details are shown again (docs/privacy.md). The questions are the partner
// form's (ConsentFields); Go's field names are the ids (no "consent." prefix here).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { InsetText } from 'nhsuk-react-components';
import { FormButtons } from '../../components/FormButtons';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { PassphraseNeeded } from '../../components/PassphraseNeeded';
import { LoadProblem, LoadingPage } from '../../components/PageHeading';
import { FormPage } from '../../components/FormPage';
import { addConsent, getContributor } from '../../lib/backend';
import { fieldErrorMap } from '../../lib/errors';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import { useSubmit } from '../../lib/useSubmit';
import type { ConsentInput, ContributorView, PeopleReference } from '../../lib/types';
import { CONSENT_FIELDS, ConsentFields, emptyConsent } from './ContributorEditScreen';
import { usePeopleRef } from './usePeopleRef';

const TITLE = 'Record new consent';

function ConsentForm({ partner, pref, onSubmit, cancelTo }: { partner: ContributorView; pref: PeopleReference; onSubmit: (k: ConsentInput) => Promise<unknown>; cancelTo: string }) {
  const [k, setK] = useState<ConsentInput>(() => ({ ...emptyConsent('contributor', partner.id), lawfulBasis: 'consent' }));
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const set = <K extends keyof ConsentInput>(key: K) => (value: ConsentInput[K]) => setK((o) => ({ ...o, [key]: value }));
  return (
    <>
      <PassphraseNeeded error={error} />
      <form noValidate onSubmit={submit(() => onSubmit(k))} data-testid="consent-form">
        <FormErrorSummary error={error} knownFields={CONSENT_FIELDS} />
        <ConsentFields v={k} set={set} errs={errs} pref={pref} prefix="" />
        <FormButtons label="Save consent" saving={saving} cancelTo={cancelTo} />
      </form>
    </>
  );
}

export function ConsentNewScreen() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const pref = usePeopleRef();
  const c = useLoad(() => getContributor(id), [id]);
  const back = `/people/${id}`;
  if (c.error) return <LoadProblem title={TITLE} message={c.error.message} />;
  if (c.loading || !c.data || !pref) {
    return <LoadingPage title={TITLE} />;
  }
  const partner = c.data;
  const save = async (input: ConsentInput) => {
    await addConsent({ ...input, subjectEntity: 'contributor', subjectId: partner.id });
    showMessage('Consent recorded.');
    navigate(back);
  };
  return (
    <FormPage back={back} title={TITLE} caption={partner.withdrawn ? partner.pseudonym : partner.name}>
      {partner.withdrawn ? (
        <InsetText data-testid="consent-renewal">
          <p>
            Their consent was withdrawn. Once you record new consent, their name and details are shown again and the
            purposes they agree to now can be used.
          </p>
        </InsetText>
      ) : (
        <p className="nhsuk-body">Record consent they have given since, for example to another purpose. Their earlier consent records are kept.</p>
      )}
      <ConsentForm partner={partner} pref={pref} onSubmit={save} cancelTo={back} />
    </FormPage>
  );
}

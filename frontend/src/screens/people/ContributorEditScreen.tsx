// #/people/new (a Lived Experience Partner and their consent, saved together) and
// #/people/:id/edit (their details; consent is recorded and withdrawn on their page).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CheckboxesField, RadiosField, SelectField, SingleCheckbox, TextAreaField, TextField } from '../../components/fields';
import { DateField } from '../../components/DateField';
import { FormButtons } from '../../components/FormButtons';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { PassphraseNeeded } from '../../components/PassphraseNeeded';
import { LoadProblem, LoadingPage } from '../../components/PageHeading';
import { FormPage } from '../../components/FormPage';
import { createContributor, getContributor, updateContributor } from '../../lib/backend';
import { todayISO } from '../../lib/dates';
import { fieldErrorMap } from '../../lib/errors';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import { useSubmit } from '../../lib/useSubmit';
import type { ConsentInput, ContributorInput, ContributorView, PeopleReference } from '../../lib/types';
import { usePeopleRef } from './usePeopleRef';

export const CONTRIBUTOR_FIELDS = [
  'name',
  'role',
  'contactPreference',
  'contactDetails',
  'accessNeeds',
  'agreementStart',
  'agreementEnd',
  'livedExperience',
  'paymentPreference',
  'declinesPayment',
  'publicSectorEmployee',
  'benefitsAdviceOffered',
] as const;
export const CONSENT_FIELDS = ['purposes', 'lawfulBasis', 'specialCondition', 'noticeVersion', 'method', 'givenAt', 'givenBy'] as const;

export const emptyContributor = (): ContributorInput => ({
  name: '',
  contactPreference: '',
  contactDetails: '',
  accessNeeds: '',
  role: 'Lived Experience Partner',
  agreementStart: '',
  agreementEnd: '',
  livedExperience: [],
  paymentPreference: '',
  declinesPayment: false,
  publicSectorEmployee: false,
  benefitsAdviceOffered: false,
});

export function contributorInputOf(c: ContributorView): ContributorInput {
  const e = emptyContributor();
  return Object.fromEntries(Object.keys(e).map((k) => [k, (c as unknown as Record<string, unknown>)[k] ?? e[k as keyof ContributorInput]])) as unknown as ContributorInput;
}

export const emptyConsent = (subjectEntity = 'contributor', subjectId = ''): ConsentInput => ({
  subjectEntity,
  subjectId,
  purposes: [],
  lawfulBasis: '',
  specialCondition: '',
  noticeVersion: '',
  method: '',
  givenAt: todayISO(),
  givenBy: '',
  capturedBy: '',
});

/** The consent questions; field ids are `${prefix}${field}` (prefix "consent." in the contributor form). */
export function ConsentFields({
  v,
  set,
  errs,
  pref,
  prefix,
}: {
  v: ConsentInput;
  set: <K extends keyof ConsentInput>(k: K) => (value: ConsentInput[K]) => void;
  errs: Record<string, string>;
  pref: PeopleReference;
  prefix: string;
}) {
  return (
    <>
      <CheckboxesField
        name={`${prefix}purposes`}
        legend="What have they agreed to?"
        hint="Select all that apply"
        items={pref.consentPurposes}
        values={v.purposes}
        onChange={set('purposes')}
        error={errs[`${prefix}purposes`]}
        small
      />
      <SelectField
        name={`${prefix}lawfulBasis`}
        label="Lawful basis (UK GDPR Article 6)"
        items={pref.lawfulBases.map((b) => ({ ...b, label: `${b.label} – ${b.hint ?? ''}` }))}
        value={v.lawfulBasis}
        onChange={set('lawfulBasis')}
        error={errs[`${prefix}lawfulBasis`]}
        blankLabel="Select the lawful basis"
      />
      <SelectField
        name={`${prefix}specialCondition`}
        label="Article 9 condition (for special-category data)"
        hint="Needed for equality monitoring: ethnicity, health, religion, sexual orientation"
        items={pref.specialConditions.map((b) => ({ ...b, label: `${b.label} – ${b.hint ?? ''}` }))}
        value={v.specialCondition}
        onChange={set('specialCondition')}
        error={errs[`${prefix}specialCondition`]}
        blankLabel="None"
      />
      <TextField
        name={`${prefix}noticeVersion`}
        label="Privacy notice version"
        hint="The version of the privacy notice they were given, like “LEP notice v3”"
        width={20}
        value={v.noticeVersion}
        onChange={set('noticeVersion')}
        error={errs[`${prefix}noticeVersion`]}
      />
      <RadiosField
        name={`${prefix}method`}
        legend="How was consent given?"
        items={pref.consentMethods}
        value={v.method}
        onChange={set('method')}
        error={errs[`${prefix}method`]}
        small
      />
      <DateField
        name={`${prefix}givenAt`}
        label="Date consent was given"
        value={v.givenAt}
        onChange={set('givenAt')}
        error={errs[`${prefix}givenAt`]}
      />
      <TextField
        name={`${prefix}givenBy`}
        label="Who gave consent"
        hint="The person themselves, or who gave it for them"
        value={v.givenBy}
        onChange={set('givenBy')}
        error={errs[`${prefix}givenBy`]}
      />
    </>
  );
}

function ContributorForm({
  initial,
  withConsent,
  pref,
  onSubmit,
  cancelTo,
}: {
  initial: ContributorInput;
  withConsent: boolean;
  pref: PeopleReference;
  onSubmit: (c: ContributorInput, k: ConsentInput) => Promise<unknown>;
  cancelTo: string;
}) {
  const [v, setV] = useState<ContributorInput>(initial);
  // No purpose is ticked in advance: consent is a clear affirmative act (UK GDPR Article 4(11), ICO).
  const [k, setK] = useState<ConsentInput>(() => ({ ...emptyConsent(), lawfulBasis: 'consent' }));
  const [areas, setAreas] = useState(initial.livedExperience.join('\n'));
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const set = <K extends keyof ContributorInput>(key: K) => (value: ContributorInput[K]) => setV((o) => ({ ...o, [key]: value }));
  const setC = <K extends keyof ConsentInput>(key: K) => (value: ConsentInput[K]) => setK((o) => ({ ...o, [key]: value }));
  const known = [...CONTRIBUTOR_FIELDS, ...CONSENT_FIELDS.map((f) => `consent.${f}`)];

  const save = submit(() => {
    const livedExperience = areas
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    return onSubmit({ ...v, livedExperience }, k);
  });
  return (
    <>
      <PassphraseNeeded error={error} />
      <form noValidate onSubmit={save}>
        <FormErrorSummary error={error} knownFields={known} />
        <TextField name="name" label="Name" value={v.name} onChange={set('name')} error={errs.name} autoComplete="off" />
        <TextField name="role" label="Role" value={v.role} onChange={set('role')} error={errs.role} />
        <SelectField
          name="contactPreference"
          label="How they prefer to be contacted"
          items={pref.contactPreferences}
          value={v.contactPreference}
          onChange={set('contactPreference')}
          error={errs.contactPreference}
          blankLabel="Not given"
        />
        <TextAreaField name="contactDetails" label="Contact details" rows={2} value={v.contactDetails} onChange={set('contactDetails')} error={errs.contactDetails} />
        <TextAreaField
          name="accessNeeds"
          label="Access needs"
          hint="What helps them take part, like step-free access, large print or a BSL interpreter"
          rows={3}
          value={v.accessNeeds}
          onChange={set('accessNeeds')}
          error={errs.accessNeeds}
        />
        <DateField name="agreementStart" label="Agreement start date" value={v.agreementStart} onChange={set('agreementStart')} error={errs.agreementStart} />
        <DateField name="agreementEnd" label="Agreement end date" value={v.agreementEnd} onChange={set('agreementEnd')} error={errs.agreementEnd} />
        <TextAreaField
          name="livedExperience"
          label="Areas of lived experience"
          hint="One on each line, like “Type 2 diabetes” or “Carer for a parent with dementia”"
          rows={3}
          value={areas}
          onChange={setAreas}
          error={errs.livedExperience}
        />
        <SelectField
          name="paymentPreference"
          label="How they prefer to be paid"
          items={pref.paymentRoutes.filter((r) => r.code !== 'declined')}
          value={v.paymentPreference === 'declined' ? '' : v.paymentPreference}
          onChange={set('paymentPreference')}
          error={errs.paymentPreference}
          blankLabel="Not given"
        />
        <SingleCheckbox name="declinesPayment" legend="Payment" label="They decline payment" checked={v.declinesPayment} onChange={set('declinesPayment')} error={errs.declinesPayment} />
        <SingleCheckbox
          name="publicSectorEmployee"
          legend="Employment"
          label="They work in the public sector"
          hint="Public-sector employees may not be paid for involvement in work time"
          checked={v.publicSectorEmployee}
          onChange={set('publicSectorEmployee')}
          error={errs.publicSectorEmployee}
        />
        <SingleCheckbox
          name="benefitsAdviceOffered"
          legend="Benefits"
          label="We offered benefits advice"
          hint="Payments can affect some benefits"
          checked={v.benefitsAdviceOffered}
          onChange={set('benefitsAdviceOffered')}
          error={errs.benefitsAdviceOffered}
        />
        {withConsent ? (
          <fieldset className="nhsuk-fieldset" data-testid="consent-section">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading">Consent</h2>
            </legend>
            <p className="nhsuk-body">We can only keep their details with their consent. It is saved with their record.</p>
            <ConsentFields v={k} set={setC} errs={errs} pref={pref} prefix="consent." />
          </fieldset>
        ) : null}
        <FormButtons label="Save Lived Experience Partner" saving={saving} cancelTo={cancelTo} />
      </form>
    </>
  );
}

export function ContributorEditScreen() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const pref = usePeopleRef();
  const c = useLoad<ContributorView | undefined>(() => (id ? getContributor(id) : Promise.resolve(undefined)), [id]);
  const title = id ? 'Edit Lived Experience Partner' : 'Add a Lived Experience Partner';
  const back = id ? `/people/${id}` : '/people';
  if (c.error) return <LoadProblem title={title} message={c.error.message} />;
  if (c.loading || !pref) {
    return <LoadingPage title={title} />;
  }
  const existing = c.data;
  const initial = existing ? contributorInputOf(existing) : emptyContributor();
  const save = async (input: ContributorInput, consent: ConsentInput) => {
    const saved = existing ? await updateContributor(existing.id, initial, input) : await createContributor(input, consent);
    showMessage(existing ? 'Details saved.' : 'Lived Experience Partner added.');
    navigate(`/people/${saved.id}`);
  };
  return (
    <FormPage back={back} title={title}>
      <ContributorForm initial={initial} withConsent={!existing} pref={pref} onSubmit={save} cancelTo={back} />
    </FormPage>
  );
}

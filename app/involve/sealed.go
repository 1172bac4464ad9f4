package involve

import "strings"

// Sealed fields: the values that identify a person, kept sealed (encrypted with the
// team key, app/lockbox) everywhere they are stored: the laptop's database, its WAL,
// outbox, sync bases, backups and exports, and the server's database. Laptops seal
// them before storing and open them to show; the server stores them as sent, after
// checking each opens and holds a valid value (docs/privacy.md, docs/decisions.md).

// SealedPrefix starts every sealed value (lockbox.FieldPrefix). A plain value may not
// start with it, so a value is sealed exactly when it has this form.
const SealedPrefix = "sealed1."

// SealedField is one sealed value of a record: its field name (what binds the token
// to its place) and where the value is.
type SealedField struct {
	Name  string
	Value *string
}

// sealedEntities are the kinds with sealed fields.
var sealedEntities = map[string]bool{EntityContributor: true, EntityConsent: true, EntityTimeEntry: true,
	EntityPrivacyRequest: true, EntityRetentionHold: true}

// HasSealedFields reports whether records of entity have sealed fields.
func HasSealedFields(entity string) bool { return sealedEntities[entity] }

// SealedFields lists a record's sealed values (none for other kinds):
//   - a Lived Experience Partner: name, contact details, access needs and each area of
//     lived experience (free text about them);
//   - a consent record: who gave it, who recorded it and who recorded its withdrawal;
//   - a time entry: the payment reference and the reason a fee was overridden;
//   - a privacy request: who asked (when not a partner), who dealt with it, what was
//     done and the reasons for an extension or a refusal.
//   - a retention hold: the reason the record is kept (it may name a person).
func SealedFields(rec any) []SealedField {
	switch r := rec.(type) {
	case *Contributor:
		out := []SealedField{{"name", &r.Name}, {"contactDetails", &r.ContactDetails}, {"accessNeeds", &r.AccessNeeds}}
		for i := range r.LivedExperience {
			out = append(out, SealedField{"livedExperience", &r.LivedExperience[i]})
		}
		return out
	case *Consent:
		return []SealedField{{"givenBy", &r.GivenBy}, {"capturedBy", &r.CapturedBy}, {"withdrawnBy", &r.WithdrawnBy}}
	case *TimeEntry:
		return []SealedField{{"receiptRef", &r.ReceiptRef}, {"overrideReason", &r.OverrideReason}}
	case *PrivacyRequest:
		return []SealedField{{"requester", &r.Requester}, {"doneBy", &r.DoneBy}, {"actionTaken", &r.ActionTaken},
			{"extensionReason", &r.ExtensionReason}, {"refusalReason", &r.RefusalReason}}
	case *RetentionHold:
		return []SealedField{{"reason", &r.Reason}}
	}
	return nil
}

// IsSealedValue reports whether a value is sealed (has the sealed form; whether it
// opens is lockbox's to say).
func IsSealedValue(s string) bool { return strings.HasPrefix(s, SealedPrefix) }

// HasPlainSealedField reports whether a record holds a sealed field's value in plain
// text (made before fields were sealed, or by an older version).
func HasPlainSealedField(rec any) bool {
	for _, f := range SealedFields(rec) {
		if *f.Value != "" && !IsSealedValue(*f.Value) {
			return true
		}
	}
	return false
}

// checkNotSealedForm adds a problem for each sealed field whose plain value has the
// sealed form: such a value could not be told from a sealed one.
func checkNotSealedForm(p *Problems, rec any, labels map[string]string) {
	for _, f := range SealedFields(rec) {
		if IsSealedValue(*f.Value) && !p.Has(f.Name) {
			p.Add(f.Name, labels[f.Name]+" must not begin with “"+SealedPrefix+"”")
		}
	}
}

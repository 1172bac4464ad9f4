package involve

import "strconv"

// Contributor is a Lived Experience Partner (LEP) or another identifiable contributor:
// the only people whose names Involve keeps, and only with a consent record (the store
// creates both in one transaction). When their consent is withdrawn the record stays
// (payments made to them are kept: a legal obligation) but every list and export shows
// the pseudonym "Contributor N" instead of who they are (docs/privacy.md).
type Contributor struct {
	Meta
	Name                  string   `json:"name"`
	ContactPreference     string   `json:"contactPreference"`
	ContactDetails        string   `json:"contactDetails"`
	AccessNeeds           string   `json:"accessNeeds"`
	Role                  string   `json:"role"`
	AgreementStart        string   `json:"agreementStart"`
	AgreementEnd          string   `json:"agreementEnd"`
	LivedExperience       []string `json:"livedExperience"`
	PaymentPreference     string   `json:"paymentPreference"`
	DeclinesPayment       bool     `json:"declinesPayment"`
	PublicSectorEmployee  bool     `json:"publicSectorEmployee"`
	BenefitsAdviceOffered bool     `json:"benefitsAdviceOffered"`
	// Number is the stable number of the pseudonym ("Contributor 7"), given when the
	// record is made (the next number on this laptop).
	Number int `json:"number"`
	// ConsentWithdrawnAt is set (in the same transaction) when the last live consent
	// record of this person is withdrawn, and cleared when a new one is recorded: the
	// record itself says it must be pseudonymised, so every laptop and the server's
	// exports honour it without looking at the consent records.
	ConsentWithdrawnAt string `json:"consentWithdrawnAt,omitempty"`
	// ErasedAt is set when a lead erased the partner (Erasure): only the pseudonym's
	// number and how they are paid are left.
	ErasedAt string `json:"erasedAt,omitempty"`
}

func (c *Contributor) DocMeta() *Meta           { return &c.Meta }
func (c *Contributor) DocEntity() string        { return EntityContributor }
func (c *Contributor) Parent() (string, string) { return "", "" }
func (c *Contributor) Withdrawn() bool          { return c.ConsentWithdrawnAt != "" }

// Pseudonym is "Contributor 7", or "Erased contributor 7" once erased.
func (c *Contributor) Pseudonym() string {
	if c.Erased() {
		return ErasedPseudonym(c.Number)
	}
	return "Contributor " + strconv.Itoa(c.Number)
}

// Title is the name, or the pseudonym once consent is withdrawn or while the name is
// sealed (titles show in conflict lists, and are stored beside the sealed record).
func (c *Contributor) Title() string {
	if c.Withdrawn() || c.Name == "" || IsSealedValue(c.Name) {
		return c.Pseudonym()
	}
	return c.Name
}

// Validate tidies the record and returns an EINVALID error listing every problem.
func (c *Contributor) Validate() error {
	trimAll(&c.Name, &c.ContactPreference, &c.Role, &c.AgreementStart, &c.AgreementEnd, &c.PaymentPreference)
	c.ContactDetails, c.AccessNeeds = trimText(c.ContactDetails), trimText(c.AccessNeeds)
	c.LivedExperience = uniqueCodes(c.LivedExperience)
	if c.DeclinesPayment {
		c.PaymentPreference = RouteDeclined
	}
	var p Problems
	if c.Name == "" && !c.Withdrawn() {
		p.Add("name", "Enter their name")
	}
	checkLen(&p, "name", "Name", c.Name, MaxShortText)
	if c.ContactPreference != "" && !contactPrefSet[c.ContactPreference] {
		p.Add("contactPreference", "Select how they prefer to be contacted")
	}
	checkLen(&p, "contactDetails", "Contact details", c.ContactDetails, MaxText)
	checkLen(&p, "accessNeeds", "Access needs", c.AccessNeeds, MaxText)
	checkLen(&p, "role", "Role", c.Role, MaxShortText)
	checkOptDate(&p, "agreementStart", "Agreement start date", c.AgreementStart)
	checkOptDate(&p, "agreementEnd", "Agreement end date", c.AgreementEnd)
	if !p.Has("agreementStart") && !p.Has("agreementEnd") && c.AgreementStart != "" && c.AgreementEnd != "" &&
		c.AgreementEnd < c.AgreementStart {
		p.Add("agreementEnd", "Agreement end date must be the same as or after the start date")
	}
	if len(c.LivedExperience) > 30 {
		p.Add("livedExperience", "Enter 30 areas of lived experience or fewer")
	}
	for _, a := range c.LivedExperience {
		if len([]rune(a)) > MaxShortText {
			p.Add("livedExperience", "Each area of lived experience must be 200 characters or fewer")
			break
		}
	}
	if c.PaymentPreference != "" && !paymentRouteSet[c.PaymentPreference] {
		p.Add("paymentPreference", "Select how they prefer to be paid")
	}
	if c.Number < 0 {
		p.Add("number", "Number must be 0 or more")
	}
	checkNotSealedForm(&p, c, contributorLabels)
	return p.Err("Lived Experience Partner")
}

// checkDate adds a problem when an optional date is not a real YYYY-MM-DD date.
func checkOptDate(p *Problems, field, label, v string) {
	if v != "" && !ValidDate(v) {
		p.Add(field, label+" must be a real date")
	}
}

// Pseudonymised returns a copy with every identifiable field removed, the name
// replaced by the pseudonym: what lists and exports show once consent is withdrawn.
func (c Contributor) Pseudonymised() Contributor {
	out := Contributor{Meta: c.Meta, Number: c.Number, ConsentWithdrawnAt: c.ConsentWithdrawnAt, ErasedAt: c.ErasedAt,
		Role: c.Role, DeclinesPayment: c.DeclinesPayment, PaymentPreference: c.PaymentPreference,
		PublicSectorEmployee: c.PublicSectorEmployee, AgreementStart: c.AgreementStart, AgreementEnd: c.AgreementEnd}
	out.Name = c.Pseudonym()
	out.LivedExperience = []string{}
	return out
}

// contributorLabels name the fields of a contributor for people (kinds).
var contributorLabels = map[string]string{"name": "Name", "contactPreference": "Contact preference", "contactDetails": "Contact details",
	"accessNeeds": "Access needs", "role": "Role", "agreementStart": "Agreement start date",
	"agreementEnd": "Agreement end date", "livedExperience": "Lived experience", "paymentPreference": "Payment preference",
	"declinesPayment": "Declines payment", "publicSectorEmployee": "Public-sector employee",
	"benefitsAdviceOffered": "Benefits advice offered", "number": "Number", "consentWithdrawnAt": "Consent withdrawn"}

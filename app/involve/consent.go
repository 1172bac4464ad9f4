package involve

import "strings"

// Consent is a consent record (DESIGN §4, §7): who agreed to what, on which lawful
// basis, under which privacy notice, how and when; and when they withdrew. Its subject
// is a contributor, or a feedback item whose words may be quoted. Withdrawal is one
// action that takes effect everywhere (the store's WithdrawConsent): a feedback
// item's quote consent is switched off, a contributor is pseudonymised.
type Consent struct {
	Meta
	SubjectEntity string   `json:"subjectEntity"`
	SubjectID     string   `json:"subjectId"`
	Purposes      []string `json:"purposes"`
	LawfulBasis   string   `json:"lawfulBasis"`
	// SpecialCondition is the UK GDPR Article 9 condition, needed for special-category
	// data (equality monitoring).
	SpecialCondition string `json:"specialCondition"`
	NoticeVersion    string `json:"noticeVersion"`
	Method           string `json:"method"`
	GivenAt          string `json:"givenAt"` // YYYY-MM-DD
	GivenBy          string `json:"givenBy"` // the person, or who gave it for them
	CapturedBy       string `json:"capturedBy"`
	WithdrawnAt      string `json:"withdrawnAt,omitempty"` // RFC 3339 UTC
	WithdrawnBy      string `json:"withdrawnBy,omitempty"` // staff member who recorded it
	// ErasedAt is set when its subject was erased (Erasure): who gave and recorded it
	// are gone; what was agreed, on which basis and when are kept.
	ErasedAt string `json:"erasedAt,omitempty"`
}

func (c *Consent) DocMeta() *Meta           { return &c.Meta }
func (c *Consent) DocEntity() string        { return EntityConsent }
func (c *Consent) Parent() (string, string) { return c.SubjectEntity, c.SubjectID }
func (c *Consent) Withdrawn() bool          { return c.WithdrawnAt != "" }

// Title says what was agreed, never who agreed it.
func (c *Consent) Title() string {
	s := "Consent (" + strings.Join(c.Purposes, ", ") + ")"
	if c.Withdrawn() {
		s += ", withdrawn"
	}
	return s
}

// HasPurpose reports whether the record covers purpose (withdrawn or not).
func (c *Consent) HasPurpose(purpose string) bool {
	for _, p := range c.Purposes {
		if p == purpose {
			return true
		}
	}
	return false
}

// Validate tidies the record and returns an EINVALID error listing every problem.
func (c *Consent) Validate() error {
	trimAll(&c.SubjectEntity, &c.SubjectID, &c.LawfulBasis, &c.SpecialCondition, &c.NoticeVersion, &c.Method,
		&c.GivenAt, &c.GivenBy, &c.CapturedBy, &c.WithdrawnAt, &c.WithdrawnBy)
	c.Purposes = uniqueCodes(c.Purposes)
	var p Problems
	switch c.SubjectEntity {
	case EntityContributor, EntityFeedback:
	default:
		p.Add("subjectEntity", "Select who the consent is from: a Lived Experience Partner or a feedback item")
	}
	if c.SubjectID == "" {
		p.Add("subjectId", "Select who gave the consent")
	}
	if len(c.Purposes) == 0 {
		p.Add("purposes", "Select what they agreed to")
	}
	for _, pu := range c.Purposes {
		if !purposeSet[pu] {
			p.Add("purposes", "Select purposes from the list")
			break
		}
	}
	if c.LawfulBasis == "" {
		p.Add("lawfulBasis", "Select the lawful basis")
	} else if !lawfulBasisSet[c.LawfulBasis] {
		p.Add("lawfulBasis", "Select a lawful basis from the list")
	}
	if c.SpecialCondition == "" && c.HasPurpose(PurposeEquality) {
		p.Add("specialCondition", "Select the Article 9 condition: equality monitoring uses special-category data")
	} else if c.SpecialCondition != "" && !specialCondSet[c.SpecialCondition] {
		p.Add("specialCondition", "Select an Article 9 condition from the list")
	}
	if c.NoticeVersion == "" {
		p.Add("noticeVersion", "Enter the version of the privacy notice they were given")
	}
	checkLen(&p, "noticeVersion", "Privacy notice version", c.NoticeVersion, MaxShortText)
	if c.Method == "" {
		p.Add("method", "Select how consent was given")
	} else if !consentMethodSet[c.Method] {
		p.Add("method", "Select how consent was given from the list")
	}
	switch {
	case c.GivenAt == "":
		p.Add("givenAt", "Enter the date consent was given")
	case !ValidDate(c.GivenAt):
		p.Add("givenAt", "Date consent was given must be a real date")
	}
	if c.GivenBy == "" && c.ErasedAt == "" {
		p.Add("givenBy", "Enter who gave consent")
	}
	checkLen(&p, "givenBy", "Who gave consent", c.GivenBy, MaxShortText)
	checkLen(&p, "capturedBy", "Captured by", c.CapturedBy, MaxShortText)
	if c.WithdrawnAt != "" && !p.Has("givenAt") && len(c.WithdrawnAt) >= 10 && c.WithdrawnAt[:10] < c.GivenAt {
		p.Add("withdrawnAt", "Consent cannot be withdrawn before it was given")
	}
	checkNotSealedForm(&p, c, consentLabels)
	return p.Err("consent")
}

// consentLabels name the fields of a consent record for people (kinds).
var consentLabels = map[string]string{"subjectEntity": "Subject", "subjectId": "Subject", "purposes": "Purposes",
	"lawfulBasis": "Lawful basis", "specialCondition": "Article 9 condition", "noticeVersion": "Privacy notice version",
	"method": "How consent was given", "givenAt": "Date given", "givenBy": "Given by", "capturedBy": "Captured by",
	"withdrawnAt": "Withdrawn at", "withdrawnBy": "Withdrawal recorded by"}

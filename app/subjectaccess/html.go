package subjectaccess

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

// HTML renders the report as one self-contained page: no scripts, no images, no
// links to fetch (inline CSS only), so it opens the same offline, in any browser, and
// prints. Headings in order, tables with captions and header cells, lang="en-GB".
func HTML(r Report) ([]byte, error) {
	var b bytes.Buffer
	if err := page.Execute(&b, view(r)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type row struct{ Label, Value string }

type htmlView struct {
	R        Report
	Made     string
	Details  []row
	Consents [][]string
	Entries  [][]string
	Clashes  [][]string
}

func view(r Report) htmlView {
	ref := involve.PeopleRef()
	p := r.Partner
	v := htmlView{R: r, Made: involve.LongDate(dateOf(r.MadeAt)) + " at " + timeOf(r.MadeAt) + " UTC"}
	v.Details = []row{
		{"Name", orNone(p.Name)},
		{"Pseudonym (used in reports)", p.Pseudonym},
		{"Contact preference", orNone(involve.LabelOf(ref.ContactPreferences, p.ContactPreference))},
		{"Contact details", orNone(p.ContactDetails)},
		{"Access needs", orNone(p.AccessNeeds)},
		{"Role", orNone(p.Role)},
		{"Agreement start date", orNone(p.AgreementStart)},
		{"Agreement end date", orNone(p.AgreementEnd)},
		{"Lived experience", orNone(strings.Join(p.LivedExperience, "; "))},
		{"Payment preference", orNone(involve.LabelOf(ref.PaymentRoutes, p.PaymentPreference))},
		{"Declines payment", yesNo(p.DeclinesPayment)},
		{"Public-sector employee", yesNo(p.PublicSectorEmployee)},
		{"Benefits advice offered", yesNo(p.BenefitsAdviceOffered)},
		{"Consent withdrawn", orNone(p.ConsentWithdrawnAt)},
		{"Record made", p.CreatedAt},
		{"Record last changed", p.UpdatedAt},
		{"Record deleted", orNone(p.DeletedAt)},
		{"Record id", p.ID},
	}
	for _, c := range r.Consents {
		purposes := make([]string, len(c.Purposes))
		for i, pu := range c.Purposes {
			purposes[i] = involve.LabelOf(ref.ConsentPurposes, pu)
		}
		status := "Given"
		if c.WithdrawnAt != "" {
			status = "Withdrawn " + c.WithdrawnAt
		}
		if c.DeletedAt != "" {
			status += " (record deleted " + c.DeletedAt + ")"
		}
		v.Consents = append(v.Consents, []string{c.GivenAt, strings.Join(purposes, "; "),
			involve.LabelOf(ref.LawfulBases, c.LawfulBasis), orNone(involve.LabelOf(ref.SpecialConditions, c.SpecialCondition)),
			involve.LabelOf(ref.ConsentMethods, c.Method), c.GivenBy, c.NoticeVersion, status, c.ID})
	}
	for _, e := range r.TimeEntries {
		what := e.Task
		for _, s := range r.Sessions {
			if s.ID == e.SessionID {
				what = strings.TrimSpace(s.Title + " " + e.Task)
			}
		}
		fee := pounds(e.FeeDuePence)
		if e.FeeOverridePence != nil {
			fee += " (changed from " + pounds(e.FeePence) + ": " + e.OverrideReason + ")"
		}
		paid := orNone(e.PaidOn)
		if e.DeletedAt != "" {
			paid += " (record deleted " + e.DeletedAt + ")"
		}
		v.Entries = append(v.Entries, []string{e.Date, what, orNone(e.Project),
			fmt.Sprintf("%d", e.MinutesPrep+e.MinutesAttend+e.MinutesFollowUp+e.MinutesTravel),
			fee, pounds(e.ExpensesPence), orNone(e.ReceiptRef), orNone(involve.LabelOf(ref.PaymentRoutes, e.Route)),
			orNone(e.ClaimedOn), orNone(e.ApprovedOn), paid, e.ID})
	}
	for _, c := range r.Conflicts {
		label := c.Field
		if k, ok := involve.KindOf(c.RecordKind); ok && k.Labels[c.Field] != "" {
			label = k.Labels[c.Field]
		}
		what := map[string]string{involve.EntityContributor: "Your details", involve.EntityConsent: "A consent record",
			involve.EntityTimeEntry: "A time entry"}[c.RecordKind]
		status := "Open"
		if c.Status != "open" {
			status = "Resolved " + c.ResolvedAt + " (" + c.Resolution + ")"
		}
		v.Clashes = append(v.Clashes, []string{what, label, valueText(c.WinnerValue), valueText(c.LoserValue), status, c.ID})
	}
	return v
}

// valueText shows a field's value from JSON: a text as it is, a list joined.
func valueText(raw []byte) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return orNone(s)
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return orNone(strings.Join(list, "; "))
	}
	if string(raw) == "null" {
		return "None recorded"
	}
	return string(raw)
}

func orNone(s string) string {
	if s == "" {
		return "None recorded"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func timeOf(s string) string {
	if len(s) >= 16 {
		return s[11:16]
	}
	return ""
}

func pounds(p int64) string { return fmt.Sprintf("£%d.%02d", p/100, p%100) }

var page = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Everything Involve holds about {{.R.Partner.Pseudonym}}</title>
<style>
body{font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.5;color:#212b32;background:#fff;max-width:60em;margin:0 auto;padding:1em}
h1{font-size:2rem;margin-top:0}h2{font-size:1.5rem;margin-top:2em}
table{border-collapse:collapse;width:100%}
.scroll{overflow-x:auto;margin-bottom:1.5em}.scroll:focus{outline:3px solid #ffeb3b;box-shadow:0 0 0 6px #212b32}
caption{text-align:left;font-weight:bold;padding:.5em 0}
th,td{border-bottom:1px solid #d8dde0;padding:.5em;text-align:left;vertical-align:top}
th{background:#f0f4f5}
.note{border-left:.5em solid #005eb8;padding:.5em 1em;background:#eef7ff}
@media print{body{font-size:11pt}th{background:none}}
</style>
</head>
<body>
<main>
<h1>Everything Involve holds about {{.R.Partner.Pseudonym}}</h1>
<p>This page is a copy of every record Involve holds about one Lived Experience Partner. It was made on {{.Made}} by {{.R.MadeBy}} to answer a subject access request: your right under UK GDPR to a copy of your personal data.</p>
<p>A second file, with the same name ending in <code>.json</code>, holds the same records in a form a computer can read.</p>
<div class="note"><p>This page holds personal information. Keep it safe, and send it only to the person it is about.</p></div>

<h2>Why Involve holds this</h2>
<p>Involve is the tool the team uses to plan involvement work and to pay Lived Experience Partners for their time. We hold your details to contact you, to meet your access needs and to pay you. The lawful bases come from the consent records below:</p>
{{if .R.Reasons}}<ul>{{range .R.Reasons}}<li>{{.}}</li>{{end}}</ul>{{else}}<p>No consent record is held.</p>{{end}}

<h2>Your details</h2>
<div class="scroll" role="region" tabindex="0" aria-labelledby="cap-details"><table>
<caption id="cap-details">Your details as Involve holds them</caption>
<tbody>
{{range .Details}}<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td></tr>
{{end}}</tbody>
</table></div>

<h2>Your consent records</h2>
{{if .Consents}}<div class="scroll" role="region" tabindex="0" aria-labelledby="cap-consents"><table>
<caption id="cap-consents">Every consent record that names you, oldest first, withdrawn ones included ({{len .Consents}})</caption>
<thead><tr><th scope="col">Date given</th><th scope="col">What you agreed to</th><th scope="col">Lawful basis</th><th scope="col">Article 9 condition</th><th scope="col">How it was given</th><th scope="col">Given by</th><th scope="col">Privacy notice version</th><th scope="col">Status</th><th scope="col">Record id</th></tr></thead>
<tbody>
{{range .Consents}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>{{else}}<p>No consent record names you.</p>{{end}}

<h2>Your time and payments</h2>
{{if .Entries}}<div class="scroll" role="region" tabindex="0" aria-labelledby="cap-entries"><table>
<caption id="cap-entries">Every time and payment entry of yours, oldest first ({{len .Entries}})</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Session or task</th><th scope="col">Project</th><th scope="col">Minutes</th><th scope="col">Fee due</th><th scope="col">Expenses</th><th scope="col">Receipt reference</th><th scope="col">Paid by</th><th scope="col">Claimed on</th><th scope="col">Approved on</th><th scope="col">Paid on</th><th scope="col">Record id</th></tr></thead>
<tbody>
{{range .Entries}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>{{else}}<p>No time or payment entry is held for you.</p>{{end}}

<h2>Sessions you attended as a partner</h2>
{{if .R.Sessions}}<div class="scroll" role="region" tabindex="0" aria-labelledby="cap-sessions"><table>
<caption id="cap-sessions">Sessions your time entries name ({{len .R.Sessions}})</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Session</th></tr></thead>
<tbody>
{{range .R.Sessions}}<tr><td>{{.Date}}</td><td>{{.Title}}{{if .Deleted}} (deleted){{end}}</td></tr>
{{end}}</tbody>
</table></div>{{else}}<p>No session is named in your time entries.</p>{{end}}

<h2>Edits made on two devices at once</h2>
{{if .Clashes}}<div class="scroll" role="region" tabindex="0" aria-labelledby="cap-conflicts"><table>
<caption id="cap-conflicts">Conflicts: a field of your records changed on two devices before they synced; both values are kept until someone chooses ({{len .Clashes}})</caption>
<thead><tr><th scope="col">Record</th><th scope="col">Field</th><th scope="col">Value the record holds</th><th scope="col">Other value</th><th scope="col">Status</th><th scope="col">Conflict id</th></tr></thead>
<tbody>
{{range .Clashes}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>{{else}}<p>There is no conflict about your records.</p>{{end}}

<h2>Actions and outcomes</h2>
<p>{{.R.Linked.Note}}</p>

<h2>What this page leaves out</h2>
<ul>{{range .R.Withheld}}<li>{{.}}</li>{{end}}</ul>
</main>
</body>
</html>
`))

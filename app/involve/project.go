package involve

// ProjectInput is what a person enters for a project.
type ProjectInput struct {
	Name        string   `json:"name"`
	Lead        string   `json:"lead"`
	Funder      string   `json:"funder"`
	StartDate   string   `json:"startDate"`
	EndDate     string   `json:"endDate"`
	Aim         string   `json:"aim"`
	Core20Plus5 []string `json:"core20plus5"`
	PlusGroups  []string `json:"plusGroups"`
	Boroughs    []string `json:"boroughs"`
}

// Project is a piece of work that involvement sessions belong to.
type Project struct {
	Meta
	ProjectInput
	SessionCount int `json:"sessionCount"`
}

// projectLabels name a project's fields as the form does (kinds).
var projectLabels = map[string]string{"name": "Project name", "lead": "Lead", "funder": "Funder", "startDate": "Start date", "endDate": "End date",
	"aim": "Involvement aim", "core20plus5": "Core20PLUS5 areas", "plusGroups": "PLUS groups", "boroughs": "Boroughs"}

// Normalize trims text and tidies code lists.
func (in *ProjectInput) Normalize() {
	trimAll(&in.Name, &in.Lead, &in.Funder, &in.StartDate, &in.EndDate, &in.Aim)
	in.Core20Plus5 = uniqueCodes(in.Core20Plus5)
	in.PlusGroups = uniqueCodes(in.PlusGroups)
	in.Boroughs = uniqueCodes(in.Boroughs)
}

// Validate normalizes the input and returns an EINVALID error listing every problem.
func (in *ProjectInput) Validate() error {
	in.Normalize()
	var p Problems
	if in.Name == "" {
		p.Add("name", "Enter a project name")
	}
	checkLen(&p, "name", "Project name", in.Name, MaxShortText)
	checkLen(&p, "lead", "Lead", in.Lead, MaxShortText)
	checkLen(&p, "funder", "Funder", in.Funder, MaxShortText)
	checkLen(&p, "aim", "Involvement aim", in.Aim, MaxText)
	if in.StartDate != "" && !ValidDate(in.StartDate) {
		p.Add("startDate", "Start date must be a real date")
	}
	if in.EndDate != "" && !ValidDate(in.EndDate) {
		p.Add("endDate", "End date must be a real date")
	}
	if !p.Has("startDate") && !p.Has("endDate") && in.StartDate != "" && in.EndDate != "" && in.EndDate < in.StartDate {
		p.Add("endDate", "End date must be the same as or after the start date")
	}
	checkCodes(&p, "core20plus5", "Core20PLUS5 area", in.Core20Plus5, core20Set)
	checkCodes(&p, "plusGroups", "PLUS group", in.PlusGroups, plusGroupSet)
	checkCodes(&p, "boroughs", "borough", in.Boroughs, boroughSet)
	return p.Err("project")
}

func checkCodes(p *Problems, field, what string, codes []string, set map[string]bool) {
	for _, c := range codes {
		if !set[c] {
			p.Add(field, "Select a "+what+" from the list")
			return
		}
	}
}

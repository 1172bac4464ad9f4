package involve

// ReferenceVersion identifies the reference lists shipped in this build. Records store
// codes; a later version may add codes or relabel them but never reuses a code.
const ReferenceVersion = "2026.1"

// RefItem is one allowed value of a reference list.
type RefItem struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Group string `json:"group,omitempty"`
	Hint  string `json:"hint,omitempty"`
}

// ReferenceData is every list the forms offer (DESIGN §4).
type ReferenceData struct {
	Version           string    `json:"version"`
	SessionTypes      []RefItem `json:"sessionTypes"`
	SessionModes      []RefItem `json:"sessionModes"`
	SessionStatuses   []RefItem `json:"sessionStatuses"`
	InvolvementLevels []RefItem `json:"involvementLevels"`
	EngagementStages  []RefItem `json:"engagementStages"`
	Standards         []RefItem `json:"standards"`
	AccessSupport     []RefItem `json:"accessSupport"`
	Boroughs          []RefItem `json:"boroughs"`
	FeedbackSources   []RefItem `json:"feedbackSources"`
	Ratings           []RefItem `json:"ratings"`
	AgeBands          []RefItem `json:"ageBands"`
	EthnicGroups      []RefItem `json:"ethnicGroups"`
	Ethnicities       []RefItem `json:"ethnicities"`
	Core20Plus5       []RefItem `json:"core20plus5"`
	PlusGroups        []RefItem `json:"plusGroups"`

	// Equality monitoring questions of anonymous attendee profiles and attendance
	// tallies (DESIGN §4), each with "Prefer not to say".
	Sexes              []RefItem `json:"sexes"`
	GenderSameAsBirth  []RefItem `json:"genderSameAsBirth"`
	SexualOrientations []RefItem `json:"sexualOrientations"`
	Religions          []RefItem `json:"religions"`
	Disabilities       []RefItem `json:"disabilities"`
	UnpaidCarers       []RefItem `json:"unpaidCarers"`
	IMDDeciles         []RefItem `json:"imdDeciles"`

	ActionStatuses   []RefItem `json:"actionStatuses"`
	ActionChannels   []RefItem `json:"actionChannels"`
	ImpactAreas      []RefItem `json:"impactAreas"`
	ImpactDirections []RefItem `json:"impactDirections"`
	ImpactMagnitudes []RefItem `json:"impactMagnitudes"`
}

// Reference returns the shipped reference data.
func Reference() ReferenceData { return reference }

var reference = ReferenceData{
	Version: ReferenceVersion,
	SessionTypes: []RefItem{
		{Code: "workshop", Label: "Workshop"},
		{Code: "focus_group", Label: "Focus group"},
		{Code: "community_event", Label: "Community event"},
		{Code: "co_design", Label: "Co-design session"},
		{Code: "lep_meeting", Label: "Lived Experience Partner meeting"},
		{Code: "steering_group", Label: "Steering group"},
		{Code: "outreach_stall", Label: "Outreach stall"},
		{Code: "online", Label: "Online session"},
	},
	SessionModes: []RefItem{
		{Code: "in_person", Label: "In person"},
		{Code: "online", Label: "Online"},
		{Code: "hybrid", Label: "Hybrid"},
	},
	SessionStatuses: []RefItem{
		{Code: "planned", Label: "Planned"},
		{Code: "held", Label: "Held"},
		{Code: "written_up", Label: "Written up"},
	},
	InvolvementLevels: []RefItem{
		{Code: "inform", Label: "Inform", Hint: "Giving people information"},
		{Code: "consult", Label: "Consult", Hint: "Asking for views on options"},
		{Code: "involve", Label: "Involve", Hint: "Working with people throughout"},
		{Code: "collaborate", Label: "Collaborate", Hint: "Partnering on each decision"},
		{Code: "co_produce", Label: "Co-produce", Hint: "Sharing power and responsibility"},
	},
	EngagementStages: []RefItem{
		{Code: "identify", Label: "Identifying priorities"},
		{Code: "design", Label: "Design"},
		{Code: "delivery", Label: "Delivery"},
		{Code: "evaluation", Label: "Evaluation"},
		{Code: "dissemination", Label: "Sharing results"},
	},
	Standards: []RefItem{
		{Code: "1", Label: "Inclusive opportunities"},
		{Code: "2", Label: "Working together"},
		{Code: "3", Label: "Support and learning"},
		{Code: "4", Label: "Communications"},
		{Code: "5", Label: "Impact"},
		{Code: "6", Label: "Governance"},
	},
	AccessSupport: []RefItem{
		{Code: "interpreter", Label: "Interpreter"},
		{Code: "bsl", Label: "British Sign Language"},
		{Code: "easy_read", Label: "Easy read materials"},
		{Code: "step_free", Label: "Step-free access"},
		{Code: "childcare", Label: "Childcare"},
	},
	Boroughs: []RefItem{
		{Code: "E09000004", Label: "Bexley", Group: "SEL"},
		{Code: "E09000006", Label: "Bromley", Group: "SEL"},
		{Code: "E09000011", Label: "Greenwich", Group: "SEL"},
		{Code: "E09000022", Label: "Lambeth", Group: "SEL"},
		{Code: "E09000023", Label: "Lewisham", Group: "SEL"},
		{Code: "E09000028", Label: "Southwark", Group: "SEL"},
		{Code: "E09000008", Label: "Croydon", Group: "SWL"},
		{Code: "E09000021", Label: "Kingston upon Thames", Group: "SWL"},
		{Code: "E09000024", Label: "Merton", Group: "SWL"},
		{Code: "E09000027", Label: "Richmond upon Thames", Group: "SWL"},
		{Code: "E09000029", Label: "Sutton", Group: "SWL"},
		{Code: "E09000032", Label: "Wandsworth", Group: "SWL"},
		{Code: "other_london", Label: "Other London borough"},
		{Code: "outside_london", Label: "Outside London"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	FeedbackSources: []RefItem{
		{Code: "comment_card", Label: "Comment card"},
		{Code: "conversation", Label: "Conversation"},
		{Code: "post_it", Label: "Post-it note"},
		{Code: "form", Label: "Form"},
		{Code: "online", Label: "Online"},
		{Code: "kiosk", Label: "Kiosk"},
		{Code: "lep", Label: "Lived Experience Partner"},
	},
	Ratings: []RefItem{
		{Code: "5", Label: "Very good"},
		{Code: "4", Label: "Good"},
		{Code: "3", Label: "Neither good nor poor"},
		{Code: "2", Label: "Poor"},
		{Code: "1", Label: "Very poor"},
		{Code: "0", Label: "Don't know"},
	},
	AgeBands: []RefItem{
		{Code: "under_16", Label: "Under 16"},
		{Code: "16_17", Label: "16 to 17"},
		{Code: "18_24", Label: "18 to 24"},
		{Code: "25_34", Label: "25 to 34"},
		{Code: "35_44", Label: "35 to 44"},
		{Code: "45_54", Label: "45 to 54"},
		{Code: "55_64", Label: "55 to 64"},
		{Code: "65_74", Label: "65 to 74"},
		{Code: "75_84", Label: "75 to 84"},
		{Code: "85_plus", Label: "85 or over"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	EthnicGroups: []RefItem{
		{Code: "asian", Label: "Asian, Asian British or Asian Welsh"},
		{Code: "black", Label: "Black, Black British, Black Welsh, Caribbean or African"},
		{Code: "mixed", Label: "Mixed or Multiple ethnic groups"},
		{Code: "white", Label: "White"},
		{Code: "other", Label: "Other ethnic group"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	Ethnicities: []RefItem{
		{Code: "bangladeshi", Label: "Bangladeshi", Group: "asian"},
		{Code: "chinese", Label: "Chinese", Group: "asian"},
		{Code: "indian", Label: "Indian", Group: "asian"},
		{Code: "pakistani", Label: "Pakistani", Group: "asian"},
		{Code: "other_asian", Label: "Any other Asian background", Group: "asian"},
		{Code: "african", Label: "African", Group: "black"},
		{Code: "caribbean", Label: "Caribbean", Group: "black"},
		{Code: "other_black", Label: "Any other Black, Black British or Caribbean background", Group: "black"},
		{Code: "white_asian", Label: "White and Asian", Group: "mixed"},
		{Code: "white_black_african", Label: "White and Black African", Group: "mixed"},
		{Code: "white_black_caribbean", Label: "White and Black Caribbean", Group: "mixed"},
		{Code: "other_mixed", Label: "Any other Mixed or Multiple ethnic background", Group: "mixed"},
		{Code: "white_british", Label: "English, Welsh, Scottish, Northern Irish or British", Group: "white"},
		{Code: "irish", Label: "Irish", Group: "white"},
		{Code: "gypsy_irish_traveller", Label: "Gypsy or Irish Traveller", Group: "white"},
		{Code: "roma", Label: "Roma", Group: "white"},
		{Code: "other_white", Label: "Any other White background", Group: "white"},
		{Code: "arab", Label: "Arab", Group: "other"},
		{Code: "any_other", Label: "Any other ethnic group", Group: "other"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	Core20Plus5: []RefItem{
		{Code: "core20", Label: "Core20: most deprived 20% (IMD deciles 1 and 2)"},
		{Code: "maternity", Label: "Maternity", Group: "adult"},
		{Code: "smi", Label: "Severe mental illness", Group: "adult"},
		{Code: "respiratory", Label: "Chronic respiratory disease", Group: "adult"},
		{Code: "early_cancer", Label: "Early cancer diagnosis", Group: "adult"},
		{Code: "hypertension", Label: "Hypertension case-finding", Group: "adult"},
		{Code: "smoking", Label: "Smoking cessation", Group: "adult"},
		{Code: "cyp_asthma", Label: "Asthma", Group: "children"},
		{Code: "cyp_diabetes", Label: "Diabetes", Group: "children"},
		{Code: "cyp_epilepsy", Label: "Epilepsy", Group: "children"},
		{Code: "cyp_oral_health", Label: "Oral health", Group: "children"},
		{Code: "cyp_mental_health", Label: "Mental health", Group: "children"},
	},
	PlusGroups: []RefItem{
		{Code: "ethnic_minority", Label: "Ethnic minority communities"},
		{Code: "homeless", Label: "People experiencing homelessness"},
		{Code: "grt", Label: "Gypsy, Roma and Traveller communities"},
		{Code: "learning_disability_autism", Label: "People with a learning disability and autistic people"},
		{Code: "carers", Label: "Carers"},
		{Code: "refugees_asylum", Label: "Refugees and people seeking asylum"},
		{Code: "lgbtq", Label: "LGBTQ+ people"},
	},
	Sexes: []RefItem{
		{Code: "female", Label: "Female"},
		{Code: "male", Label: "Male"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	GenderSameAsBirth: []RefItem{
		{Code: "yes", Label: "Yes"},
		{Code: "no", Label: "No"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	SexualOrientations: []RefItem{
		{Code: "straight", Label: "Straight or heterosexual"},
		{Code: "gay_lesbian", Label: "Gay or lesbian"},
		{Code: "bisexual", Label: "Bisexual"},
		{Code: "other", Label: "Other sexual orientation"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	Religions: []RefItem{
		{Code: "none", Label: "No religion"},
		{Code: "christian", Label: "Christian"},
		{Code: "buddhist", Label: "Buddhist"},
		{Code: "hindu", Label: "Hindu"},
		{Code: "jewish", Label: "Jewish"},
		{Code: "muslim", Label: "Muslim"},
		{Code: "sikh", Label: "Sikh"},
		{Code: "other", Label: "Any other religion"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	Disabilities: []RefItem{
		{Code: "limited_a_lot", Label: "Yes, day-to-day activities limited a lot"},
		{Code: "limited_a_little", Label: "Yes, day-to-day activities limited a little"},
		{Code: "not_limited", Label: "Has a long-term condition, not limited"},
		{Code: "no_condition", Label: "No long-term condition"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	UnpaidCarers: []RefItem{
		{Code: "no", Label: "No"},
		{Code: "1_9", Label: "Yes, 9 hours a week or less"},
		{Code: "10_19", Label: "Yes, 10 to 19 hours a week"},
		{Code: "20_34", Label: "Yes, 20 to 34 hours a week"},
		{Code: "35_49", Label: "Yes, 35 to 49 hours a week"},
		{Code: "50_plus", Label: "Yes, 50 or more hours a week"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	IMDDeciles: []RefItem{
		{Code: "1", Label: "1 (most deprived 10%)", Group: "core20"},
		{Code: "2", Label: "2", Group: "core20"},
		{Code: "3", Label: "3"},
		{Code: "4", Label: "4"},
		{Code: "5", Label: "5"},
		{Code: "6", Label: "6"},
		{Code: "7", Label: "7"},
		{Code: "8", Label: "8"},
		{Code: "9", Label: "9"},
		{Code: "10", Label: "10 (least deprived 10%)"},
		{Code: "prefer_not_to_say", Label: "Prefer not to say"},
	},
	ActionStatuses:   ActionStatuses,
	ActionChannels:   ActionChannels,
	ImpactAreas:      ImpactAreas,
	ImpactDirections: ImpactDirections,
	ImpactMagnitudes: ImpactMagnitudes,
}

// StarterThemes is the taxonomy a new database is seeded with; teams edit it.
var StarterThemes = []string{
	"Access", "Communication", "Waiting times", "Staff attitude", "Information",
	"Digital", "Transport", "Cost of living", "Mental health",
	"Cultural appropriateness", "Continuity of care", "Environment",
}

// Lookup sets of codes, built once.
var (
	sessionTypeSet   = codeSet(reference.SessionTypes)
	sessionModeSet   = codeSet(reference.SessionModes)
	sessionStatusSet = codeSet(reference.SessionStatuses)
	levelSet         = codeSet(reference.InvolvementLevels)
	stageSet         = codeSet(reference.EngagementStages)
	standardSet      = codeSet(reference.Standards)
	accessSet        = codeSet(reference.AccessSupport)
	boroughSet       = codeSet(reference.Boroughs)
	sourceSet        = codeSet(reference.FeedbackSources)
	ageBandSet       = codeSet(reference.AgeBands)
	ethnicGroupSet   = codeSet(reference.EthnicGroups)
	core20Set        = codeSet(reference.Core20Plus5)
	plusGroupSet     = codeSet(reference.PlusGroups)
	ethnicitySet     = codeSet(reference.Ethnicities)
	sexSet           = codeSet(reference.Sexes)
	genderSameSet    = codeSet(reference.GenderSameAsBirth)
	orientationSet   = codeSet(reference.SexualOrientations)
	religionSet      = codeSet(reference.Religions)
	disabilitySet    = codeSet(reference.Disabilities)
	unpaidCarerSet   = codeSet(reference.UnpaidCarers)
	imdDecileSet     = codeSet(reference.IMDDeciles)
)

func codeSet(items []RefItem) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it.Code] = true
	}
	return m
}

// LabelOf returns the label of code in a list, or code itself if unknown.
func LabelOf(items []RefItem, code string) string {
	for _, it := range items {
		if it.Code == code {
			return it.Label
		}
	}
	return code
}

// CodeOf finds the code whose label or code matches s (case-insensitive); used by
// importers that meet labels such as "Croydon" or "focus group".
func CodeOf(items []RefItem, s string) (string, bool) {
	n := normLabel(s)
	for _, it := range items {
		if normLabel(it.Code) == n || normLabel(it.Label) == n {
			return it.Code, true
		}
	}
	return "", false
}

func normLabel(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+32)
		case c == ' ' || c == '-' || c == '_':
			b = append(b, '_')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// LegacyAgeBands are bands used by older forms and imported data sets (the shared
// benchmark data set uses "16-24" and "75+"). They are accepted and reported but not
// offered in new forms.
var LegacyAgeBands = []RefItem{
	{Code: "16_24", Label: "16 to 24"},
	{Code: "75_plus", Label: "75 or over"},
}

var legacyAgeBandSet = codeSet(LegacyAgeBands)

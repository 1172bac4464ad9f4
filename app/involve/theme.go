package involve

import (
	"strings"

	"github.com/google/uuid"
)

// Theme is one entry of the team's editable feedback taxonomy.
type Theme struct {
	Meta
	Label    string `json:"label"`
	Archived bool   `json:"archived"`
	Usage    int    `json:"usage"`
}

// themeLabels name a theme's fields as the form does (kinds).
var themeLabels = map[string]string{"label": "Theme name", "archived": "Archived"}

// themeNamespace makes theme ids from labels, so that the starter themes (and themes
// created by importing the same data on two laptops) have the same id everywhere and
// merge on sync instead of duplicating.
var themeNamespace = uuid.MustParse("0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d9e")

// ThemeIDFor returns the stable id of a theme label.
func ThemeIDFor(label string) string {
	return uuid.NewSHA1(themeNamespace, []byte(strings.ToLower(strings.TrimSpace(label)))).String()
}

// ValidateThemeLabel trims and checks a theme label.
func ValidateThemeLabel(label string) (string, error) {
	label = strings.Join(strings.Fields(label), " ")
	var p Problems
	if label == "" {
		p.Add("label", "Enter a name for the theme")
	}
	checkLen(&p, "label", "Theme name", label, 60)
	return label, p.Err("theme")
}

// SeedTime stamps shipped records such as the starter themes.
const SeedTime = "2026-01-01T00:00:00.000Z"

// StarterTheme is a starter theme exactly as every device seeds it: the same id, rev 1,
// a fixed time and no device, so it is the same record everywhere.
func StarterTheme(label string) Theme {
	t := Theme{Label: label}
	t.ID, t.CreatedAt, t.UpdatedAt, t.Rev = ThemeIDFor(label), SeedTime, SeedTime, 1
	return t
}

// StarterThemeByID returns the seeded state of a starter theme id.
func StarterThemeByID(id string) (Theme, bool) {
	for _, label := range StarterThemes {
		if ThemeIDFor(label) == id {
			return StarterTheme(label), true
		}
	}
	return Theme{}, false
}

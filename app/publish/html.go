package publish

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The outputs of a "you said, we did". Each is written whole to w; html/template
// escapes every text, so what staff typed can never become markup.

// WebPage writes one self-contained HTML page to put on a website: no script, no
// image, no font or style sheet to fetch (a Content-Security-Policy says so to the
// browser), NHS.UK-like type at a large size, headings in order, lang="en-GB" (or the
// language of its translated words, with dir="rtl" for Arabic or Urdu, and its fixed
// English words marked lang="en-GB": translate.go), and a print style for a notice
// board.
func WebPage(w io.Writer, d *YouSaidWeDid) error { return webPage.Execute(w, d) }

// EmailHTML writes the same content as an HTML fragment for an email or newsletter:
// inline styles only (mail programs drop style sheets), no page wrapper, no images.
func EmailHTML(w io.Writer, d *YouSaidWeDid) error { return emailHTML.Execute(w, d) }

// EmailText writes the same content as plain text, one paragraph per line (mail
// programs wrap it), with CRLF line ends as mail expects.
func EmailText(w io.Writer, d *YouSaidWeDid) error {
	var b strings.Builder
	b.WriteString("You said, we did\r\n")
	if sub := subtitle(d); sub != "" {
		b.WriteString(sub + "\r\n")
	}
	b.WriteString("\r\n" + intro(d) + "\r\n")
	for _, it := range d.Items {
		b.WriteString("\r\n")
		if it.YouSaid != "" {
			b.WriteString("You said: " + paragraph(it.YouSaid) + "\r\n")
		} else {
			b.WriteString("You told us about " + lowerFirst(it.About) + ".\r\n")
		}
		b.WriteString("We did: " + paragraph(it.WeDid) + "\r\n")
	}
	if d.Contact != "" {
		b.WriteString("\r\n" + d.Contact + "\r\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// paragraph puts a text's lines on one line (plain text keeps one paragraph a line).
func paragraph(s string) string { return strings.Join(strings.Fields(s), " ") }

// lowerFirst: "Waiting times" → "waiting times" (a theme inside a sentence), but an
// acronym or a name with a second capital ("GP access", "NHS App") stays as it is.
func lowerFirst(s string) string {
	if len(s) < 2 || s[0] < 'A' || s[0] > 'Z' || (s[1] >= 'A' && s[1] <= 'Z') {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// subtitle: "Team name · Project · 1 April 2026 to 31 March 2027".
func subtitle(d *YouSaidWeDid) string {
	var parts []string
	for _, p := range []string{d.Team, d.Project, d.Period} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// intro is the first sentence.
func intro(d *YouSaidWeDid) string {
	who := "We"
	if d.Team != "" {
		who = d.Team
	}
	switch len(d.Items) {
	case 0:
		return "There is nothing to report yet: no change has been made in this period."
	case 1:
		return "Thank you for telling us what matters to you. " + who + " listened, and this is what changed."
	}
	return "Thank you for telling us what matters to you. " + who + " listened, and these are the changes made."
}

// paras splits a text into its paragraphs (blank-line separated) for the page.
func paras(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var funcs = template.FuncMap{"subtitle": subtitle, "intro": intro, "paras": paras, "lowerFirst": lowerFirst,
	"inc": func(i int) int { return i + 1 }, "en": en, "langAttrs": langAttrs, "pageLang": pageLang}

// pageLang is the page's language: the translation's, or English.
func pageLang(d *YouSaidWeDid) string {
	if d.Language == "" {
		return English
	}
	return d.Language
}

// en writes a fixed English text: in a page in another language, inside a span
// marked as English and left to right (so a screen reader reads it as English, and
// its full stop stays at its end in a right-to-left page).
func en(d *YouSaidWeDid, s string) template.HTML {
	esc := template.HTMLEscapeString(s)
	if d.Language == "" {
		return template.HTML(esc)
	}
	return template.HTML(`<span lang="` + English + `" dir="ltr">` + esc + `</span>`)
}

// langAttrs are an item's lang and dir attributes: English for an item left in
// English in a page in another language, none otherwise (it inherits the page's).
func langAttrs(it Item) template.HTMLAttr {
	if it.Lang == "" {
		return ""
	}
	return template.HTMLAttr(` lang="` + template.HTMLEscapeString(it.Lang) + `" dir="ltr"`)
}

var webPage = template.Must(template.New("page").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="{{pageLang .}}"{{if .RTL}} dir="rtl"{{end}}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>You said, we did{{with .Team}}: {{.}}{{end}}</title>
<style>
html{-webkit-text-size-adjust:100%}
body{font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.5;color:#212b32;background:#f0f4f5;margin:0}
main{max-width:44em;margin:0 auto;padding:1.5em 1em 3em}
h1{font-size:2.5rem;line-height:1.2;margin:0 0 .25em;color:#005eb8}
.sub{font-size:1.25rem;color:#4c6272;margin:0 0 1.5em}
ol{list-style:none;margin:0;padding:0}
li{background:#fff;border-inline-start:.5em solid #005eb8;margin:0 0 1.5em;padding:1em 1.25em}
h2{font-size:1.5rem;margin:0 0 .25em}
h3{font-size:1.25rem;margin:1em 0 .25em;color:#007f3b}
p{margin:0 0 .75em;overflow-wrap:anywhere}
.contact{border-top:1px solid #d8dde0;margin-top:2em;padding-top:1em}
.made{color:#4c6272;font-size:1rem}
@media print{body{background:#fff;font-size:14pt}li{border:2pt solid #005eb8;break-inside:avoid}h1{color:#000}}
</style>
</head>
<body>
<main>
<h1>{{en . "You said, we did"}}</h1>
{{with subtitle .}}<p class="sub">{{en $ .}}</p>{{end}}
<p>{{en . (intro .)}}</p>
{{if .Items}}<ol>
{{range $i, $it := .Items}}<li{{langAttrs $it}}>
<h2 id="said-{{inc $i}}">{{if $it.YouSaid}}{{en $ "You said"}}{{else}}{{en $ (printf "You told us about %s" (lowerFirst $it.About))}}{{end}}</h2>
{{range paras $it.YouSaid}}<p>{{.}}</p>
{{end}}<h3>{{en $ "We did"}}</h3>
{{range paras $it.WeDid}}<p>{{.}}</p>
{{end}}</li>
{{end}}</ol>{{end}}
<div class="contact">
{{with .Contact}}<p>{{en $ .}}</p>{{end}}
<p class="made">{{en . (printf "Published on %s." .Made)}}</p>
</div>
</main>
</body>
</html>
`))

var emailHTML = template.Must(template.New("email").Funcs(funcs).Parse(`<div{{if .Language}} lang="{{.Language}}" dir="{{if .RTL}}rtl{{else}}ltr{{end}}"{{end}} style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#212b32">
<h1 style="font-size:28px;color:#005eb8;margin:0 0 8px">{{en . "You said, we did"}}</h1>
{{with subtitle .}}<p style="color:#4c6272;margin:0 0 16px">{{en $ .}}</p>{{end}}
<p style="margin:0 0 16px">{{en . (intro .)}}</p>
{{range .Items}}<div{{langAttrs .}} style="border-inline-start:6px solid #005eb8;padding:8px 16px;margin:0 0 16px">
<h2 style="font-size:20px;margin:0 0 4px">{{if .YouSaid}}{{en $ "You said"}}{{else}}{{en $ (printf "You told us about %s" (lowerFirst .About))}}{{end}}</h2>
{{range paras .YouSaid}}<p style="margin:0 0 8px">{{.}}</p>
{{end}}<h3 style="font-size:18px;color:#007f3b;margin:12px 0 4px">{{en $ "We did"}}</h3>
{{range paras .WeDid}}<p style="margin:0 0 8px">{{.}}</p>
{{end}}</div>
{{end}}{{with .Contact}}<p style="margin:16px 0 0">{{en $ .}}</p>{{end}}
</div>
`))

// Bytes renders one of the writers into memory (for the desktop's save and preview).
func Bytes(write func(io.Writer, *YouSaidWeDid) error, d *YouSaidWeDid) ([]byte, error) {
	var b bytes.Buffer
	if err := write(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// SaveFile writes body to path whole: into a temporary file in the same folder, synced,
// then — once commit (if any) has succeeded — renamed over path. A reader never sees
// half a file; a failure, or a commit that fails, leaves whatever was at path as it was
// and no temporary file. The file is readable by others (0644): it is for the public.
func SaveFile(path string, body []byte, commit func() error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	name := tmp.Name()
	_, err = tmp.Write(body)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err != nil {
		_ = os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if commit != nil {
		if err := commit(); err != nil {
			_ = os.Remove(name)
			return err
		}
	}
	if err := os.Rename(name, path); err != nil {
		_ = os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

package publish

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"
)

// The parts of the board pack's .docx package (ECMA-376 Part 2, Open Packaging
// Conventions) other than the body: the content types, the relationships, the styles
// (real Title and Heading 1–3 styles, so that Word's navigation pane, LibreOffice's
// navigator and screen readers see the document's outline), and the document's
// properties (title, language en-GB).

const (
	nsW     = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP    = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsRels  = "http://schemas.openxmlformats.org/package/2006/relationships"
	relBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

const docxContentTypes = xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Default Extension="png" ContentType="image/png"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const docxPackageRels = xmlDecl + `<Relationships xmlns="` + nsRels + `">` +
	`<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relBase + `extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const docxApp = xmlDecl + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>Involve</Application></Properties>`

// docxDocumentRels relates the body to its styles, its footer and its pictures (rIdMediaN is
// word/media/chartN.png).
func docxDocumentRels(media int) string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<Relationships xmlns="` + nsRels + `">`)
	b.WriteString(`<Relationship Id="rIdStyles" Type="` + relBase + `styles" Target="styles.xml"/>`)
	b.WriteString(`<Relationship Id="rIdFooter" Type="` + relBase + `footer" Target="footer1.xml"/>`)
	for n := 1; n <= media; n++ {
		fmt.Fprintf(&b, `<Relationship Id="rIdMedia%d" Type="`+relBase+`image" Target="media/chart%d.png"/>`, n, n)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

// docxCore is the document's core properties: its title, subject and language.
func docxCore(title, subject, creator string) string {
	return xmlDecl + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">` +
		`<dc:title>` + docxText(title) + `</dc:title>` +
		`<dc:subject>` + docxText(subject) + `</dc:subject>` +
		`<dc:creator>` + docxText(creator) + `</dc:creator>` +
		`<dc:language>en-GB</dc:language></cp:coreProperties>`
}

// docxFooter is every page's footer: the pack's title and "Page n of m" (fields the
// reader's software fills in).
func docxFooter(title string) string {
	field := func(instr, shown string) string {
		return `<w:fldSimple w:instr=" ` + instr + ` "><w:r><w:t>` + shown + `</w:t></w:r></w:fldSimple>`
	}
	d := &docxBody{}
	d.para("Footer", docxRun{text: title})
	return xmlDecl + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">` + d.b.String() +
		`<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">Page </w:t></w:r>` + field("PAGE", "1") +
		`<w:r><w:t xml:space="preserve"> of </w:t></w:r>` + field("NUMPAGES", "1") + `</w:p></w:ftr>`
}

// docxDocument wraps the body in the document element, with an A4 page, 2 cm
// margins (the text is docxTextWidth wide) and the footer.
func docxDocument(body string) string {
	return xmlDecl + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP +
		`" xmlns:a="` + docxDrawingNS + `" xmlns:pic="` + docxPictureNS + `"><w:body>` + body +
		`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>` +
		`</w:sectPr></w:body></w:document>`
}

// docxStyles: Arial 11 pt in British English (right-to-left text Arabic by default
// for the reader's proofing tools), Title, Heading 1–3 with their outline levels,
// Quote, a label above a text, the table text, the picture's paragraph, the footer and the table style whose header row
// is bold on a light grey.
var docxStyles = xmlDecl + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>` +
	`<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:rPr><w:color w:val="212B32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
	`<w:uiPriority w:val="10"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr>` +
	`<w:rPr><w:b/><w:bCs/><w:color w:val="005EB8"/><w:sz w:val="52"/><w:szCs w:val="52"/></w:rPr></w:style>` +
	docxHeadingStyle(1, 36, 480) + docxHeadingStyle(2, 30, 360) + docxHeadingStyle(3, 24, 240) +
	`<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
	`<w:uiPriority w:val="29"/><w:qFormat/><w:pPr><w:ind w:left="567" w:right="567"/></w:pPr>` +
	`<w:rPr><w:i/><w:iCs/><w:color w:val="425462"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Label"><w:name w:val="Label"/><w:basedOn w:val="Normal"/>` +
	`<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="0"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>` +
	`<w:qFormat/><w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Picture"><w:name w:val="Picture"/><w:basedOn w:val="Normal"/>` +
	`<w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="60"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>` +
	`<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="425462"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>` +
	`<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>` +
	`<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:customStyle="1" w:styleId="BoardTable"><w:name w:val="Board Table"/><w:basedOn w:val="TableNormal"/>` +
	`<w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
	`<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="768692"/>` +
	`<w:left w:val="single" w:sz="4" w:space="0" w:color="768692"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="768692"/>` +
	`<w:right w:val="single" w:sz="4" w:space="0" w:color="768692"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="768692"/>` +
	`<w:insideV w:val="single" w:sz="4" w:space="0" w:color="768692"/></w:tblBorders></w:tblPr>` +
	`<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>` +
	`<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E8EDEE"/></w:tcPr></w:tblStylePr></w:style>` +
	`</w:styles>`

// docxHeadingStyle is Heading n ("heading n", Word's built-in name, so Word treats it
// as its own heading) at outline level n-1, kept with the next paragraph.
func docxHeadingStyle(n, halfPoints, before int) string {
	return fmt.Sprintf(`<w:style w:type="paragraph" w:styleId="Heading%d"><w:name w:val="heading %d"/>`+
		`<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>`+
		`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="%d" w:after="120"/><w:outlineLvl w:val="%d"/></w:pPr>`+
		`<w:rPr><w:b/><w:bCs/><w:color w:val="005EB8"/><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr></w:style>`,
		n, n, before, n-1, halfPoints, halfPoints)
}

// docxZipTime is every part's date in the zip: fixed, so that the same pack makes the
// same file.
var docxZipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// writeDocx writes the package: every part is stored compressed; the content types
// come first, as readers expect.
func writeDocx(w io.Writer, d *docxBody, title, subject, creator string) error {
	z := zip.NewWriter(w)
	part := func(name string, data []byte) error {
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: docxZipTime})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	parts := []struct {
		name string
		data string
	}{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxPackageRels},
		{"docProps/core.xml", docxCore(title, subject, creator)},
		{"docProps/app.xml", docxApp},
		{"word/document.xml", docxDocument(d.b.String())},
		{"word/styles.xml", docxStyles},
		{"word/footer1.xml", docxFooter(title)},
		{"word/_rels/document.xml.rels", docxDocumentRels(len(d.media))},
	}
	for _, p := range parts {
		if err := part(p.name, []byte(p.data)); err != nil {
			return fmt.Errorf("board pack (Word): %w", err)
		}
	}
	for i, png := range d.media {
		if err := part(fmt.Sprintf("word/media/chart%d.png", i+1), png); err != nil {
			return fmt.Errorf("board pack (Word): %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("board pack (Word): %w", err)
	}
	return nil
}

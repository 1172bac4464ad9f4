package xlsx

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A row sheet's data rows (Sessions, Feedback: one row per record) are written here
// as worksheet XML, byte for byte as excelize's StreamWriter.SetRow writes them, but
// with no allocation per cell, into a sheetRows (rowzip.go), which compresses them
// while the rows are being read and keeps them in a temporary file. The StreamWriter
// still writes the rest of the sheet (columns, frozen header, header row, table); the
// zip writer puts the rows in after the header row as the sheet goes into the file
// (dimension.go). Memory stays flat whatever the number of rows. rowxml_test.go
// compares the bytes with excelize's. bstrMarshal and excelDate follow excelize
// v2.11.1's bstrMarshal and timeToExcelTime (lib.go, date.go; BSD 3-Clause licence,
// Copyright (c) 2016-2026 The excelize Authors), so that the cells stay the same.

// appendRowStart starts row n.
func appendRowStart(b []byte, n int) []byte {
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, `">`...)
}

// appendCellStart starts a cell: <c r="B12" s="3".
func appendCellStart(b []byte, col string, row, style int) []byte {
	b = append(b, `<c r="`...)
	b = append(b, col...)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	return b
}

// appendCell writes one cell of a row sheet: a string (already cellText: clean and
// within MaxCellChars), an int or a time.Time, as excelize writes them.
func appendCell(b []byte, col string, row, style int, v any) ([]byte, error) {
	b = appendCellStart(b, col, row, style)
	switch v := v.(type) {
	case string:
		return appendInlineStr(b, v), nil
	case int:
		b = append(b, `><v>`...)
		b = strconv.AppendInt(b, int64(v), 10)
		return append(b, `</v></c>`...), nil
	case time.Time:
		serial, at, ok := excelDate(v)
		if !ok { // before 1900: excelize writes the time as text, unescaped
			b = append(b, ` t="inlineStr"><is><t>`...)
			b = at.AppendFormat(b, time.RFC3339Nano)
			return append(b, `</t></is></c>`...), nil
		}
		b = append(b, `><v>`...)
		b = strconv.AppendFloat(b, serial, 'f', -1, 64)
		return append(b, `</v></c>`...), nil
	}
	return b, fmt.Errorf("writing the workbook: a row sheet cannot hold a %T", v)
}

// appendInlineStr writes a string cell's type and text: escaped as encoding/xml's
// EscapeText does, but with line feeds as they are, then with excelize's escaping of
// text that looks like an Excel escape (_x0041_).
func appendInlineStr(b []byte, s string) []byte {
	b = append(b, ` t="inlineStr"><is><t`...)
	if s != "" && (spaceByte(s[0]) || spaceByte(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	if strings.Contains(s, "_x") {
		var esc []byte
		esc = appendEscaped(esc, s)
		b = append(b, bstrMarshal(string(esc))...)
	} else {
		b = appendEscaped(b, s)
	}
	return append(b, `</t></is></c>`...)
}

func spaceByte(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// appendEscaped escapes s for XML text as encoding/xml.EscapeText does, except that a
// line feed stays a line feed (excelize turns "&#xA;" back into one).
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>' {
			i++
			continue
		}
		r, width := rune(c), 1
		if c >= utf8.RuneSelf {
			r, width = utf8.DecodeRuneInString(s[i:])
		}
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			i += width
			continue
		case '\r':
			esc = "&#xD;"
		default:
			if !xmlChar(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			i += width
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		i += width
		last = i
	}
	return append(b, s[last:]...)
}

// bstrMarshal escapes what an Excel reader would take for an escaped character
// (_xHHHH_) by writing its underscore as _x005F_, as excelize does (lib.go,
// bstrMarshal, v2.11.1), including its handling of text that is already escaped.
func bstrMarshal(s string) string {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	var result strings.Builder
	for _, match := range matches {
		result.WriteString(s[cursor:match[0]])
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				if _, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`); err == nil {
					result.WriteString(subStr + "x005F" + subStr)
					continue
				}
			}
			result.WriteString(subStr + "x005F_")
			continue
		}
		cursor = match[1]
		if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
			result.WriteString("_x005F" + subStr)
		}
	}
	if cursor < l {
		result.WriteString(s[cursor:])
	}
	return result.String()
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// Excel's dates (the 1900 date system), as excelize counts them.
var (
	excelMinTime1900      = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelBuggyPeriodStart = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
)

const (
	dayNanoseconds = 24 * time.Hour
	maxDuration    = 290 * 364 * dayNanoseconds
)

// excelDate is t as an Excel serial number, as excelize's timeToExcelTime computes
// it (with its adding of the zone's offset, which gives at); ok is false when that is
// not positive (excelize then writes at as text).
func excelDate(t time.Time) (serial float64, at time.Time, ok bool) {
	_, offset := t.In(t.Location()).Zone()
	t = t.Add(time.Duration(offset) * time.Second)
	if t.Before(excelMinTime1900) {
		return 0, t, false
	}
	tt, diff, result := t, t.Sub(excelMinTime1900), 0.0
	for diff >= maxDuration {
		result += float64(maxDuration / dayNanoseconds)
		tt = tt.Add(-maxDuration)
		diff = tt.Sub(excelMinTime1900)
	}
	rem := diff % dayNanoseconds
	result += float64(diff-rem)/float64(dayNanoseconds) + float64(rem)/float64(dayNanoseconds)
	if t.After(excelBuggyPeriodStart) {
		result++
	}
	return result, t, result > 0
}

package publish

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	imgdraw "image/draw"
	"image/png"
	"math"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// ChartPNG draws a chart as a PNG image, the same one in the PDF and the Word file:
// one row per bar, its label on the left, a bar per series and the value as the table
// writes it ("<5", "12.3%") at the bar's end, a legend when there are two series. The
// labels are in DejaVu Sans (the poster's font). The image is drawn at twice its size
// on the page (ChartWidthPx by ChartHeightPx(c)), so it prints sharp.
func ChartPNG(c Chart) ([]byte, error) {
	faces, err := chartFaces()
	if err != nil {
		return nil, err
	}
	w, h := ChartWidthPx, ChartHeightPx(c)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	imgdraw.Draw(img, img.Bounds(), image.White, image.Point{}, imgdraw.Src)

	y := chartPad
	if len(c.Series) > 1 {
		x := chartPad
		for i, s := range c.Series {
			fill(img, x, y+6, x+28, y+34, seriesColor(i))
			x += 40
			text(img, faces.label, x, y+30, s, darkInk)
			x += xfont.MeasureString(faces.label, s).Ceil() + 48
		}
		y += legendH
	}
	barsTop := y
	labelW := w * 2 / 5
	barX0 := labelW + 16
	barMax := w - barX0 - chartPad - valueW
	max := 0.0
	for _, b := range c.Bars {
		for _, v := range b.Values {
			max = math.Max(max, v)
		}
	}
	if c.Percent {
		max = 100
	}
	for _, b := range c.Bars {
		rowTop := y
		label := fitText(faces.label, b.Label, labelW-chartPad)
		text(img, faces.label, labelW-xfont.MeasureString(faces.label, label).Ceil(), rowTop+rowH(c)/2+10, label, darkInk)
		by := rowTop + 8
		for i, v := range b.Values {
			bw := 0
			if max > 0 && v > 0 {
				bw = int(math.Round(v / max * float64(barMax)))
				if bw < 2 {
					bw = 2
				}
			}
			fill(img, barX0, by, barX0+bw, by+barH, seriesColor(i))
			t := ""
			if i < len(b.Texts) {
				t = b.Texts[i]
			}
			text(img, faces.value, barX0+bw+10, by+barH-8, t, darkInk)
			by += barH + 4
		}
		y += rowH(c)
	}
	// The axis: a line at the bars' start.
	fill(img, barX0-2, barsTop, barX0, h-chartPad, axisInk)
	var buf bytes.Buffer
	// Fastest compression: the document's own deflate compresses it again.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("chart %q: %w", c.Title, err)
	}
	return buf.Bytes(), nil
}

// The chart's geometry, in pixels (printed at half size: 300 pixels per inch at
// 1 200 pixels on a 10 cm wide image).
const (
	ChartWidthPx = 1200
	chartPad     = 12
	legendH      = 48
	barH         = 36
	valueW       = 130
)

// ChartHeightPx is the chart's height in pixels.
func ChartHeightPx(c Chart) int {
	h := 2*chartPad + len(c.Bars)*rowH(c)
	if len(c.Series) > 1 {
		h += legendH
	}
	return h
}

func rowH(c Chart) int {
	n := len(c.Series)
	if n < 1 {
		n = 1
	}
	return n*(barH+4) + 16
}

var (
	darkInk = color.RGBA{33, 43, 50, 255}
	axisInk = color.RGBA{76, 98, 114, 255}
	// The NHS blue and a dark grey: apart in lightness as well as hue, so the two
	// series can be told apart in greyscale and by people who do not see colour.
	seriesInk = []color.RGBA{{0, 94, 184, 255}, {66, 84, 98, 255}}
)

func seriesColor(i int) color.RGBA { return seriesInk[i%len(seriesInk)] }

type faces struct{ label, value xfont.Face }

var (
	fontOnce   sync.Once
	chartFont  *opentype.Font
	chartFontE error
)

// chartFaces makes the chart's two faces (a face is not safe for concurrent use, so
// each chart has its own; the parsed font is shared).
func chartFaces() (faces, error) {
	fontOnce.Do(func() {
		chartFont, chartFontE = opentype.Parse(fontRegular)
	})
	if chartFontE != nil {
		return faces{}, fmt.Errorf("chart font: %w", chartFontE)
	}
	label, err := opentype.NewFace(chartFont, &opentype.FaceOptions{Size: 28, DPI: 72, Hinting: xfont.HintingFull})
	if err != nil {
		return faces{}, fmt.Errorf("chart font: %w", err)
	}
	value, err := opentype.NewFace(chartFont, &opentype.FaceOptions{Size: 26, DPI: 72, Hinting: xfont.HintingFull})
	if err != nil {
		return faces{}, fmt.Errorf("chart font: %w", err)
	}
	return faces{label: label, value: value}, nil
}

func fill(img imgdraw.Image, x0, y0, x1, y1 int, c color.Color) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	imgdraw.Draw(img, image.Rect(x0, y0, x1, y1), image.NewUniform(c), image.Point{}, imgdraw.Src)
}

func text(img imgdraw.Image, face xfont.Face, x, baseline int, s string, c color.Color) {
	d := xfont.Drawer{Dst: img, Src: image.NewUniform(c), Face: face, Dot: fixed.P(x, baseline)}
	d.DrawString(s)
}

// fitText shortens s with "…" until it is at most w pixels wide.
func fitText(face xfont.Face, s string, w int) string {
	if xfont.MeasureString(face, s).Ceil() <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if t := string(r) + "\u2026"; xfont.MeasureString(face, t).Ceil() <= w {
			return t
		}
	}
	return "\u2026"
}

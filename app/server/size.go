package server

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the units ParseSize accepts (case ignored): decimal (kB = 1000) and
// binary (KiB = 1024).
var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

// ParseSize reads a size such as "500MB", "2GiB", "1.5 GB" or "1048576" (bytes).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	}
	mul, ok := sizeUnits[unit]
	if num == "" || !ok {
		return 0, errors.New("a size is a number of bytes or a number with a unit: 500MB, 2GB, 2GiB")
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || v*mul >= 1<<62 {
		return 0, errors.New("a size is a number of bytes or a number with a unit: 500MB, 2GB, 2GiB")
	}
	return int64(math.Round(v * mul)), nil
}

// FormatSize writes a size in binary units: "2 GiB", "1.5 MiB", "512 B".
func FormatSize(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"}
	v, i := float64(n), 0
	for math.Abs(v) >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	if i == 0 {
		return strconv.FormatInt(n, 10) + " B"
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) + " " + units[i]
}

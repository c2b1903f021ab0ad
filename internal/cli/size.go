package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// byteSize is a flag value in bytes: "1048576", "512KiB", "64MiB", "1GiB"
// (K, M and G alone mean the same). Decimal units (MB) are refused rather
// than guessed at.
type byteSize int64

var _ pflag.Value = (*byteSize)(nil)

var sizeUnits = []struct {
	suffix string
	n      int64
}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}

func (b *byteSize) String() string {
	if *b == 0 {
		return ""
	}
	return sizeString(int64(*b))
}

func (b *byteSize) Type() string { return "size" }

func (b *byteSize) Set(s string) error {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.n
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return fmt.Errorf("%q is not a size: write a whole number of bytes, or of KiB, MiB or GiB, such as 512MiB", s)
	}
	*b = byteSize(n * mult)
	return nil
}

// sizeString writes n bytes for people: "64 MiB", "1.5 GiB", "900 bytes".
func sizeString(n int64) string {
	for _, u := range []struct {
		name string
		n    int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		switch {
		case n >= u.n && n%u.n == 0:
			return strconv.FormatInt(n/u.n, 10) + " " + u.name
		case n >= u.n:
			return strconv.FormatFloat(float64(n)/float64(u.n), 'f', 1, 64) + " " + u.name
		}
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// percent is a flag value in percent: "80", "80%" or "80.5 %", from 0 to
// 100. Anything else is refused, saying what is expected.
type percent float64

var _ pflag.Value = (*percent)(nil)

func (p *percent) String() string { return strconv.FormatFloat(float64(*p), 'f', -1, 64) }

func (p *percent) Type() string { return "percent" }

func (p *percent) Set(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")), 64)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a percentage: write a number from 0 to 100, such as 80 or 80%%", s)
	case v < 0 || v > 100:
		return fmt.Errorf("%q is not a percentage from 0 to 100", s)
	}
	*p = percent(v)
	return nil
}

// percentVar binds a percent flag to a float64.
func percentVar(fs *pflag.FlagSet, p *float64, name, usage string) {
	fs.Var((*percent)(p), name, usage)
}

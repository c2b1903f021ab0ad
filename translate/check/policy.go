package check

import (
	"slices"

	"github.com/tilmash/tilmash/translate/segment"
)

// Requirement is what the project asks of an article's edition in a locale:
// the publication policy, from tilmash.toml ([locales.<tag>] required) and
// the article's front matter (translate, required_locales).
type Requirement int

// The requirements.
const (
	// Required: the edition must be complete. A missing, stale or broken
	// string in it is an error, and so is an edition build refuses.
	Required Requirement = iota
	// InProgress: the edition is being translated. Its gaps are reported
	// as information; it is published once complete, and until then the
	// build leaves it out and still succeeds.
	InProgress
	// NotForTranslation: the article is not yet for translation (front
	// matter translate = false). Only its source edition is published.
	NotForTranslation
)

// String names the requirement as status and the build report print it.
func (r Requirement) String() string {
	switch r {
	case InProgress:
		return "in progress"
	case NotForTranslation:
		return "not for translation"
	}
	return "required"
}

// Requirement says what the project asks of article a in locale loc. The
// article's front matter wins over the project: translate = false means
// not for translation; required_locales = ["ru"] makes it required in
// Russian and in progress elsewhere. Otherwise a locale whose table in
// tilmash.toml says required = true is required, and any other locale
// (a new one, started with extract --add-locale) is in progress.
func (c *Config) Requirement(a *segment.Article, loc string) Requirement {
	if a != nil && !a.Meta.Translate {
		return NotForTranslation
	}
	if a != nil && a.Meta.Required != nil {
		if slices.Contains(a.Meta.Required, loc) {
			return Required
		}
		return InProgress
	}
	if c != nil && c.Locales[loc].Required {
		return Required
	}
	return InProgress
}

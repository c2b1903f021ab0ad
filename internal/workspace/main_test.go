package workspace

import (
	"os"
	"testing"

	"github.com/tilmash/tilmash/internal/testtool"
)

// TestMain stops the headless Chromium the page tests share, and removes
// the build they share (written).
func TestMain(m *testing.M) {
	code := m.Run()
	testtool.StopChromium()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

package workspace

import (
	"os"
	"testing"

	"github.com/tilmash/tilmash/internal/testtool"
)

// TestMain stops the headless Chromium the page tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	testtool.StopChromium()
	os.Exit(code)
}

// Package testrace tells a test whether it runs under the race detector,
// and lets a test of results (not of concurrency) step aside under it.
//
// make test runs the tests in two passes at once: every package with the
// race detector, and the tests that call NotUnderRace without it (the
// Makefile's PLAIN packages and PLAIN_TESTS; TestPlainPassListed keeps
// them exactly the callers). Two kinds of test run in the plain pass only:
//   - a test that compares results over many inputs (parts against one
//     pass, a cache against the truth, a random day of edits) costs five
//     to ten times as much under the detector and finds no race the
//     concurrent case beside it does not;
//   - a test whose work runs in another process (the real binary, built
//     without the detector) gives the detector only its own goroutine.
package testrace

import "testing"

// Enabled reports whether the test binary was built with -race. A test
// in a RACE package that does less when it is (a shorter day of edits:
// enough to drive the concurrent code under the detector) runs whole in
// the plain pass: TestPlainPassListed holds it to PLAIN_TESTS too.
const Enabled = enabled

// NotUnderRace skips t when the race detector is on, saying why: the test
// checks results, or runs its work in another process, and the
// concurrency it goes through is race-tested by the case or test that why
// names. make test runs it in the pass without
// the detector, so it is never left out.
func NotUnderRace(t testing.TB, why string) {
	t.Helper()
	if Enabled {
		t.Skipf("a test of results, run by make test without the race detector (%s)", why)
	}
}

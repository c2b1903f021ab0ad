//go:build !race

package sitecode

// race: the tests run with the race detector, which makes timings meaningless.
const race = false

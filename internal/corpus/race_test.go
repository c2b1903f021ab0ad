//go:build race

package corpus

// raceDetector is true when the tests run with -race, which makes them
// several times slower.
const raceDetector = true

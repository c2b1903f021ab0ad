package parallel

import "testing"

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		got := make([]int, n)
		For(n, func(i int) { got[i]++ })
		for i, c := range got {
			if c != 1 {
				t.Fatalf("n=%d: f(%d) called %d times", n, i, c)
			}
		}
	}
}

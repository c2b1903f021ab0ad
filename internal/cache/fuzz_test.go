package cache

import (
	"bytes"
	"testing"
)

// FuzzDecode feeds any bytes to the entry decoder as the entry of a key.
// It must not panic, and it must accept exactly what Put writes: a payload
// it returns must encode back to the very bytes it was given.
func FuzzDecode(f *testing.F) {
	k := NewKey([]byte("article"), []byte("kk"))
	for _, p := range []string{"", "Қазақ тілі", "\x00\xff", "found: 0\n"} {
		b := encode(k, []byte(p))
		f.Add(b)
		f.Add(b[:len(b)-1])
		f.Add(append(b, 0))
		f.Add(encode(NewKey(), []byte(p)))
	}
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		payload, err := decode(k, b)
		if err != nil {
			return
		}
		if !bytes.Equal(encode(k, payload), b) {
			t.Fatalf("decode accepted %q, which Put would not write", b)
		}
	})
}

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

// FuzzIndex feeds any bytes to the stat index decoder. It must not panic,
// and what it accepts must be what encode writes.
func FuzzIndex(f *testing.F) {
	ix := index{time: 1773489600e9, files: []indexFile{
		{path: "content/қазақ.md", stat: Stat{Size: 12, ModTime: 1773480000e9, Ctime: 1773480000e9, Inode: 42, Dev: 7, Mode: 0o644}, sum: sha("a")},
		{path: "locales/ru.toml", stat: Stat{Size: 0}, sum: sha("")},
	}}
	b := ix.encode()
	f.Add(b)
	f.Add(b[:len(b)-1])
	f.Add(b[:8])
	f.Add(append(b, b[8:]...)) // a path twice: the last wins
	f.Fuzz(func(t *testing.T, b []byte) {
		ix, err := decodeIndex(b)
		if err != nil {
			return
		}
		if !bytes.Equal(ix.encode(), b) {
			t.Fatalf("decodeIndex accepted %q, which encode would not write", b)
		}
	})
}

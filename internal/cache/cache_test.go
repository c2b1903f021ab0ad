package cache

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// newCache returns a cache in a fresh folder.
func newCache(t *testing.T) *Cache {
	t.Helper()
	c, err := OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestOpen: where TILMASH_CACHE and the user's folders put the cache, when
// it is off and why, and that a relative TILMASH_CACHE is refused before
// anything is written in the folder it would be read against (the project).
func TestOpen(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "a-file")
	must(t, os.WriteFile(file, nil, 0o600))
	tests := []struct {
		name      string
		env       string // TILMASH_CACHE
		xdg, home string // XDG_CACHE_HOME, HOME
		wantDir   string // the cache's folder, if on
		wantOff   string // in Off's reason, if off
		wantErr   string // in Open's error, if it fails
	}{
		{name: "default", xdg: filepath.Join(tmp, "xdg"), home: tmp, wantDir: filepath.Join(tmp, "xdg", "tilmash")},
		{name: "moved", env: filepath.Join(tmp, "moved"), home: tmp, wantDir: filepath.Join(tmp, "moved")},
		{name: "moved, not clean", env: tmp + "/x/../moved2/", home: tmp, wantDir: filepath.Join(tmp, "moved2")},
		{name: "off", env: "off", home: tmp, wantOff: "TILMASH_CACHE=off"},
		{name: "relative", env: "cache", home: tmp, wantErr: `TILMASH_CACHE="cache" is not an absolute path`},
		{name: "dot-relative", env: "./.cache", home: tmp, wantErr: "is not an absolute path"},
		{name: "OFF is not off", env: "OFF", home: tmp, wantErr: "is not an absolute path"},
		{name: "no home", wantOff: "no cache folder"},
		{name: "default under a file", xdg: file, home: tmp, wantOff: "cannot make the cache folder"},
		{name: "moved under a file", env: filepath.Join(file, "c"), home: tmp, wantErr: "cannot make the cache folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			project := t.TempDir()
			t.Chdir(project)
			t.Setenv(Env, tt.env)
			t.Setenv("XDG_CACHE_HOME", tt.xdg)
			t.Setenv("HOME", tt.home)
			c, err := Open()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Open() = %v, want an error with %q", err, tt.wantErr)
				}
				if ents, _ := os.ReadDir(project); len(ents) > 0 {
					t.Errorf("Open wrote %s in the project", ents[0].Name())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Dir() != tt.wantDir {
				t.Errorf("Dir() = %q, want %q", c.Dir(), tt.wantDir)
			}
			if off := c.Off(); tt.wantOff == "" && off != "" || !strings.Contains(off, tt.wantOff) {
				t.Errorf("Off() = %q, want %q", off, tt.wantOff)
			}
			if tt.wantDir != "" {
				if fi, err := os.Stat(tt.wantDir); err != nil || !fi.IsDir() {
					t.Errorf("the cache folder was not made: %v", err)
				}
			}
		})
	}
}

// TestOpenDirRelative: OpenDir takes only an absolute folder, and makes
// nothing in the current one.
func TestOpenDirRelative(t *testing.T) {
	for _, dir := range []string{"cache", "./cache", "../cache", ""} {
		t.Run(dir, func(t *testing.T) {
			cwd := t.TempDir()
			t.Chdir(cwd)
			if c, err := OpenDir(dir); err == nil || !strings.Contains(err.Error(), "not an absolute path") {
				t.Fatalf("OpenDir(%q) = %v, %v; want a refusal", dir, c, err)
			}
			if ents, _ := os.ReadDir(cwd); len(ents) > 0 {
				t.Errorf("OpenDir made %s", ents[0].Name())
			}
		})
	}
}

// TestOff: an off cache and a nil one keep nothing and return nothing.
func TestOff(t *testing.T) {
	t.Setenv(Env, "off")
	off, err := Open()
	must(t, err)
	for name, c := range map[string]*Cache{"off": off, "nil": nil} {
		t.Run(name, func(t *testing.T) {
			k := NewKey([]byte("x"))
			if err := c.Put(k, []byte("data")); err != nil {
				t.Fatal(err)
			}
			if data, ok := c.Get(k); ok {
				t.Fatalf("Get = %q, a hit", data)
			}
			if c.Off() == "" {
				t.Error("Off() is empty")
			}
			must(t, c.Trim(0))
			root := t.TempDir()
			must(t, os.WriteFile(filepath.Join(root, "a.md"), []byte("Сәлем"), 0o600))
			sums, err := c.FileHashes(root, []string{"a.md"})
			if err != nil || len(sums) != 1 || sums[0] != sha("Сәлем") {
				t.Fatalf("FileHashes = %x, %v", sums, err)
			}
		})
	}
}

// TestNewKey: different lists of parts, however alike their bytes, have
// different keys; the same parts the same key.
func TestNewKey(t *testing.T) {
	b := func(s ...string) [][]byte {
		out := [][]byte{}
		for _, x := range s {
			out = append(out, []byte(x))
		}
		return out
	}
	tests := []struct {
		name string
		a, b [][]byte
		same bool
	}{
		{"moved boundary", b("ab", "c"), b("a", "bc"), false},
		{"no parts and one empty part", b(), b(""), false},
		{"an empty part more", b("a"), b("a", ""), false},
		{"joined", b("a", "b"), b("ab"), false},
		{"order", b("a", "b"), b("b", "a"), false},
		{"same parts", b("қазақ", "v1"), b("қазақ", "v1"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewKey(tt.a...) == NewKey(tt.b...); got != tt.same {
				t.Errorf("NewKey(%q) == NewKey(%q): %v, want %v", tt.a, tt.b, got, tt.same)
			}
		})
	}
	if NewKey([]byte("/root")) == keyOf(indexDomain, [][]byte{[]byte("/root")}) {
		t.Error("a key of NewKey names a stat index")
	}
}

// TestRoundTrip: what Put stores, Get returns, under its key only.
func TestRoundTrip(t *testing.T) {
	c := newCache(t)
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", []byte{}},
		{"Kazakh", []byte("Қазақ тілі: ә, ғ, қ, ң, ө, ұ, ү, һ, і")},
		{"binary", []byte{0, 1, 0xff, '\n'}},
		{"a MiB", bytes.Repeat([]byte("x"), 1<<20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := NewKey([]byte(tt.name))
			must(t, c.Put(k, tt.data))
			got, ok := c.Get(k)
			if !ok || !bytes.Equal(got, tt.data) {
				t.Fatalf("Get = %.40q, %v; want %.40q", got, ok, tt.data)
			}
			if _, ok := c.Get(NewKey([]byte(tt.name + "!"))); ok {
				t.Fatal("another key hits")
			}
			fi, err := os.Stat(entryPath(c, k))
			must(t, err)
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("entry mode %v, want 0600", fi.Mode().Perm())
			}
			fi, err = os.Stat(filepath.Dir(entryPath(c, k)))
			must(t, err)
			if fi.Mode().Perm() != 0o700 {
				t.Errorf("entry folder mode %v, want 0700", fi.Mode().Perm())
			}
		})
	}
}

func TestPutTooLarge(t *testing.T) {
	c := newCache(t)
	k := NewKey([]byte("big"))
	if err := c.Put(k, make([]byte, MaxEntry+1)); err == nil || !strings.Contains(err.Error(), "over the limit") {
		t.Fatalf("Put = %v, want a refusal", err)
	}
	must(t, c.Put(k, make([]byte, MaxEntry)))
	if data, ok := c.Get(k); !ok || len(data) != MaxEntry {
		t.Fatalf("Get of MaxEntry bytes: %d, %v", len(data), ok)
	}
}

func entryPath(c *Cache, k Key) string { _, p := c.paths(k); return p }

// TestDamagedEntries: an entry file that is not exactly what Put wrote
// for its key is a miss, never trusted; the next Put replaces it (and
// not what a link points to).
func TestDamagedEntries(t *testing.T) {
	payload := []byte("шығарылым: 3 табылған")
	tests := []struct {
		name  string
		plant func(t *testing.T, c *Cache, k Key, p string) // p: k's entry file, holding payload
		// wantPut, if set, is in the error of the Put after the plant.
		wantPut string
	}{
		{name: "payload changed, header intact", plant: func(t *testing.T, c *Cache, k Key, p string) {
			// The header still says the right key and length: only the
			// payload's hash tells.
			b := encode(k, payload)
			b[headerSize] ^= 1
			must(t, os.WriteFile(p, b, 0o600))
		}},
		{name: "hash in the header changed", plant: func(t *testing.T, c *Cache, k Key, p string) {
			b := encode(k, payload)
			b[headerSize-1] ^= 1
			must(t, os.WriteFile(p, b, 0o600))
		}},
		{name: "truncated", plant: func(t *testing.T, c *Cache, k Key, p string) {
			must(t, os.Truncate(p, int64(headerSize+len(payload)-1)))
		}},
		{name: "truncated in the header", plant: func(t *testing.T, c *Cache, k Key, p string) {
			must(t, os.Truncate(p, int64(headerSize-1)))
		}},
		{name: "empty", plant: func(t *testing.T, c *Cache, k Key, p string) {
			must(t, os.Truncate(p, 0))
		}},
		{name: "a byte more", plant: func(t *testing.T, c *Cache, k Key, p string) {
			must(t, os.WriteFile(p, append(encode(k, payload), 0), 0o600))
		}},
		{name: "length in the header lies", plant: func(t *testing.T, c *Cache, k Key, p string) {
			b := encode(k, payload)
			b[headerSize-sha256Size-1]++
			must(t, os.WriteFile(p, b, 0o600))
		}},
		{name: "another key's entry", plant: func(t *testing.T, c *Cache, k Key, p string) {
			must(t, os.WriteFile(p, encode(NewKey([]byte("other")), payload), 0o600))
		}},
		{name: "another magic", plant: func(t *testing.T, c *Cache, k Key, p string) {
			b := encode(k, payload)
			b[0] = 'T'
			must(t, os.WriteFile(p, b, 0o600))
		}},
		{name: "another version", plant: func(t *testing.T, c *Cache, k Key, p string) {
			b := encode(k, payload)
			b[len(magic)+3]++
			must(t, os.WriteFile(p, b, 0o600))
		}},
		{name: "made by hand", plant: func(t *testing.T, c *Cache, k Key, p string) {
			must(t, os.WriteFile(p, []byte("found: 0\n"), 0o600))
		}},
		{name: "whole, but over MaxEntry", plant: func(t *testing.T, c *Cache, k Key, p string) {
			// A valid entry, made by hand: Put would refuse its payload.
			must(t, os.WriteFile(p, encode(k, make([]byte, MaxEntry+1)), 0o600))
		}},
		{name: "link to a whole entry", plant: func(t *testing.T, c *Cache, k Key, p string) {
			// What it points to is the right entry, whole: only the
			// refusal to follow a link makes this a miss.
			elsewhere := filepath.Join(t.TempDir(), "entry")
			must(t, os.Rename(p, elsewhere))
			must(t, os.Symlink(elsewhere, p))
		}},
		{name: "linked folder", plant: func(t *testing.T, c *Cache, k Key, p string) {
			elsewhere := filepath.Join(t.TempDir(), "folder")
			must(t, os.Rename(filepath.Dir(p), elsewhere))
			must(t, os.Symlink(elsewhere, filepath.Dir(p)))
		}, wantPut: "not a folder"},
		{name: "a folder", plant: func(t *testing.T, c *Cache, k Key, p string) {
			must(t, os.Remove(p))
			must(t, os.Mkdir(p, 0o700))
		}, wantPut: "file exists"},
		{name: "a pipe", plant: func(t *testing.T, c *Cache, k Key, p string) {
			must(t, os.Remove(p))
			if err := mkfifo(p); errors.Is(err, errors.ErrUnsupported) {
				t.Skip("no named pipes here")
			} else {
				must(t, err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCache(t)
			k := NewKey([]byte("article"), []byte("ru"))
			p := entryPath(c, k)
			must(t, c.Put(k, payload))
			if _, ok := c.Get(k); !ok {
				t.Fatal("no hit before the damage")
			}
			tt.plant(t, c, k, p)
			target, _ := os.Readlink(p)
			var before []byte
			if target != "" {
				before, _ = os.ReadFile(target)
			}
			done := make(chan bool)
			go func() {
				_, ok := c.Get(k)
				done <- ok
			}()
			select {
			case ok := <-done:
				if ok {
					t.Fatal("Get trusted the damaged entry")
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Get blocked")
			}
			err := c.Put(k, []byte("new"))
			if tt.wantPut != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantPut) {
					t.Fatalf("Put = %v, want an error with %q", err, tt.wantPut)
				}
				return
			}
			must(t, err)
			if got, ok := c.Get(k); !ok || string(got) != "new" {
				t.Fatalf("after Put: Get = %q, %v", got, ok)
			}
			if target != "" {
				if after, _ := os.ReadFile(target); !bytes.Equal(after, before) {
					t.Fatal("Put wrote through the link")
				}
			}
		})
	}
}

const sha256Size = 32

// TestLinkedFolderLeftAlone: Put refuses a linked entry folder and writes
// nothing where it points.
func TestLinkedFolderLeftAlone(t *testing.T) {
	c := newCache(t)
	k := NewKey([]byte("x"))
	elsewhere := t.TempDir()
	must(t, os.Symlink(elsewhere, filepath.Dir(entryPath(c, k))))
	if err := c.Put(k, []byte("data")); err == nil {
		t.Fatal("Put followed a linked folder")
	}
	if ents, _ := os.ReadDir(elsewhere); len(ents) > 0 {
		t.Fatalf("Put wrote %s through the link", ents[0].Name())
	}
}

// TestDecodeChecksThePayload: decode refuses a payload whose hash is not
// the header's, for the reason that it is not.
func TestDecodeChecksThePayload(t *testing.T) {
	k := NewKey([]byte("k"))
	b := encode(k, []byte("abc"))
	b[len(b)-1] = 'd'
	if _, err := decode(k, b); !errors.Is(err, errSum) {
		t.Fatalf("decode = %v, want %v", err, errSum)
	}
}

// TestConcurrent: Puts and Gets of one key from many goroutines (as from
// two runs at once): every hit is one of the payloads, whole.
func TestConcurrent(t *testing.T) {
	c := newCache(t)
	c2, err := OpenDir(c.Dir()) // a second run's cache
	must(t, err)
	k := NewKey([]byte("shared"))
	payloads := map[string]bool{}
	for i := range 8 {
		payloads[strings.Repeat(fmt.Sprint(i), 10000+i*1000)] = true
	}
	var wg sync.WaitGroup
	var bad sync.Map
	i := 0
	for p := range payloads {
		cc := c
		if i%2 == 1 {
			cc = c2
		}
		i++
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if err := cc.Put(k, []byte(p)); err != nil {
					bad.Store("put", err.Error())
				}
				if got, ok := cc.Get(k); ok && !payloads[string(got)] {
					bad.Store("get", fmt.Sprintf("%d bytes, none of the payloads", len(got)))
				}
			}
		}()
	}
	wg.Wait()
	bad.Range(func(k, v any) bool {
		t.Errorf("%s: %v", k, v)
		return true
	})
	if _, ok := c.Get(k); !ok {
		t.Error("no hit after the Puts")
	}
	ents, _ := os.ReadDir(filepath.Dir(entryPath(c, k)))
	if len(ents) != 1 {
		t.Errorf("the entry folder holds %d files, want 1 (temporary files left?)", len(ents))
	}
}

// TestConcurrentFirstPut: runs that store their first entry in a folder
// at the same moment all race to make it; none fails.
func TestConcurrentFirstPut(t *testing.T) {
	for round := range 20 {
		dir := t.TempDir()
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make(chan error, 16)
		for i := range 16 {
			c, err := OpenDir(dir)
			must(t, err)
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs <- c.Put(NewKey([]byte("same")), []byte(fmt.Sprint(i)))
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}

// TestGetMarksUsed: a hit sets the entry's time if it is an hour old or
// more, and leaves a newer time alone, as Go's build cache does.
func TestGetMarksUsed(t *testing.T) {
	tests := []struct {
		name    string
		age     time.Duration
		touched bool
	}{
		{"used 2 hours ago", 2 * time.Hour, true},
		{"used an hour ago", time.Hour, true},
		{"used 59 minutes ago", 59 * time.Minute, false},
		{"used just now", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCache(t)
			now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
			c.now = func() time.Time { return now }
			k := NewKey([]byte("x"))
			must(t, c.Put(k, []byte("y")))
			then := now.Add(-tt.age)
			must(t, os.Chtimes(entryPath(c, k), then, then))
			if _, ok := c.Get(k); !ok {
				t.Fatal("miss")
			}
			fi, err := os.Stat(entryPath(c, k))
			must(t, err)
			want := then
			if tt.touched {
				want = now
			}
			if !fi.ModTime().Equal(want) {
				t.Errorf("entry time %v, want %v", fi.ModTime(), want)
			}
		})
	}
}

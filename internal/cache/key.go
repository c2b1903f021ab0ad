package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// Key names a cache entry: the SHA-256 of everything its result depends on.
type Key [sha256.Size]byte

// String returns the key in hexadecimal, as an entry's file is named.
func (k Key) String() string { return hex.EncodeToString(k[:]) }

// keyDomain starts the hash of every key NewKey makes. A change in what
// entries hold, or in how keys are made, changes it, so that a new tilmash
// never reads an old one's entries as its own.
const keyDomain = "tilmash cache key v1"

// NewKey returns the key of parts: the SHA-256 of a version prefix and
// each part, each preceded by its length. Two different
// lists of parts never share a key: ("ab", "c") is not ("a", "bc"), and
// ("a") is not ("a", ""). A part is whatever the result depends on: a
// file's hash, a setting, the program's version.
func NewKey(parts ...[]byte) Key { return keyOf(keyDomain, parts) }

// keyOf is NewKey under another domain, for the cache's own entries (the
// stat index), which no list of parts given to NewKey can name.
func keyOf(domain string, parts [][]byte) Key {
	h := sha256.New()
	var n [8]byte
	put := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	put([]byte(domain))
	for _, p := range parts {
		put(p)
	}
	var k Key
	h.Sum(k[:0])
	return k
}

package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
)

// An entry file is a header, then the payload:
//
//	magic    8 bytes   "tilmash\x1a"
//	version  4 bytes   big-endian, formatVersion
//	key      32 bytes  the entry's Key
//	length   8 bytes   big-endian, the payload's length
//	sum      32 bytes  the payload's SHA-256
//	payload  length bytes
//
// The file ends with the payload: a byte more or less is damage.
const (
	magic         = "tilmash\x1a"
	formatVersion = 1
	headerSize    = len(magic) + 4 + sha256.Size + 8 + sha256.Size
)

// MaxEntry is the largest payload the cache holds: Put refuses a larger
// one, and Get reads no entry file longer than this and its header.
const MaxEntry = 64 << 20

// Why decode refuses an entry; Get treats each as a miss.
var (
	errShort   = errors.New("shorter than the header")
	errMagic   = errors.New("not a tilmash cache entry")
	errVersion = errors.New("another format version")
	errKey     = errors.New("another key's entry")
	errLength  = errors.New("the length in the header is not the payload's")
	errSum     = errors.New("the payload's SHA-256 is not the header's")
)

// header returns the header of the entry that holds data under k.
func header(k Key, data []byte) []byte {
	h := make([]byte, 0, headerSize)
	h = append(h, magic...)
	h = binary.BigEndian.AppendUint32(h, formatVersion)
	h = append(h, k[:]...)
	h = binary.BigEndian.AppendUint64(h, uint64(len(data)))
	sum := sha256.Sum256(data)
	return append(h, sum[:]...)
}

// encode returns the entry file that holds data under k.
func encode(k Key, data []byte) []byte {
	return append(header(k, data), data...)
}

// decode returns the payload of the entry file b if it is the entry of k,
// whole: magic, version, key, length and the payload's hash all checked.
// The payload shares b's memory.
func decode(k Key, b []byte) ([]byte, error) {
	if len(b) < headerSize {
		return nil, errShort
	}
	h := b[:headerSize]
	if string(h[:len(magic)]) != magic {
		return nil, errMagic
	}
	h = h[len(magic):]
	if binary.BigEndian.Uint32(h) != formatVersion {
		return nil, errVersion
	}
	h = h[4:]
	if !bytes.Equal(h[:len(k)], k[:]) {
		return nil, errKey
	}
	h = h[len(k):]
	payload := b[headerSize:]
	if binary.BigEndian.Uint64(h) != uint64(len(payload)) {
		return nil, errLength
	}
	h = h[8:]
	if sum := sha256.Sum256(payload); !bytes.Equal(h, sum[:]) {
		return nil, errSum
	}
	return payload, nil
}

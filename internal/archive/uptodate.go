package archive

import (
	"encoding/json"

	"github.com/tilmash/tilmash/internal/cache"
)

// An extract that found nothing to write leaves the project at a fixed
// point: the same files (the same digest, workspace.DigestWith, which
// names every article and catalogue, the settings, the program and the
// options) give the same nothing to write, and the same report. The cache
// remembers such digests with what the run said, so that the next extract
// on them says it again without reading the archive (a newsroom's CI runs
// extract --check on every commit).

// UpToDate is what an extract that wrote nothing said: its standard
// output and error, exactly.
type UpToDate struct {
	Out string `json:"out"`
	Err string `json:"err"`
}

func upToDateKey(digest string) cache.Key {
	return cache.NewKey([]byte("extract: nothing to write"), []byte(digest))
}

// RememberUpToDate records that an extract on the files with digest wrote
// nothing, and what it said.
func RememberUpToDate(c *cache.Cache, digest string, said UpToDate) {
	if c == nil || c.Off() != "" || digest == "" {
		return
	}
	if data, err := json.Marshal(said); err == nil {
		c.Put(upToDateKey(digest), data) // a cache that cannot keep it only costs the next run its time
	}
}

// KnownUpToDate is what an extract that wrote nothing on the files with
// digest said, if the cache remembers one.
func KnownUpToDate(c *cache.Cache, digest string) (UpToDate, bool) {
	var said UpToDate
	if c == nil || c.Off() != "" || digest == "" {
		return said, false
	}
	data, ok := c.Get(upToDateKey(digest))
	if !ok || json.Unmarshal(data, &said) != nil {
		return UpToDate{}, false
	}
	return said, true
}

// Package cache keeps results between tilmash runs, outside the project's
// work tree as Go's build cache is, so that a run can skip work whose
// inputs it has seen before. It has one job: store and return bytes under a
// key, and never return bytes it cannot vouch for.
//
// A Key is the SHA-256 of everything a result depends on (NewKey). An
// entry is a file named by its key, DIR/<2 hex>/<64 hex>, written to a
// temporary file in the same folder and renamed into place, so that two
// runs at once each see an old or a new entry whole, never half of one.
// Each entry starts with a header holding its key, its length and its
// payload's SHA-256: an entry that is truncated, corrupt, another key's, or
// made by hand is a miss, and the next Put replaces it. Get reads no entry
// larger than MaxEntry and follows no symbolic link to an entry or its
// folder.
//
// The folder is os.UserCacheDir()/tilmash, or what the environment variable
// TILMASH_CACHE names: an absolute folder, or "off". Nothing in a project
// can steer where the cache writes: a relative TILMASH_CACHE (which would
// be read against the project) is refused. With no folder to be had the
// cache is off, and Off says why. The cache's folder is the user's own (it
// is made 0o700): its hashes detect damage, not an attacker who can write
// there, who could as well replace tilmash itself.
//
// FileHashes stands in for re-reading the project's files, as git's index
// does: it keeps each file's Stat and SHA-256 in the cache and reads again
// only a file whose Stat changed, or whose modification time is too close
// to when it was hashed to prove that it did not change since (git's
// racy-timestamp rule). Trim removes the entries that no run has used for a
// while, at most once a day.
package cache

//go:build !linux

package fileset

// Elsewhere than Linux there is no portable atomic exchange: a guarded
// replacement checks the file, then renames over it.

func exchange(a, b string) error { return errUnsupported }

func renameNoReplace(a, b string) error { return errUnsupported }

//go:build !unix

package cache

import "errors"

// mkfifo: there are no named pipes in a folder here.
func mkfifo(string) error { return errors.ErrUnsupported }

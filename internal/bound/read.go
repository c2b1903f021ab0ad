package bound

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// Limit is how large one kind of file may be.
type Limit struct {
	What string // the kind of file, for the message: "an article"
	Max  int64  // the most bytes it may hold
	Hint string // what to do with a file past it
}

// The limits of the files a project holds: each far above any real file
// of its kind (the newsroom's article is 4 KB, the benchmark's about 22 KB,
// a glossary or settings file a few KB; the catalogue of a 1,000-article
// project is 75 MB, of the 10,000-article benchmark about 750 MB), and
// each a bound on what one file can make a command hold and do.
var (
	Article   = Limit{"an article", 32 << 20, "split it into articles, or move the file out of the content folder"}
	Catalogue = Limit{"a catalogue", 1 << 30, "a catalogue holds one entry per unit of the articles: is this the file tilmash wrote?"}
	Glossary  = Limit{"a glossary file", 32 << 20, "split the glossary into several files in its folder"}
	WordList  = Limit{"a word list", 32 << 20, "split the list into several files"}
	Settings  = Limit{"a settings file", 32 << 20, "tilmash.toml holds each language's rules and the checks' settings: is this the file you meant?"}
	// An image a figure shows, published beside the editions and packed
	// into each book: a newsroom's photograph is a few MB.
	Image = Limit{"an image", 50 << 20, "make it smaller: save it for the web (a few MB at most)"}
	// The files tilmash writes and reads back: an edition an earlier build
	// left in dist/ (kept, relinked), a build report or a shard's findings
	// (merge).
	Edition = Limit{"an edition", 1 << 30, "is this a file tilmash built? remove it; the next build makes it again"}
	Report  = Limit{"a report", 1 << 30, "is this a report tilmash wrote? remove it; the next build writes it again"}
	// A translator's own translation memory, brought in by tilmash import
	// (locales/memory/<tag>.tmx): a large CAT-tool memory is a few
	// hundred MB.
	Memory = Limit{"a translation memory", 1 << 30, "is this the memory tilmash import wrote? split the memory, or bring in only what this project needs"}
)

// ReadFile reads the file name of fsys, refusing it with an *Error if it
// holds more than lim.Max bytes: when its size says so, before reading;
// and while reading, when it grows past the limit after that (at most
// lim.Max+1 bytes are read).
//
// Only a regular file is read: a device (a link to /dev/zero) or a named
// pipe is refused before it is opened, so that it can neither fill memory
// nor make the command wait for ever.
func ReadFile(fsys fs.FS, name string, lim Limit) ([]byte, error) {
	if info, err := fs.Stat(fsys, name); err == nil && !info.Mode().IsRegular() {
		return nil, notRegular(name, info, lim)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(name, info, lim)
	}
	if info.Size() > lim.Max {
		return nil, tooLarge(name, fmt.Sprintf("a file of %d bytes", info.Size()), lim)
	}
	data := make([]byte, 0, min(max(info.Size(), 0), lim.Max)+1) // +1: EOF is seen without growing
	r := io.LimitReader(f, lim.Max+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew since Stat: room to read on
		}
	}
	if int64(len(data)) > lim.Max {
		return nil, tooLarge(name, fmt.Sprintf("a file of more than %d bytes (it grew while it was read)", lim.Max), lim)
	}
	return data, nil
}

func notRegular(name string, info fs.FileInfo, lim Limit) *Error {
	return &Error{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("not a regular file (%s): %s must be a file", info.Mode().Type(), lim.What)}
}

func tooLarge(name, what string, lim Limit) *Error {
	return &Error{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("%s, larger than %s may be (at most %s)", what, lim.What, mebibytes(lim.Max)), Hint: lim.Hint}
}

// mebibytes writes n, a whole number of MiB or GiB, for a person.
func mebibytes(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

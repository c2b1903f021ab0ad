package frontmatter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/tilmash/tilmash/internal/bound"
)

// parseJSON reads the JSON object with encoding/json's Decoder, token by
// token: the offset after each token (InputOffset) is where its text ends,
// and the first byte after the separators before it is where it starts.
func (d *Doc) parseJSON() error {
	text := d.src[d.start:d.end]
	if e := bound.JSONDepth(d.file, 1, text); e != nil { // encoding/json's own bound is 10,000 levels
		return &Error{Pos{e.File, e.Line, e.Col}, "front matter: " + e.Msg + " (it holds texts, a date and a params object: write them with fewer levels)"}
	}
	j := &jsonWalk{d: d, dec: json.NewDecoder(bytes.NewReader(text))}
	j.dec.UseNumber()
	v, err := j.value(nil, nil)
	if err != nil {
		return err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return d.errAt(d.start, "front matter: the JSON is not an object of fields ({\"title\": \"…\"})")
	}
	if _, err := j.dec.Token(); !errors.Is(err, io.EOF) {
		return d.errAt(d.start+int(j.dec.InputOffset()), "front matter: text after the JSON object")
	}
	d.values = m
	return nil
}

// jsonWalk decodes a JSON text into values and nodes.
type jsonWalk struct {
	d   *Doc
	dec *json.Decoder
}

// next returns the next token and the offsets, in the file, of its text.
func (j *jsonWalk) next() (json.Token, int, int, error) {
	start := int(j.dec.InputOffset())
	tok, err := j.dec.Token()
	end := int(j.dec.InputOffset())
	text := j.d.src[j.d.start:j.d.end]
	for start < end && start < len(text) && bytes.IndexByte([]byte(" \t\r\n,:"), text[start]) >= 0 {
		start++
	}
	if err != nil {
		off := end
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = int(se.Offset) // the offending byte
		}
		msg := err.Error()
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			msg = "the JSON object ends too early"
		}
		return nil, 0, 0, j.d.errAt(j.d.start+max(off, 0), "front matter: "+msg)
	}
	return tok, j.d.start + start, j.d.start + end, nil
}

// value reads the next value, whose node is nd (nil for the top) and path
// segs.
func (j *jsonWalk) value(nd *node, segs []string) (any, error) {
	tok, start, end, err := j.next()
	if err != nil {
		return nil, err
	}
	if nd != nil {
		nd.start = start
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			list := []any{}
			for j.dec.More() {
				cs := append(segs[:len(segs):len(segs)], strconv.Itoa(len(list)))
				cn := j.d.add(&node{segs: cs, end: -1, colon: -1})
				v, err := j.value(cn, cs)
				if err != nil {
					return nil, err
				}
				cn.key, cn.value = cn.start, v
				list = append(list, v)
				if nd != nil {
					nd.items = append(nd.items, cn)
				}
			}
			_, _, end, err := j.next() // ]
			if err != nil {
				return nil, err
			}
			if nd != nil {
				nd.list, nd.end = true, end
			}
			return list, nil
		}
		m := map[string]any{}
		for j.dec.More() {
			tok, kstart, _, err := j.next()
			if err != nil {
				return nil, err
			}
			key, _ := tok.(string)
			if _, dup := m[key]; dup {
				return nil, j.d.errAt(kstart, fmt.Sprintf("front matter: %q is set twice: keep one", key))
			}
			cs := append(segs[:len(segs):len(segs)], key)
			cn := j.d.add(&node{segs: cs, key: kstart, end: -1, colon: -1})
			v, err := j.value(cn, cs)
			if err != nil {
				return nil, err
			}
			cn.value, m[key] = v, v
		}
		if _, _, _, err := j.next(); err != nil { // }
			return nil, err
		}
		return m, nil
	case string:
		if nd != nil {
			nd.end, nd.text = end, true
		}
		return t, nil
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i, nil
		}
		f, _ := t.Float64()
		return f, nil
	}
	return tok, nil // bool or nil
}

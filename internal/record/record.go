// Package record defines the build record: what one build of a notice read and
// wrote. fsn build keeps it beside the editions as out/<id>/<id>.build.json, so
// that fsn verify can tell whether the editions are the files the build wrote,
// from the sources as they are now, and fsn publish can describe every file.
package record

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
)

// Record is the build record of one notice.
type Record struct {
	Notice    string `json:"notice"`
	Generator string `json:"generator"`
	// Signer is the subject of the certificate that signed the PDFs; empty when unsigned.
	Signer string `json:"signer,omitempty"`
	// Inputs are every file the editions were built from, sorted by name.
	Inputs   []File     `json:"inputs"`
	Editions []*Edition `json:"editions"`
}

// Edition is one language of the notice, as built.
type Edition struct {
	Lang string `json:"lang"`
	// Key names everything the edition was made from (see package build): a
	// later build whose key for the edition is the same takes its files as they are.
	Key string `json:"key,omitempty"`
	// Messages are the ids of the messages the edition used; labels start with "label:".
	Messages []string `json:"messages"`
	Files    []File   `json:"files"`
}

// File is a file read or written by a build, with its size and SHA-256.
type File struct {
	Name   string `json:"name"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// NewFile describes the file name holding data.
func NewFile(name string, data []byte) File {
	return File{Name: name, Size: len(data), SHA256: Hash(data)}
}

// Hash returns the hex SHA-256 of data, as a File records it.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Name returns the file name of the build record of notice id.
func Name(id string) string { return id + ".build.json" }

// Read reads the build record at path.
func Read(path string) (*Record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := new(Record)
	if err := json.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("not a build record: %v", err)
	}
	return r, nil
}

// Marshal returns the record as indented JSON with a final newline.
func (r *Record) Marshal() ([]byte, error) {
	data, err := json.MarshalIndent(r, "", "  ")
	return append(data, '\n'), err
}

// Edition returns the edition of lang, or nil.
func (r *Record) Edition(lang string) *Edition {
	for _, ed := range r.Editions {
		if ed.Lang == lang {
			return ed
		}
	}
	return nil
}

// File returns the file name of the edition of lang, or nil.
func (r *Record) File(lang, name string) *File {
	ed := r.Edition(lang)
	if ed == nil {
		return nil
	}
	for i := range ed.Files {
		if ed.Files[i].Name == name {
			return &ed.Files[i]
		}
	}
	return nil
}

package l10n

import (
	"reflect"

	"github.com/fsn-tool/fsn/internal/notice"
)

// clone returns a deep copy of n, so an edition can replace texts without
// touching the source: no pointer, slice or map of the copy is shared with n.
// It copies by reflection, so a field added to the notice is copied too; a
// struct is copied whole first, so that its unexported fields (a time.Time's)
// keep their values, which nothing here changes.
func clone(n *notice.Notice) *notice.Notice {
	c := new(notice.Notice)
	deepCopy(reflect.ValueOf(c).Elem(), reflect.ValueOf(n).Elem())
	return c
}

// deepCopy sets dst, which is settable, to a deep copy of src, of the same type.
// Interfaces are copied as they are: the notice holds none that an edition changes.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		deepCopy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Struct:
		dst.Set(src)
		for i := range src.NumField() {
			if f := dst.Field(i); f.CanSet() && holdsReferences(f.Type()) {
				deepCopy(f, src.Field(i))
			}
		}
	case reflect.Array:
		dst.Set(src)
		if holdsReferences(src.Type().Elem()) {
			for i := range src.Len() {
				deepCopy(dst.Index(i), src.Index(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		if holdsReferences(src.Type().Elem()) {
			for i := range src.Len() {
				deepCopy(s.Index(i), src.Index(i))
			}
		} else {
			reflect.Copy(s, src)
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			deepCopy(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	default:
		dst.Set(src)
	}
}

// holdsReferences reports whether a value of type t holds a pointer, slice or
// map (in an exported field, for a struct), which deepCopy must copy.
func holdsReferences(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		return true
	case reflect.Array:
		return holdsReferences(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && holdsReferences(f.Type) {
				return true
			}
		}
	}
	return false
}

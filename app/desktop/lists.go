package desktop

import (
	"encoding"
	"encoding/json"
	"reflect"
	"sync"
)

// Lists reach the frontend as [] when they are empty, never as null: encoding/json
// writes a nil slice (and a nil map) as null, so every value a bound method returns
// passes through emptyLists (read and write do it for the methods built on them).
// TestListsAreNeverNull calls the bound methods on a fresh database to check.

// emptyLists is withEmptyLists for a (value, error) pair.
func emptyLists[T any](v T, err error) (T, error) {
	return withEmptyLists(v), err
}

// withEmptyLists returns v with every nil slice and map in it, however deep, made
// empty. v's own slices and maps are never written to: a part that changes is copied
// first (the cached reference lists, a store's answers may be shared). Byte slices and
// values with their own JSON (report.Count, time.Time) are left alone.
func withEmptyLists[T any](v T) T {
	if !mayHoldLists(reflect.TypeOf(&v).Elem()) {
		return v
	}
	fillLists(reflect.ValueOf(&v).Elem())
	return v
}

// fillLists makes the nil slices and maps in the addressable v empty.
func fillLists(v reflect.Value) {
	t := v.Type()
	if !mayHoldLists(t) {
		return
	}
	switch t.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			v.Set(reflect.MakeSlice(t, 0, 0))
			return
		}
		if !mayHoldLists(t.Elem()) {
			return
		}
		c := reflect.MakeSlice(t, v.Len(), v.Len())
		reflect.Copy(c, v)
		for i := 0; i < c.Len(); i++ {
			fillLists(c.Index(i))
		}
		v.Set(c)
	case reflect.Map:
		if v.IsNil() {
			v.Set(reflect.MakeMap(t))
			return
		}
		if !mayHoldLists(t.Elem()) {
			return
		}
		c := reflect.MakeMapWithSize(t, v.Len())
		for it := v.MapRange(); it.Next(); {
			e := reflect.New(t.Elem()).Elem()
			e.Set(it.Value())
			fillLists(e)
			c.SetMapIndex(it.Key(), e)
		}
		v.Set(c)
	case reflect.Pointer:
		if v.IsNil() {
			return // a nil pointer is null on purpose (an optional value)
		}
		c := reflect.New(t.Elem())
		c.Elem().Set(v.Elem())
		fillLists(c.Elem())
		v.Set(c)
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		c := reflect.New(v.Elem().Type()).Elem()
		c.Set(v.Elem())
		fillLists(c)
		v.Set(c)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fillLists(v.Index(i))
		}
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && f.Tag.Get("json") != "-" {
				fillLists(v.Field(i))
			}
		}
	}
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	holdsLists    sync.Map // reflect.Type → bool
)

// mayHoldLists says whether a value of type t can contain a slice or map that
// fillLists would change.
func mayHoldLists(t reflect.Type) bool {
	if b, ok := holdsLists.Load(t); ok {
		return b.(bool)
	}
	holdsLists.Store(t, false) // a type that refers to itself: no answer yet, assume not
	b := computeHoldsLists(t)
	holdsLists.Store(t, b)
	return b
}

func computeHoldsLists(t reflect.Type) bool {
	if t.Kind() == reflect.Interface {
		return true // the value inside decides
	}
	if t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) ||
		t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
		return false
	}
	switch t.Kind() {
	case reflect.Slice:
		return t.Elem().Kind() != reflect.Uint8 // []byte is base64 text, nil is ""
	case reflect.Map:
		return true
	case reflect.Pointer, reflect.Array:
		return mayHoldLists(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && f.Tag.Get("json") != "-" && mayHoldLists(f.Type) {
				return true
			}
		}
	}
	return false
}

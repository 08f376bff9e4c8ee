package httpapi

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"math/rand/v2"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// jsonFormat must write exactly what encoding/json writes, so that the
// faster encoder changes no answer: checked on random values of every type
// the API's schemas are made from (responses, problems, request bodies),
// strings with what JSON escapes (quotes, controls, <>&, U+2028, invalid
// UTF-8), numbers on both sides of the exponent forms, nil and empty lists.
func TestJSONFormatWritesWhatEncodingJSONWrites(t *testing.T) {
	t.Parallel()
	reg := NewAPI(http.NewServeMux(), Deps{}).OpenAPI().Components.Schemas
	names := slices.Sorted(maps.Keys(reg.Map()))
	if len(names) < 30 {
		t.Fatalf("only %d schemas: %v", len(names), names)
	}
	r := rand.New(rand.NewPCG(9, uint64(time.Now().UnixNano())))
	for _, name := range names {
		typ := reg.TypeFromRef("#/components/schemas/" + name)
		if typ == nil {
			t.Fatalf("no Go type for schema %s", name)
		}
		for range 200 {
			v := reflect.New(typ)
			fillRandom(r, v.Elem(), 0)
			var want, got bytes.Buffer
			std := json.NewEncoder(&want)
			std.SetEscapeHTML(false)
			if err := std.Encode(v.Interface()); err != nil {
				t.Fatalf("%s: encoding/json: %v", name, err)
			}
			if err := jsonFormat.Marshal(&got, v.Interface()); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("%s written differently:\n got %s\nwant %s", name, got.Bytes(), want.Bytes())
			}
		}
	}
}

var randomRunes = []string{"a", "Z", "0", " ", `"`, `\`, "/", "<", ">", "&", "\n", "\t", "\x00", "\x1f", "\x7f",
	"가", "ㄱ", "😀", "\u2028", "\u2029", "\ufffd", "\xff", "\xe2\x82", "é"}

var randomFloats = []float64{0, 1, -1, 0.5, 37.519405206269035, 126.85152708537575, 1e20, 1e21, 123456789e15,
	1e-6, 1e-7, 0.000001234, -2.5e-8, math.MaxFloat64, math.SmallestNonzeroFloat64, 4.9, 3.7}

var randomZones = []*time.Location{time.UTC, time.FixedZone("KST", 9*3600), time.FixedZone("", -(3*3600 + 30*60))}

// randomFiller is a type that fills itself (one with unexported fields).
type randomFiller interface {
	fillRandom(r *rand.Rand, depth int)
}

// fillRandom gives a reference list random items, encoded as listMemo
// encodes them.
func (e *encodedItems[T]) fillRandom(r *rand.Rand, depth int) {
	items := reflect.New(reflect.TypeFor[[]T]()).Elem()
	fillRandom(r, items, depth+1)
	var b bytes.Buffer
	if err := jsonFormat.Marshal(&b, items.Interface()); err != nil {
		panic(err)
	}
	e.json = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// fillRandom gives v, and everything it holds, a random value.
func fillRandom(r *rand.Rand, v reflect.Value, depth int) {
	if depth > 6 {
		return
	}
	if f, ok := v.Addr().Interface().(randomFiller); ok {
		f.fillRandom(r, depth)
		return
	}
	if v.Type() == reflect.TypeFor[time.Time]() {
		at := time.Unix(r.Int64N(1<<34)-1<<33, r.Int64N(1e9)*int64(r.IntN(2))).In(randomZones[r.IntN(len(randomZones))])
		v.Set(reflect.ValueOf(at))
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := v.Type().Bits() // an arithmetic shift keeps the sign and fits the size
		v.SetInt(int64(r.Uint64()) >> (64 - bits + r.IntN(bits)))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(r.Uint64() >> (64 - v.Type().Bits() + r.IntN(v.Type().Bits())))
	case reflect.Float32, reflect.Float64:
		f := randomFloats[r.IntN(len(randomFloats))]
		if r.IntN(2) == 0 {
			f = r.NormFloat64() * math.Pow(10, float64(r.IntN(30)-15))
		}
		if v.Kind() == reflect.Float32 {
			f = float64(float32(f))
		}
		v.SetFloat(f)
	case reflect.String:
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(randomRunes[r.IntN(len(randomRunes))])
		}
		v.SetString(b.String())
	case reflect.Slice:
		if r.IntN(4) == 0 {
			return // nil
		}
		n := r.IntN(4)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fillRandom(r, s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			fillRandom(r, v.Index(i), depth+1)
		}
	case reflect.Pointer:
		if r.IntN(3) == 0 {
			return // nil
		}
		p := reflect.New(v.Type().Elem())
		fillRandom(r, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String || r.IntN(3) == 0 {
			return
		}
		m := reflect.MakeMap(v.Type())
		for range r.IntN(4) {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fillRandom(r, k, depth+1)
			fillRandom(r, e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillRandom(r, v.Field(i), depth+1)
			}
		}
	}
}

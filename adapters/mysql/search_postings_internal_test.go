package mysql

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ourspace/ourspace/adapters/mysql/sqlcgen"
)

// randomIDs gives up to n distinct ascending ids of block.
func randomIDs(r *rand.Rand, block uint32, n int) []int64 {
	first := int64(block) << postingBlockBits
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = first + r.Int64N(1<<postingBlockBits)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func TestPostingsDecodeWhatTheyEncode(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		block := uint32(r.IntN(1 << 19))
		ids := randomIDs(r, block, r.IntN(300))
		if r.IntN(10) == 0 { // the block's first and last ids
			ids = []int64{int64(block) << postingBlockBits, int64(block+1)<<postingBlockBits - 1}
		}
		b := encodePostings(block, ids)
		got, err := decodePostings(block, b, []int64{-1})
		if err != nil || !slices.Equal(got[1:], ids) || got[0] != -1 {
			t.Fatalf("block %d: %v decoded as %v, %v", block, ids, got, err)
		}
		if len(ids) > 0 && len(b) > 2*len(ids) {
			t.Errorf("%d ids in %d bytes: more than two a space", len(ids), len(b))
		}
	}
	// A whole block is a byte an id.
	all := make([]int64, 1<<postingBlockBits)
	for i := range all {
		all[i] = int64(3<<postingBlockBits + i)
	}
	if b := encodePostings(3, all); len(b) != len(all) {
		t.Errorf("a full block: %d bytes, want %d", len(b), len(all))
	}
}

func TestPostingsRefuseMalformedRows(t *testing.T) {
	for _, b := range [][]byte{
		{0x80},             // a varint cut short
		{0x80, 0x20},       // 4,096: past the block
		{0xff, 0xff, 0x7f}, // far past it
	} {
		if _, err := decodePostings(0, b, nil); err == nil {
			t.Errorf("%x decoded", b)
		}
	}
}

// rowsOf encodes ascending ids as a token's rows, block by block.
func rowsOf(ids []int64) []sqlcgen.SearchPosting {
	var rows []sqlcgen.SearchPosting
	for i := 0; i < len(ids); {
		block := postingBlock(ids[i])
		j := i
		for j < len(ids) && postingBlock(ids[j]) == block {
			j++
		}
		rows = append(rows, sqlcgen.SearchPosting{Token: "t", Block: block, Ids: encodePostings(block, ids[i:j])})
		i = j
	}
	return rows
}

func TestIntersectPostingsKeepsTheCommonIDs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	spread := func() []int64 { // over a few blocks, some empty
		var ids []int64
		for block := uint32(0); block < 5; block++ {
			if r.IntN(4) > 0 {
				ids = append(ids, randomIDs(r, block, r.IntN(300))...)
			}
		}
		return ids
	}
	for range 300 {
		a, b := spread(), spread()
		var want []int64
		for _, id := range a {
			if slices.Contains(b, id) {
				want = append(want, id)
			}
		}
		got, err := intersectPostings(slices.Clone(a), rowsOf(b))
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("%v ∩ %v = %v, %v; want %v", a, b, got, err, want)
		}
	}
	if _, err := intersectPostings([]int64{1}, []sqlcgen.SearchPosting{{Block: 0, Ids: []byte{0x80}}}); err == nil {
		t.Error("a malformed row was read")
	}
}

func TestPostingMovesFollowTheTokens(t *testing.T) {
	index := newIndexMoves()
	index.space(5, []string{"a", "b"}, []string{"b", "c"})
	index.space(4100, nil, []string{"a"})
	index.space(7, []string{"c"}, nil)
	if !maps.Equal(index.counts, map[string]int{"a": 0, "c": 0}) {
		t.Errorf("counts move by %v, want a and c by 0", index.counts)
	}
	m := index.postings
	want := map[postingKey]postingMove{
		{"a", 0}: {remove: []int64{5}},
		{"c", 0}: {add: []int64{5}, remove: []int64{7}},
		{"a", 1}: {add: []int64{4100}},
	}
	if len(m) != len(want) {
		t.Fatalf("moves %v, want %v", m, want)
	}
	for k, w := range want {
		if g := m[k]; g == nil || !slices.Equal(g.add, w.add) || !slices.Equal(g.remove, w.remove) {
			t.Errorf("%v: %+v, want %+v", k, g, w)
		}
	}
	mv := postingMove{add: []int64{9, 2, 9}, remove: []int64{4, 7}}
	if got := mv.apply([]int64{1, 4, 7, 9}); !slices.Equal(got, []int64{1, 2, 9}) {
		t.Errorf("moved: %v, want [1 2 9]", got)
	}
}

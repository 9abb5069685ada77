package dispatch

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// visit is one element of an n-d loop: each operand's element offset.
type visit [maxOperands]int

// expandWalk walks l over [lo, hi) and lists every element the runs cover.
func expandWalk(t *testing.T, l *layout, lo, hi int) []visit {
	t.Helper()
	var got []visit
	l.walk(lo, hi, func(offs [maxOperands]int, n int) {
		if n <= 0 {
			t.Fatalf("walk(%d, %d) gave a run of %d elements", lo, hi, n)
		}
		for j := 0; j < n; j++ {
			var v visit
			for o := 0; o < l.nops; o++ {
				v[o] = offs[o] + j*l.innerStride(o)
			}
			got = append(got, v)
		}
	})
	return got
}

// naiveVisits lists the elements of a C-order multi-index loop over shape.
func naiveVisits(shape []int, nops int, strides [maxOperands][]int, base [maxOperands]int) []visit {
	var want []visit
	forEachIndex(shape, func(idx []int) {
		var v visit
		for o := 0; o < nops; o++ {
			v[o] = base[o]
			for k, i := range idx {
				v[o] += i * strides[o][k]
			}
		}
		want = append(want, v)
	})
	return want
}

func sortedVisits(v []visit) []visit {
	s := slices.Clone(v)
	sort.Slice(s, func(i, j int) bool {
		for o := range s[i] {
			if s[i][o] != s[j][o] {
				return s[i][o] < s[j][o]
			}
		}
		return false
	})
	return s
}

func TestLayoutWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 600; trial++ {
		nd := rng.IntN(6)
		shape := randomShape(rng, nd, 1, 4)
		nops := 1 + rng.IntN(maxOperands)
		var strides [maxOperands][]int
		var base [maxOperands]int
		first := anyLayout
		if trial%4 == 0 {
			first = cOrder
		}
		for o := 0; o < nops; o++ {
			kind := anyLayout
			if o == 0 {
				kind = first
			}
			strides[o] = randomStrides(rng, shape, kind, kind == anyLayout)
			base[o] = 1000 * (o + 1)
		}
		name := fmt.Sprintf("shape %v strides %v", shape, strides[:nops])
		l := newLayout(shape, nops, strides, base)
		n := l.size()
		if n != sizeOf(shape) {
			t.Fatalf("%s: layout size %d, want %d", name, n, sizeOf(shape))
		}
		want := naiveVisits(shape, nops, strides, base)
		got := expandWalk(t, &l, 0, n)

		// The layout may reorder dimensions, but it must visit the same
		// elements, each operand's offsets moving together.
		if !slices.Equal(sortedVisits(got), sortedVisits(want)) {
			t.Fatalf("%s: walk visits %v, want (in some order) %v", name, got, want)
		}
		// Within its own (simplified) shape, the walk is a C-order loop.
		if inOwn := naiveVisits(l.shape, nops, l.strides, l.base); !slices.Equal(got, inOwn) {
			t.Fatalf("%s: walk order %v differs from a C-order loop over %v %v: %v", name, got, l.shape, l.strides[:nops], inOwn)
		}
		// A C-order first operand keeps the caller's order exactly.
		if first == cOrder && !slices.Equal(got, want) {
			t.Fatalf("%s: C-order walk %v, want %v", name, got, want)
		}

		// Any split into pieces visits the same elements in the same order.
		cuts := []int{0, n}
		for range rng.IntN(5) {
			cuts = append(cuts, rng.IntN(n+1))
		}
		slices.Sort(cuts)
		var pieces []visit
		for i := 0; i+1 < len(cuts); i++ {
			pieces = append(pieces, expandWalk(t, &l, cuts[i], cuts[i+1])...)
		}
		if !slices.Equal(pieces, got) {
			t.Fatalf("%s: walk over pieces %v gives %v, want %v", name, cuts, pieces, got)
		}
		lo := rng.IntN(n + 1)
		hi := lo + rng.IntN(n-lo+1)
		if part := expandWalk(t, &l, lo, hi); !slices.Equal(part, got[lo:hi]) {
			t.Fatalf("%s: walk(%d, %d) = %v, want %v", name, lo, hi, part, got[lo:hi])
		}
	}
}

func TestLayoutMergesContiguousDims(t *testing.T) {
	// A C-order (3, 4, 5) array and a Fortran-order output: nothing merges
	// across operands that disagree, everything merges when they agree.
	shape := []int{3, 4, 5}
	c := []int{20, 5, 1}
	f := []int{1, 3, 12}
	l := newLayout(shape, 2, [maxOperands][]int{c, c}, [maxOperands]int{})
	if !slices.Equal(l.shape, []int{60}) || l.innerStride(0) != 1 {
		t.Errorf("C-order operands: layout %v %v, want one run of 60", l.shape, l.strides[:2])
	}
	l = newLayout(shape, 2, [maxOperands][]int{f, f}, [maxOperands]int{})
	if !slices.Equal(l.shape, []int{60}) || l.innerStride(0) != 1 {
		t.Errorf("Fortran-order operands: layout %v %v, want one run of 60", l.shape, l.strides[:2])
	}
	l = newLayout(shape, 2, [maxOperands][]int{f, c}, [maxOperands]int{})
	if l.innerStride(0) != 1 || l.innerStride(1) != 20 {
		t.Errorf("Fortran output, C input: inner strides %d, %d, want 1 (the output's memory order), 20",
			l.innerStride(0), l.innerStride(1))
	}
	// 0-d and all-ones shapes are one element.
	for _, s := range [][]int{{}, {1, 1, 1}} {
		st := make([]int, len(s))
		l = newLayout(s, 1, [maxOperands][]int{st}, [maxOperands]int{7})
		if got := expandWalk(t, &l, 0, 1); !slices.Equal(got, []visit{{7}}) {
			t.Errorf("shape %v: walk %v, want the base element only", s, got)
		}
	}
	// An empty shape has no elements and the walk runs nothing.
	l = newLayout([]int{2, 0, 3}, 1, [maxOperands][]int{{3, 3, 1}}, [maxOperands]int{})
	if l.size() != 0 {
		t.Errorf("shape (2, 0, 3): size %d, want 0", l.size())
	}
	if got := expandWalk(t, &l, 0, 0); len(got) != 0 {
		t.Errorf("shape (2, 0, 3): walk visited %v", got)
	}
}

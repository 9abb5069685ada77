package parallel

// Reduce is a deterministic parallel reduction over [0, n). It cuts [0, n)
// into nb = ceil(n/block) blocks of exactly block elements, the last one
// possibly shorter (block < 1 means 1), computes part(lo, hi) for every
// block, in parallel on at most workers goroutines (workers < 1 means
// Workers()), and combines the partials p[0..nb) in block order by a fixed
// pairwise tree:
//
//	for s := 1; s < nb; s *= 2 {
//		for i := 0; i+s < nb; i += 2 * s {
//			p[i] = combine(p[i], p[i+s])
//		}
//	}
//	return p[0]
//
// that is combine(combine(p0, p1), combine(p2, p3)) for four blocks, with an
// odd block out carried up a level unchanged. Neither the blocks nor the tree
// depend on the worker count, so for a given n and block the result is
// bit-identical with one worker or 64, even for floating point; the pairwise
// tree also keeps rounding error growing with log(nb), not nb.
//
// n <= 0 returns the zero T without calling part. The partials live in a
// slice of nb values allocated by each call; pick block so that nb stays
// small next to n (a few thousand elements per block, say). Panics are
// handled as in For.
func Reduce[T any](workers, n, block int, part func(lo, hi int) T, combine func(a, b T) T) T {
	var zero T
	if n <= 0 {
		return zero
	}
	// One recover covers part and combine on the caller; a *PanicError from
	// run passes through it unchanged.
	defer func() {
		if r := recover(); r != nil {
			panic(newPanicError(r))
		}
	}()
	block = max(block, 1)
	nb := (n-1)/block + 1
	if nb == 1 {
		return part(0, n)
	}
	workers = resolve(workers)

	parts := make([]T, nb)
	blocks := func(lo, hi int) {
		for b := lo; b < hi; b++ {
			start := b * block
			parts[b] = part(start, min(start+block, n))
		}
	}
	if workers == 1 {
		blocks(0, nb)
	} else {
		run(workers, nb, min(nb, workers*chunksPerWorker), nil, blocks)
	}
	return combineTree(parts, combine)
}

// combineTree folds p in place by the tree documented on Reduce. It is
// serial: nb is small next to n, and a combine is cheap next to a part.
func combineTree[T any](p []T, combine func(a, b T) T) T {
	for s := 1; s < len(p); s *= 2 {
		for i := 0; i+s < len(p); i += 2 * s {
			p[i] = combine(p[i], p[i+s])
		}
	}
	return p[0]
}

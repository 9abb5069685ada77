package main

/*
#include <stdint.h>

// gonp_calls counts the calls into the library's operations since it was
// loaded (see gonp.h); Go adds to it atomically, readers load it.
int64_t gonp_calls = 0;
*/
import "C"

import (
	"sync/atomic"
	"unsafe"
)

// countCall records one call that entered an operation export.
func countCall() {
	atomic.AddInt64((*int64)(unsafe.Pointer(&C.gonp_calls)), 1)
}

// Goroutines on several threads, a mutex, a channel and time.Now through
// the vDSO: the Go runtime parses the vDSO itself (DT_VERDEF and all).
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(4)
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			s := 0
			for j := 0; j < 100000; j++ {
				s += j % (n + 1)
			}
			mu.Lock()
			total += s
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	ch := make(chan int)
	go func() { ch <- 42 }()
	start := time.Now()
	var acc int64
	for k := 0; k < 1000; k++ {
		acc += time.Now().UnixNano() & 1
	}
	fmt.Println("total", total, "chan", <-ch, "time ok", time.Since(start) >= 0 && acc >= 0)
}

// Goroutines on several threads, a mutex, a channel and time.Now through
// the vDSO: the Go runtime parses the vDSO itself (DT_VERDEF and all).
// Then an HTTP server and client in one process over 127.0.0.1: Go's
// network poller (epoll, nonblocking sockets, accept4) under emu.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"time"
)

func serveAndGet() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello %s", r.URL.Path)
	}))
	for i := 0; i < 3; i++ {
		resp, err := http.Get(fmt.Sprintf("http://%s/req%d", ln.Addr(), i))
		if err != nil {
			fmt.Println("get:", err)
			os.Exit(1)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println("http", resp.StatusCode, string(body))
	}
}

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
	serveAndGet()
}

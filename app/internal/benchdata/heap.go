package benchdata

import (
	"runtime"
	"sync"
	"time"
)

// SampleHeap starts sampling the heap in use every 5 ms and returns a function that
// stops sampling and returns the highest value seen, in bytes (a benchmark's peak
// memory without an outside tool; a short peak between two samples is missed).
func SampleHeap() (stop func() float64) {
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mu.Lock()
		peak = max(peak, ms.HeapInuse)
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	var once sync.Once
	return func() float64 {
		once.Do(func() {
			close(done)
			wg.Wait()
			sample()
		})
		mu.Lock()
		defer mu.Unlock()
		return float64(peak)
	}
}

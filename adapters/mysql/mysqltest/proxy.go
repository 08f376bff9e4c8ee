package mysqltest

import (
	"errors"
	"net"
	"sync"
	"testing"

	gomysql "github.com/go-sql-driver/mysql"
)

// Proxy is a TCP proxy in front of a MySQL server that a test can hang or
// cut: while stalled it accepts connections and reads what clients send
// but passes nothing on either way, as a database that stopped answering
// does (the kernel still acknowledges every byte, so no client notices by
// itself). It closes with the test.
type Proxy struct {
	// DSN is the DSN given to NewProxy with its address replaced by the
	// proxy's.
	DSN string

	ln     net.Listener
	target string
	done   chan struct{} // closed by Close

	mu    sync.Mutex
	gate  chan struct{} // closed while bytes flow
	pairs map[*pair]struct{}
	wg    sync.WaitGroup
}

// pair is a client's connection and the proxy's to the server.
type pair struct {
	client, server net.Conn
	once           sync.Once
	closed         chan struct{}
}

func (p *pair) close() {
	p.once.Do(func() {
		close(p.closed)
		_ = p.client.Close()
		_ = p.server.Close()
	})
}

// NewProxy starts a proxy to the server of dsn on a loopback port.
func NewProxy(t testing.TB, dsn string) *Proxy {
	t.Helper()
	cfg, err := gomysql.ParseDSN(dsn)
	if err != nil {
		t.Fatalf("mysqltest: proxy: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mysqltest: proxy: %v", err)
	}
	p := &Proxy{ln: ln, target: cfg.Addr, done: make(chan struct{}), gate: make(chan struct{}), pairs: map[*pair]struct{}{}}
	close(p.gate)
	cfg.Addr = ln.Addr().String()
	p.DSN = cfg.FormatDSN()
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(p.Close)
	return p
}

// Stall stops passing bytes, on open connections and new ones alike.
func (p *Proxy) Stall() {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.gate:
		p.gate = make(chan struct{})
	default: // already stalled
	}
}

// Resume passes bytes again, those held while stalled first.
func (p *Proxy) Resume() {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.gate:
	default:
		close(p.gate)
	}
}

// Cut closes every open connection, as a server that died would; new ones
// are still accepted.
func (p *Proxy) Cut() {
	p.mu.Lock()
	pairs := make([]*pair, 0, len(p.pairs))
	for c := range p.pairs {
		pairs = append(pairs, c)
	}
	p.mu.Unlock()
	for _, c := range pairs {
		c.close()
	}
}

// Close stops accepting, closes every connection and waits for the
// proxy's goroutines.
func (p *Proxy) Close() {
	select {
	case <-p.done:
		return
	default:
	}
	close(p.done)
	_ = p.ln.Close()
	p.Cut()
	p.wg.Wait()
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = client.Close()
			continue
		}
		c := &pair{client: client, server: server, closed: make(chan struct{})}
		p.mu.Lock()
		select {
		case <-p.done:
			p.mu.Unlock()
			c.close()
			return
		default:
		}
		p.pairs[c] = struct{}{}
		p.mu.Unlock()
		p.wg.Add(2)
		go p.pipe(c, c.server, c.client)
		go p.pipe(c, c.client, c.server)
	}
}

// pipe copies src to dst, each chunk once the gate is open; when either
// side ends, both do.
func (p *Proxy) pipe(c *pair, dst, src net.Conn) {
	defer p.wg.Done()
	defer func() {
		c.close()
		p.mu.Lock()
		delete(p.pairs, c)
		p.mu.Unlock()
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			gate := p.gate
			p.mu.Unlock()
			select {
			case <-gate:
			case <-c.closed:
				return
			}
			if _, err := dst.Write(buf[:n]); err != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// Package s3local runs an S3-compatible server on loopback for the
// zero-setup run: gofakes3 with its objects in one bolt file under a data
// directory, so photos survive a restart without MinIO or AWS. The binary
// talks to it through the same S3 adapter as to a real store. For
// development only: it checks no signatures.
package s3local

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3bolt"
	bolt "go.etcd.io/bbolt"
)

// Server is a running embedded S3 server.
type Server struct {
	db   *bolt.DB
	http *http.Server
	addr string
	done chan error
}

// Start opens (or creates) dir/objects.bolt and serves it on addr (e.g.
// "127.0.0.1:0"). One process at a time may use a directory.
func Start(dir, addr string) (*Server, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("s3local: data directory: %w", err)
	}
	file := filepath.Join(dir, "objects.bolt")
	db, err := bolt.Open(file, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("s3local: %s is in use by another process; give each its own OURSPACE_DATA_DIR", file)
	}
	if err != nil {
		return nil, fmt.Errorf("s3local: open %s: %w", file, err)
	}
	// Commits reach the OS at once but are not flushed to the disk one by
	// one (the demo seed writes two thousand photos): a crashed process
	// loses nothing, a crashed machine may lose the last writes of a
	// development store. Close flushes.
	db.NoSync = true
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("s3local: listen: %w", err)
	}
	fake := gofakes3.New(s3bolt.New(db), gofakes3.WithLogger(gofakes3.DiscardLog()))
	s := &Server{db: db, addr: ln.Addr().String(), done: make(chan error, 1),
		http: &http.Server{Handler: fake.Server(), ReadHeaderTimeout: 5 * time.Second}}
	go func() { s.done <- s.http.Serve(ln) }()
	return s, nil
}

// Endpoint is the server's base URL, for path-style S3 requests.
func (s *Server) Endpoint() string { return "http://" + s.addr }

// Close stops serving and closes the bolt file.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	if served := <-s.done; !errors.Is(served, http.ErrServerClosed) {
		err = errors.Join(err, fmt.Errorf("s3local: serve: %w", served))
	}
	return errors.Join(err, s.db.Sync(), s.db.Close())
}

package httpapi

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// wholeBodyLimit is the largest JSON body held back to be sent whole; a
// larger one goes out as it is written, chunked.
const wholeBodyLimit = 1 << 20

// wholeBodyPool holds the buffers of wholeBody; those grown past
// wholeBodyKeep go back to the garbage collector instead.
var wholeBodyPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const wholeBodyKeep = 64 << 10

// wholeBody holds a JSON answer back until the handler has returned, then
// sends it with its Content-Length in one write. Written as the encoder
// writes it, a 20 KB search page left net/http's 4 KB buffer five times,
// a system call each, chunked; this way it is one, and the client knows
// the size up front. Other answers (media, empty ones, those with a
// Content-Length already) pass straight through, and so does everything
// after a Flush or past wholeBodyLimit.
type wholeBody struct {
	http.ResponseWriter
	head    bool // a HEAD request: nothing to hold
	code    int  // the status the handler wrote, 0 until then
	decided bool // whether to hold is settled
	held    *bytes.Buffer
}

// decide settles, at the handler's first WriteHeader or Write, whether the
// answer is held: a JSON body of a status that has one.
func (w *wholeBody) decide(code int) {
	w.decided, w.code = true, code
	h := w.Header()
	ct, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	json := ct == "application/json" || strings.HasSuffix(ct, "+json")
	if w.head || !json || h.Get("Content-Length") != "" || code == http.StatusNoContent || code == http.StatusNotModified {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.held = wholeBodyPool.Get().(*bytes.Buffer)
}

// WriteHeader implements http.ResponseWriter.
func (w *wholeBody) WriteHeader(code int) {
	switch {
	case code < http.StatusOK || w.decided && w.held == nil:
		w.ResponseWriter.WriteHeader(code) // informational, or passing through
	case !w.decided:
		w.decide(code)
	}
}

// Write implements http.ResponseWriter.
func (w *wholeBody) Write(b []byte) (int, error) {
	if !w.decided {
		w.decide(http.StatusOK)
	}
	if w.held == nil {
		return w.ResponseWriter.Write(b)
	}
	if w.held.Len()+len(b) > wholeBodyLimit {
		if err := w.release(); err != nil {
			return 0, err
		}
		return w.ResponseWriter.Write(b)
	}
	return w.held.Write(b)
}

// Flush sends what is held and flushes: a handler that flushes wants its
// bytes out now.
func (w *wholeBody) Flush() {
	if !w.decided {
		w.decide(http.StatusOK) // what net/http would send on a flush before any write
	}
	_ = w.release()
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the writer underneath.
func (w *wholeBody) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish sends a held answer whole, with its length. The handler has
// returned: nothing more will be written.
func (w *wholeBody) finish() error {
	if w.held == nil {
		return nil
	}
	w.Header().Set("Content-Length", strconv.Itoa(w.held.Len()))
	return w.release()
}

// release writes the status and what is held, and passes the rest through.
func (w *wholeBody) release() error {
	held := w.held
	if held == nil {
		return nil
	}
	w.held = nil
	w.ResponseWriter.WriteHeader(w.code)
	_, err := w.ResponseWriter.Write(held.Bytes())
	if held.Cap() <= wholeBodyKeep {
		held.Reset()
		wholeBodyPool.Put(held)
	}
	return err
}

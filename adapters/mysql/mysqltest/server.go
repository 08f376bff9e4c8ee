package mysqltest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ourspace/ourspace/adapters/mysql"
)

// ServerOptions say how a private server differs from the default one.
type ServerOptions struct {
	ServerID  int      // default 1
	LogBin    bool     // write a binary log (a replication primary)
	ExtraArgs []string // more mariadbd options, after (and so over) ours
}

// Server is a private MariaDB server of one test, on a port of its own, with
// root and no password over TCP. Its data dir lives under the test's
// TempDir; it is stopped when the test ends.
type Server struct {
	// DSN reaches the server as root without naming a database.
	DSN  string
	Port int
	// Dir holds the data dir, socket, pid file and logs.
	Dir string

	args    []string
	errLog  string // mariadbd's --log-error
	outLog  string // what it wrote before its error log was open
	running *process
}

type process struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed when the process has exited
}

// StartServer initialises a data dir (a copy of a template that
// mariadb-install-db makes once, kept in the user cache dir) and starts
// /usr/sbin/mariadbd on a free loopback port with a socket, pid file and
// options of its own (never the system server's my.cnf), waits until it
// answers and stops it in t.Cleanup. The test fails, with the server's
// error log, when it cannot start.
func StartServer(t testing.TB, o ServerOptions) *Server {
	t.Helper()
	bin := serverBinary(t)
	template := dataTemplate(t, bin)
	s := &Server{Dir: t.TempDir()}
	// A Unix socket path must stay under 108 bytes; TempDir's may not.
	sockDir := s.Dir
	if len(sockDir) > 80 {
		d, err := os.MkdirTemp("", "mariadb")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.RemoveAll(d) })
		sockDir = d
	}
	t.Cleanup(func() { s.stop(t) }) // before the directories go (cleanups run last first)
	data := filepath.Join(s.Dir, "data")
	if err := copyDir(template, data); err != nil {
		t.Fatalf("copy the data dir template %s (delete it to have it made again): %v", template, err)
	}
	s.errLog, s.outLog = filepath.Join(s.Dir, "error.log"), filepath.Join(s.Dir, "stderr.log")
	id := o.ServerID
	if id == 0 {
		id = 1
	}
	base := []string{"--no-defaults", // must come first: never the system server's my.cnf
		"--datadir=" + data, "--bind-address=127.0.0.1",
		"--socket=" + filepath.Join(sockDir, "mysqld.sock"), "--pid-file=" + filepath.Join(s.Dir, "mysqld.pid"),
		"--log-error=" + s.errLog, "--server-id=" + strconv.Itoa(id), "--relay-log=relay-bin",
		// Fast to start, small, and durable only as far as a test needs.
		"--skip-name-resolve", "--performance-schema=OFF", "--innodb-buffer-pool-size=32M",
		"--innodb-log-file-size=8M", "--innodb-flush-log-at-trx-commit=2", "--innodb-doublewrite=0",
		"--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci"}
	if name := rootUser(); name != "" {
		base = append(base, "--user="+name) // mariadbd refuses to run as root otherwise
	}
	if o.LogBin {
		base = append(base, "--log-bin=mysql-bin", "--binlog-format=ROW")
	} else {
		base = append(base, "--skip-log-bin")
	}
	// Another process may take the free port before the server binds it.
	for attempt := 1; ; attempt++ {
		s.Port = freeLoopbackPort(t)
		s.DSN = fmt.Sprintf("root@tcp(127.0.0.1:%d)/", s.Port)
		s.args = append(append(append([]string{}, base...), "--port="+strconv.Itoa(s.Port)), o.ExtraArgs...)
		err := s.start(bin)
		if err == nil {
			return s
		}
		if attempt < 3 && strings.Contains(s.logs(), "Address already in use") {
			continue
		}
		t.Fatalf("start mariadbd: %v\n%s", err, s.logs())
	}
}

// Start starts the stopped server again on its port and data dir, and waits
// until it answers.
func (s *Server) Start(t testing.TB) {
	t.Helper()
	if s.running != nil {
		t.Fatal("mysqltest: Start of a running server")
	}
	if err := s.start(serverBinary(t)); err != nil {
		t.Fatalf("restart mariadbd on port %d: %v\n%s", s.Port, err, s.logs())
	}
}

// Stop shuts the server down (SIGTERM) and waits until it has exited.
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	if s.running == nil {
		t.Fatal("mysqltest: Stop of a stopped server")
	}
	s.stop(t)
}

// Open connects to database name on the server ("" for none) through the
// adapter's settings; the pool is closed when the test ends.
func (s *Server) Open(t testing.TB, name string) *sql.DB {
	t.Helper()
	db, err := mysql.Open(strings.TrimSuffix(s.DSN, "/") + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// ReplicateFrom makes s a replica of primary (which needs LogBin), by GTID
// from the start of primary's binary log, and starts the replica threads.
func (s *Server) ReplicateFrom(t testing.TB, primary *Server) {
	t.Helper()
	db := s.Open(t, "")
	ctx := context.Background()
	change := fmt.Sprintf("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=%d, MASTER_USER='root', MASTER_PASSWORD='', "+
		"MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=slave_pos", primary.Port)
	for _, q := range []string{change, "START SLAVE"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("replica on port %d: %s: %v", s.Port, q, err)
		}
	}
}

// WaitReplicated waits until the replica s has applied everything primary
// has written so far, or fails the test with the replica's status.
func (s *Server) WaitReplicated(t testing.TB, primary *Server, timeout time.Duration) {
	t.Helper()
	ctx := context.Background()
	var pos string
	if err := primary.Open(t, "").QueryRowContext(ctx, "SELECT @@gtid_binlog_pos").Scan(&pos); err != nil {
		t.Fatalf("primary's binlog position: %v", err)
	}
	db := s.Open(t, "")
	var res sql.NullInt64
	if err := db.QueryRowContext(ctx, "SELECT MASTER_GTID_WAIT(?, ?)", pos, timeout.Seconds()).Scan(&res); err != nil {
		t.Fatalf("wait for the replica: %v", err)
	}
	if !res.Valid || res.Int64 != 0 {
		var at string
		_ = db.QueryRowContext(ctx, "SELECT @@gtid_slave_pos").Scan(&at)
		t.Fatalf("the replica did not reach %q in %s (it is at %q): %s", pos, timeout, at, replicaErrors(ctx, db))
	}
}

// replicaErrors reads the replica threads' states and last errors.
func replicaErrors(ctx context.Context, db *sql.DB) string {
	rows, err := db.QueryContext(ctx, "SHOW SLAVE STATUS")
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err.Error()
		}
		return "not a replica"
	}
	vals := make([]sql.RawBytes, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return err.Error()
	}
	var b strings.Builder
	for i, c := range cols {
		switch c {
		case "Slave_IO_Running", "Slave_SQL_Running", "Last_IO_Error", "Last_SQL_Error":
			fmt.Fprintf(&b, "%s=%q ", c, vals[i])
		}
	}
	return b.String()
}

func (s *Server) start(bin string) error {
	out, err := os.OpenFile(s.outLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, s.args...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = dieWithParent()
	if err := cmd.Start(); err != nil {
		_ = out.Close()
		return err
	}
	p := &process{cmd: cmd, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		_ = out.Close()
		close(p.exited)
	}()
	s.running = p
	if err := s.waitReady(p, time.Minute); err != nil {
		s.kill()
		return err
	}
	return nil
}

// waitReady pings until the server answers, it exits, or time runs out.
func (s *Server) waitReady(p *process, within time.Duration) error {
	db, err := sql.Open("mysql", s.DSN+"?timeout=1s")
	if err != nil {
		return err
	}
	defer db.Close()
	deadline := time.Now().Add(within)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err = db.PingContext(ctx)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-p.exited:
			return fmt.Errorf("mariadbd exited (%v)", p.cmd.ProcessState)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("mariadbd did not answer in %s: %w", within, err)
		}
	}
}

// stop ends the running server, if any: SIGTERM, and SIGKILL after a minute.
func (s *Server) stop(t testing.TB) {
	p := s.running
	if p == nil {
		return
	}
	s.running = nil
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
		if !p.cmd.ProcessState.Success() {
			t.Errorf("mariadbd on port %d ended with %v\n%s", s.Port, p.cmd.ProcessState, s.logs())
		}
	case <-time.After(time.Minute):
		_ = p.cmd.Process.Kill()
		<-p.exited
		t.Errorf("mariadbd on port %d ignored SIGTERM for a minute; killed", s.Port)
	}
}

func (s *Server) kill() {
	if p := s.running; p != nil {
		_ = p.cmd.Process.Kill()
		<-p.exited
		s.running = nil
	}
}

// logs is the tail of what the server wrote, for a failure message.
func (s *Server) logs() string {
	var b strings.Builder
	for _, f := range []string{s.outLog, s.errLog} {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if len(data) > 8<<10 {
			data = data[len(data)-8<<10:]
		}
		fmt.Fprintf(&b, "--- %s\n%s\n", f, data)
	}
	return b.String()
}

func serverBinary(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"/usr/sbin/mariadbd", "mariadbd", "/usr/sbin/mysqld"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	t.Fatal("mysqltest: no mariadbd (install the MariaDB server package)")
	return ""
}

// rootUser is the --user mariadbd needs when the test runs as root, else "".
func rootUser() string {
	if os.Geteuid() != 0 {
		return ""
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "root"
}

func freeLoopbackPort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

var (
	templateOnce sync.Once
	templateDir  string
	templateErr  error
)

// dataTemplate is an initialised data dir that servers start from as
// copies: mariadb-install-db takes ~3 s, a copy a few milliseconds. It is
// kept in the user cache dir under the server's version, made once by
// whichever test binary needs it first (an atomic rename settles races).
func dataTemplate(t testing.TB, bin string) string {
	t.Helper()
	templateOnce.Do(func() { templateDir, templateErr = makeTemplate(bin) })
	if templateErr != nil {
		t.Fatalf("initialise a MariaDB data dir: %v", templateErr)
	}
	return templateDir
}

// installArgs are the options the template is initialised with; the sizes
// must match those the servers run with.
var installArgs = []string{"--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
	"--innodb-log-file-size=8M", "--innodb-buffer-pool-size=32M"}

func makeTemplate(bin string) (string, error) {
	version, err := exec.Command(bin, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("%s --version: %w", bin, err)
	}
	sum := sha256.Sum256([]byte(string(version) + strings.Join(installArgs, " ")))
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	parent := filepath.Join(cache, "ourspace", "mariadb-templates")
	final := filepath.Join(parent, hex.EncodeToString(sum[:8]))
	if _, err := os.Stat(filepath.Join(final, "mysql")); err == nil {
		return final, nil
	}
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return "", err
	}
	work, err := os.MkdirTemp(parent, "install-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work) // left over only when another binary won the rename
	install, err := exec.LookPath("mariadb-install-db")
	if err != nil {
		if install, err = exec.LookPath("mysql_install_db"); err != nil {
			return "", errors.New("no mariadb-install-db or mysql_install_db")
		}
	}
	data := filepath.Join(work, "data")
	args := append([]string{"--no-defaults", "--datadir=" + data}, installArgs...)
	if name := rootUser(); name != "" {
		args = append(args, "--user="+name)
	}
	if out, err := exec.Command(install, args...).CombinedOutput(); err != nil {
		return "", fmt.Errorf("%s: %w\n%s", install, err, out)
	}
	if err := os.Rename(data, final); err != nil {
		if _, statErr := os.Stat(filepath.Join(final, "mysql")); statErr == nil {
			return final, nil // another test binary made it first
		}
		return "", err
	}
	return final, nil
}

func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o700)
		}
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, src); err != nil {
			_ = out.Close()
			return err
		}
		return out.Close()
	})
}

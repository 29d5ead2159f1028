package main

// The child role runs FerretDB itself; the supervisor in the front starts,
// watches and replaces it.
//
// FerretDB runs in a separate process, not in the front's, because the
// failure we guard against (its PostgreSQL pool deadlocked by a big update
// bulk, see README.md) cannot be undone from inside: the stuck handler
// goroutines hold pool connections forever and FerretDB's embedding API has
// no way to cancel them. Killing the process is the only reset.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/bson"
)

// runChild serves FerretDB (PostgreSQL handler) on a unix socket until
// SIGTERM/SIGINT.
func runChild(ctx context.Context, log *slog.Logger, socket, pgURL string) error {
	// A socket file left by a killed predecessor would make listen fail.
	if err := os.Remove(socket); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove stale socket: %w", err)
	}
	log.Info("ferretdb child starting", "socket", socket, "pg", redactURL(pgURL), "ferretdb", ferretDBVersion())
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{Unix: socket},
		Logger:        slog.New(quietHandler{log.Handler()}),
		Handler:       "postgresql",
		PostgreSQLURL: pgURL,
	})
	if err != nil {
		return err
	}
	// Run returns when ctx is cancelled, after closing the listener, the
	// connections and the PostgreSQL pool.
	err = f.Run(ctx)
	_ = os.Remove(socket)
	return err
}

// quietHandler drops FerretDB's info lines for every connection opened and
// closed: drivers open many (pools, monitors), and the front's health checks
// one per probe, which would bury everything else in the log.
type quietHandler struct{ slog.Handler }

func (h quietHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level < slog.LevelWarn && (r.Message == "Connection started" || r.Message == "Connection stopped") {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

func (h quietHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return quietHandler{h.Handler.WithAttrs(as)}
}
func (h quietHandler) WithGroup(g string) slog.Handler { return quietHandler{h.Handler.WithGroup(g)} }

// supervisor owns the child process. Every child instance has a generation
// number; upstream connections are tagged with the generation they were
// opened against. Replacing the child bumps the generation, closes every
// upstream connection of the old one, and makes dial wait for the new child.
type supervisor struct {
	log       *slog.Logger
	exe       string
	socket    string
	pgURL     string
	readyWait time.Duration // how long a new child may take to answer

	mu       sync.Mutex
	gen      uint64
	ready    bool          // the child of gen answers
	pid      int           // pid of the current child, 0 if none
	stopping bool          // shutting down: no more children
	notify   chan struct{} // closed and replaced on every state change
	conns    map[*upstream]struct{}

	kick chan uint64 // restart requests, carrying the generation to replace
}

func newSupervisor(log *slog.Logger, exe, socket, pgURL string) *supervisor {
	return &supervisor{
		log:       log,
		exe:       exe,
		socket:    socket,
		pgURL:     pgURL,
		readyWait: 60 * time.Second,
		gen:       1,
		notify:    make(chan struct{}),
		conns:     make(map[*upstream]struct{}),
		kick:      make(chan uint64, 4),
	}
}

// upstream is one connection from the front to the child.
type upstream struct {
	net.Conn
	gen uint64
	sup *supervisor
}

// stale reports whether the child this connection was opened against has
// been (or is being) replaced.
func (u *upstream) stale() bool {
	u.sup.mu.Lock()
	defer u.sup.mu.Unlock()
	return u.gen != u.sup.gen
}

func (u *upstream) Close() error {
	u.sup.mu.Lock()
	delete(u.sup.conns, u)
	u.sup.mu.Unlock()
	return u.Conn.Close()
}

// broadcastLocked wakes everyone waiting for a state change. s.mu held.
func (s *supervisor) broadcastLocked() {
	close(s.notify)
	s.notify = make(chan struct{})
}

// retireLocked moves to the next generation and closes every upstream
// connection of the current one, so that requests in flight fail at once
// and idle client sessions reconnect. s.mu held.
func (s *supervisor) retireLocked() {
	s.gen++
	s.ready = false
	for u := range s.conns {
		_ = u.Conn.Close()
		delete(s.conns, u)
	}
	s.broadcastLocked()
}

// restart asks for the child of generation gen to be replaced (a request
// timed out on it). It is a no-op if that child is already gone, so that
// several timeouts at once cause one restart. The old connections are
// closed before it returns: the caller still holds its database lock, and
// the next request under that lock must not reach the stuck child.
func (s *supervisor) restart(gen uint64, reason string) {
	s.mu.Lock()
	if gen != s.gen || s.stopping {
		s.mu.Unlock()
		return
	}
	pid := s.pid
	s.retireLocked()
	s.mu.Unlock()
	s.log.Warn("restarting the ferretdb child", "reason", reason, "child_pid", pid, "generation", gen)
	s.kick <- gen
}

func (s *supervisor) currentPID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pid
}

// dial opens an upstream connection to the current child, waiting up to
// wait for one to be ready.
func (s *supervisor) dial(ctx context.Context, wait time.Duration) (*upstream, error) {
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.stopping {
			s.mu.Unlock()
			return nil, errors.New("store is shutting down")
		}
		if !s.ready {
			ch := s.notify
			s.mu.Unlock()
			select {
			case <-ch:
				continue
			case <-deadline.C:
				return nil, fmt.Errorf("no ferretdb child ready within %s", wait)
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		gen := s.gen
		s.mu.Unlock()

		c, err := net.DialTimeout("unix", s.socket, 5*time.Second)
		if err != nil {
			return nil, err
		}
		u := &upstream{Conn: c, gen: gen, sup: s}
		s.mu.Lock()
		if gen != s.gen { // replaced while dialling: try the new one
			s.mu.Unlock()
			_ = c.Close()
			continue
		}
		s.conns[u] = struct{}{}
		s.mu.Unlock()
		return u, nil
	}
}

// waitReady blocks until the first child answers (or ctx ends).
func (s *supervisor) waitReady(ctx context.Context) error {
	for {
		s.mu.Lock()
		ready, ch := s.ready, s.notify
		s.mu.Unlock()
		if ready {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// run keeps a child alive until ctx ends, then stops it.
func (s *supervisor) run(ctx context.Context) {
	// The child gets SIGKILL if this OS thread dies (Pdeathsig), so a front
	// killed with -9 does not leave a FerretDB holding PostgreSQL connections.
	// Pdeathsig follows the thread, not the process: pin this goroutine to
	// its thread for its whole life so that Go never retires it early.
	runtime.LockOSThread()

	failures := 0
	for {
		s.mu.Lock()
		gen := s.gen
		s.mu.Unlock()

		cmd, exited, err := s.spawn()
		if err != nil {
			s.log.Error("cannot start the ferretdb child", "error", err.Error())
			failures++
			if !sleepCtx(ctx, backoff(failures)) {
				s.shutdown(nil, nil)
				return
			}
			continue
		}
		started := time.Now()
		pid := cmd.Process.Pid
		s.mu.Lock()
		s.pid = pid
		s.mu.Unlock()
		s.log.Info("ferretdb child started", "child_pid", pid, "generation", gen, "socket", s.socket)

		if err := s.probe(ctx, exited); err != nil {
			if ctx.Err() != nil {
				s.shutdown(cmd, exited)
				return
			}
			s.log.Error("ferretdb child did not become ready", "child_pid", pid, "error", err.Error())
			s.kill(cmd, exited)
			s.mu.Lock()
			if s.gen == gen {
				s.retireLocked()
			}
			s.mu.Unlock()
			failures++
			if !sleepCtx(ctx, backoff(failures)) {
				s.shutdown(nil, nil)
				return
			}
			continue
		}

		s.mu.Lock()
		if s.gen == gen {
			s.ready = true
			s.broadcastLocked()
		}
		s.mu.Unlock()
		s.log.Info("ferretdb child ready", "child_pid", pid, "generation", gen, "startup", time.Since(started).Round(time.Millisecond).String())

	wait:
		select {
		case <-ctx.Done():
			s.shutdown(cmd, exited)
			return

		case g := <-s.kick:
			if g != gen {
				goto wait // a request for a child already replaced
			}
			s.kill(cmd, exited)
			failures = 0 // a hang is not a crash loop: restart at once

		case <-exited:
			s.mu.Lock()
			if s.gen == gen {
				s.retireLocked()
			}
			s.mu.Unlock()
			if time.Since(started) > time.Minute {
				failures = 0
			}
			failures++
			d := backoff(failures)
			s.log.Warn("ferretdb child exited unexpectedly; restarting", "child_pid", pid,
				"status", cmd.ProcessState.String(), "backoff", d.String())
			if !sleepCtx(ctx, d) {
				s.shutdown(nil, nil)
				return
			}
		}
	}
}

// spawn starts `zone-store child`. exited is closed once the process is reaped.
func (s *supervisor) spawn() (*exec.Cmd, chan struct{}, error) {
	cmd := exec.Command(s.exe, "child", "--socket", s.socket, "--pg", s.pgURL)
	cmd.Stdout = os.Stderr // the child's logs go where the front's go
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	return cmd, exited, nil
}

// probe waits until the child answers hello and ping on its socket. ping
// makes FerretDB query PostgreSQL, so "ready" means the whole chain works.
func (s *supervisor) probe(ctx context.Context, exited chan struct{}) error {
	deadline := time.Now().Add(s.readyWait)
	var last error
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("child exited during startup")
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		c, err := net.DialTimeout("unix", s.socket, time.Second)
		if err != nil {
			last = err
			continue
		}
		last = pingConn(c, 5*time.Second)
		_ = c.Close()
		if last == nil {
			return nil
		}
	}
	return fmt.Errorf("no answer within %s: %v", s.readyWait, last)
}

// kill ends a child that we gave up on: SIGKILL, because a stuck FerretDB
// would not finish a graceful shutdown (its handlers wait for the pool).
func (s *supervisor) kill(cmd *exec.Cmd, exited chan struct{}) {
	_ = cmd.Process.Signal(syscall.SIGKILL)
	<-exited
	s.mu.Lock()
	s.pid = 0
	s.mu.Unlock()
}

// shutdown stops for good: close every upstream connection, ask the child to
// stop (SIGTERM), and kill it if it has not gone within 10 s.
func (s *supervisor) shutdown(cmd *exec.Cmd, exited chan struct{}) {
	s.mu.Lock()
	s.stopping = true
	s.retireLocked()
	s.mu.Unlock()
	if cmd != nil {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			s.log.Warn("ferretdb child ignored SIGTERM; killing it", "child_pid", cmd.Process.Pid)
			s.kill(cmd, exited)
		}
		s.log.Info("ferretdb child stopped", "child_pid", cmd.Process.Pid)
	}
	_ = os.Remove(s.socket)
}

// backoff: 0.5 s, 1 s, 2 s … capped at 30 s.
func backoff(failures int) time.Duration {
	d := 500 * time.Millisecond
	for i := 1; i < failures && d < 30*time.Second; i++ {
		d *= 2
	}
	return min(d, 30*time.Second)
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// pingConn sends hello then ping on c and checks both answer ok: 1.
func pingConn(c net.Conn, timeout time.Duration) error {
	_ = c.SetDeadline(time.Now().Add(timeout))
	for _, cmd := range []string{"hello", "ping"} {
		doc, err := bson.Marshal(bson.D{{Key: cmd, Value: int32(1)}, {Key: "$db", Value: "admin"}})
		if err != nil {
			return err
		}
		id := nextRequestID.Add(1)
		if _, err := c.Write(buildMsg(id, 0, 0, doc)); err != nil {
			return err
		}
		reply, err := readMessage(c)
		if err != nil {
			return fmt.Errorf("%s: %w", cmd, err)
		}
		if reply.responseTo() != id {
			return fmt.Errorf("%s: reply to request %d, expected %d", cmd, reply.responseTo(), id)
		}
		body, err := replyBody(reply)
		if err != nil {
			return fmt.Errorf("%s: %w", cmd, err)
		}
		if !okIsOne(body) {
			return fmt.Errorf("%s answered %s", cmd, body.String())
		}
	}
	return nil
}

// okIsOne reports whether a reply's "ok" field is 1 (double, int32 or int64).
func okIsOne(body bson.Raw) bool {
	v, err := body.LookupErr("ok")
	if err != nil {
		return false
	}
	if f, ok := v.DoubleOK(); ok {
		return f == 1
	}
	if i, ok := v.Int32OK(); ok {
		return i == 1
	}
	if i, ok := v.Int64OK(); ok {
		return i == 1
	}
	return false
}

package main

// The front: a lockstep MongoDB-wire proxy in front of the FerretDB child.
//
// Why it exists (measured, see README.md):
//   - FerretDB 1.24 applies an update as read-modify-write without locking,
//     so concurrent writers lose updates; 200 concurrent $inc even hang its
//     PostgreSQL pool. One request at a time per database fixes both.
//   - An `update` command with many statements keeps one pool connection per
//     statement until it ends, and with ~50 it deadlocks the pool for good.
//     We refuse such commands before they reach FerretDB.
//   - A deadlocked FerretDB never recovers; only a new process does. A
//     request without reply within --timeout restarts the child.
//   - FerretDB 1.24 answers requests flagged moreToCome (w:0 writes), which
//     the client never reads; the front swallows those answers so that the
//     client's next request gets its own reply.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"
)

type frontConfig struct {
	listen        string
	socket        string
	pgURL         string
	timeout       time.Duration
	maxUpdateStmt int
}

type front struct {
	cfg frontConfig
	log *slog.Logger
	sup *supervisor

	// Lock order: global (read) → database lock → update lock.
	global    sync.RWMutex // write-locked by requests whose database is unknown
	locksMu   sync.Mutex
	dbLocks   map[string]*sync.Mutex
	updateMux sync.Mutex // one `update` command store-wide, see lockFor

	clientsMu sync.Mutex
	clients   map[net.Conn]struct{}
	wg        sync.WaitGroup
}

func newFront(cfg frontConfig, log *slog.Logger, sup *supervisor) *front {
	return &front{
		cfg:     cfg,
		log:     log,
		sup:     sup,
		dbLocks: make(map[string]*sync.Mutex),
		clients: make(map[net.Conn]struct{}),
	}
}

// lockFor takes the locks a request needs and returns their release.
//
// One request at a time per database makes FerretDB's read-modify-write
// updates safe. A request whose database we cannot tell may touch any, so it
// excludes everything. `update` commands also take a store-wide lock: each
// statement of one pins a pool connection until the command ends, so update
// commands on different databases running together could still add up to
// the pool size (50) even when each is within --max-update-statements.
func (f *front) lockFor(info requestInfo) func() {
	if info.DB == "" {
		f.global.Lock()
		return f.global.Unlock
	}
	f.global.RLock()
	f.locksMu.Lock()
	m, ok := f.dbLocks[info.DB]
	if !ok {
		m = new(sync.Mutex)
		f.dbLocks[info.DB] = m
	}
	f.locksMu.Unlock()
	m.Lock()
	if info.Command == "update" {
		f.updateMux.Lock()
		return func() { f.updateMux.Unlock(); m.Unlock(); f.global.RUnlock() }
	}
	return func() { m.Unlock(); f.global.RUnlock() }
}

// serve accepts clients on ln until ctx ends, then closes every client.
func (f *front) serve(ctx context.Context, ln net.Listener) {
	go func() {
		<-ctx.Done()
		_ = ln.Close()
		f.clientsMu.Lock()
		for c := range f.clients {
			_ = c.Close()
		}
		f.clientsMu.Unlock()
	}()
	for {
		c, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			f.log.Warn("accept failed", "error", err.Error())
			time.Sleep(50 * time.Millisecond)
			continue
		}
		f.clientsMu.Lock()
		f.clients[c] = struct{}{}
		f.clientsMu.Unlock()
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			f.serveClient(ctx, c)
			f.clientsMu.Lock()
			delete(f.clients, c)
			f.clientsMu.Unlock()
			_ = c.Close()
		}()
	}
	f.wg.Wait()
}

// serveClient proxies one client connection over its own upstream
// connection, one request and one reply at a time.
func (f *front) serveClient(ctx context.Context, c net.Conn) {
	var up *upstream
	defer func() {
		if up != nil {
			_ = up.Close()
		}
	}()
	// A client that authenticated has state in FerretDB's connection; after
	// a child restart a fresh upstream would silently lack it, so such a
	// client is disconnected instead of reconnected behind its back.
	authenticated := false

	for {
		req, err := readMessage(c) // no deadline: idle clients are normal
		if err != nil {
			var bad *badMessageError
			if errors.As(err, &bad) {
				f.log.Warn("bad message from client; closing", "client", c.RemoteAddr().String(), "error", err.Error())
			}
			return
		}
		info, perr := inspect(req)
		if perr != nil {
			// Forwarded anyway (FerretDB answers with the real error), but
			// under the global lock since we do not know what it touches.
			info = requestInfo{MoreToCome: req.moreToCome()}
		}

		if info.Command == "update" && info.UpdateStatements > f.cfg.maxUpdateStmt {
			msg := fmt.Sprintf("update command with %d statements refused: the local FerretDB store deadlocks on update bulks over %d statements; chunk bulk writes to at most %d updates",
				info.UpdateStatements, f.cfg.maxUpdateStmt, f.cfg.maxUpdateStmt)
			f.log.Warn("update command refused", "db", info.DB, "statements", info.UpdateStatements, "client", c.RemoteAddr().String())
			if info.MoreToCome {
				continue // the client asked for no reply; dropping is all we can do
			}
			if err := f.writeClient(c, errorReply(req, 2, "BadValue", msg)); err != nil {
				return
			}
			continue
		}
		clearExhaust(req)

		unlock := f.lockFor(info)
		keep := f.roundTrip(ctx, c, &up, req, info, authenticated)
		unlock()
		if !keep {
			return
		}
		switch info.Command {
		case "saslStart", "saslContinue", "authenticate":
			authenticated = true
		}
	}
}

// roundTrip sends req upstream and forwards its reply; the caller holds the
// locks. It returns false when the client connection must be closed.
func (f *front) roundTrip(ctx context.Context, c net.Conn, up **upstream, req *message, info requestInfo, authenticated bool) bool {
	// (Re)connect: first request, or the child was replaced since.
	if *up != nil && (*up).stale() {
		_ = (*up).Close()
		*up = nil
		if authenticated {
			return false
		}
	}
	if *up == nil {
		u, err := f.sup.dial(ctx, max(f.cfg.timeout, 30*time.Second))
		if err != nil {
			f.log.Warn("no upstream for client", "client", c.RemoteAddr().String(), "error", err.Error())
			if !info.MoreToCome {
				_ = f.writeClient(c, errorReply(req, 6, "HostUnreachable", "local store unavailable: "+err.Error()))
			}
			return false
		}
		*up = u
	}
	u := *up

	start := time.Now()
	_ = u.SetDeadline(start.Add(f.cfg.timeout))
	if _, err := u.Write(req.raw); err != nil {
		if f.timedOut(err) {
			f.guard(c, u, req, info, start)
		}
		// The child went away (restart or crash) under this request: its
		// outcome is unknown, which a network error says best.
		return false
	}

	for first := true; ; first = false {
		reply, err := readMessage(u)
		if err != nil {
			if f.timedOut(err) {
				return f.guard(c, u, req, info, start) && !authenticated
			}
			msg := "upstream connection lost; closing the client"
			if u.stale() {
				msg = "request in flight when the ferretdb child was replaced; closing the client"
			}
			f.log.Warn(msg, "client", c.RemoteAddr().String(), "db", info.DB, "command", info.Command,
				"duration", time.Since(start).Round(time.Millisecond).String(), "error", err.Error())
			return false
		}
		if first && reply.responseTo() != req.requestID() {
			// Lockstep lost: forwarding would hand the client someone
			// else's answer. Drop both connections.
			f.log.Error("upstream reply does not match the request; closing the client", "db", info.DB, "command", info.Command,
				"request_id", req.requestID(), "response_to", reply.responseTo(), "client", c.RemoteAddr().String())
			return false
		}
		if info.MoreToCome {
			// The client sent an unacknowledged request (w:0) and will not
			// read a reply. FerretDB 1.24 ignores the flag and answers
			// anyway (measured); passing that answer on would make the
			// client take it for the reply to its next request. Swallow it.
			return true
		}
		if err := f.writeClient(c, reply.raw); err != nil {
			return false
		}
		// Replies flagged moreToCome are followed by more replies (exhaust
		// streaming). We clear exhaustAllowed, so this should not happen,
		// but if it does the stream is forwarded under the same locks.
		if !reply.moreToCome() {
			return true
		}
		_ = u.SetDeadline(time.Now().Add(f.cfg.timeout))
	}
}

// guard handles a request that got no reply in time: log it, answer the
// client with an error, and replace the child. Returns whether the client
// connection may stay open (its next request reconnects to the new child).
func (f *front) guard(c net.Conn, u *upstream, req *message, info requestInfo, start time.Time) bool {
	f.log.Error("store request timed out",
		"db", info.DB,
		"command", info.Command,
		"duration", time.Since(start).Round(time.Millisecond).String(),
		"client", c.RemoteAddr().String(),
		"child_pid", f.sup.currentPID(),
	)
	// Restart before the caller releases its locks, so the next request
	// under them goes to the new child, not the stuck one.
	f.sup.restart(u.gen, fmt.Sprintf("%s on %q got no reply within %s", info.Command, info.DB, f.cfg.timeout))
	if info.MoreToCome {
		return true // the client expects no answer
	}
	cmd := info.Command
	if cmd == "" {
		cmd = "unknown"
	}
	msg := fmt.Sprintf("store request timed out after %s (command %s); the store is being restarted", f.cfg.timeout, cmd)
	return f.writeClient(c, errorReply(req, 50, "MaxTimeMSExpired", msg)) == nil
}

// writeClient writes with a deadline so that a client that stops reading
// cannot hold a database lock forever.
func (f *front) writeClient(c net.Conn, b []byte) error {
	_ = c.SetWriteDeadline(time.Now().Add(f.cfg.timeout))
	_, err := c.Write(b)
	return err
}

func (f *front) timedOut(err error) bool {
	return errors.Is(err, os.ErrDeadlineExceeded)
}

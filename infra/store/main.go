// zone-store is the local MongoDB-wire document store used in development and
// CI: FerretDB 1.24 on PostgreSQL, behind a small front that makes it safe for
// concurrent use. See README.md for why the front exists.
//
//	zone-store serve  [--listen ADDR] [--pg URL] [--timeout D] [--max-update-statements N]
//	zone-store child  --socket PATH --pg URL      (started by serve)
//	zone-store ping   [--addr ADDR] [--timeout D] (hello + ping round trip)
//	zone-store version
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	args := os.Args[1:]
	role := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		role, args = args[0], args[1:]
	}
	var err error
	switch role {
	case "serve":
		err = cmdServe(args)
	case "child":
		err = cmdChild(args)
	case "ping":
		err = cmdPing(args)
	case "version":
		fmt.Println("FerretDB " + ferretDBVersion())
	default:
		err = fmt.Errorf("unknown command %q (serve, child, ping, version)", role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "zone-store:", err)
		os.Exit(1)
	}
}

// newLogger writes JSON lines (time, level, msg, …) to stderr: the front's
// and the child's lines end up interleaved in one log file and stay greppable.
func newLogger(role string) *slog.Logger {
	h := slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})
	return slog.New(h).With("role", role)
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	if v := os.Getenv(name); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
		fmt.Fprintf(os.Stderr, "zone-store: ignoring %s=%q: not a duration\n", name, v)
	}
	return def
}

func envInt(name string, def int) int {
	if v := os.Getenv(name); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
		fmt.Fprintf(os.Stderr, "zone-store: ignoring %s=%q: not an integer\n", name, v)
	}
	return def
}

const defaultPG = "postgres://postgres@127.0.0.1:54329/ferretdb?pool_max_conns=50"

func cmdServe(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var cfg frontConfig
	fs.StringVar(&cfg.listen, "listen", env("STORE_LISTEN", "127.0.0.1:27017"), "address for MongoDB clients (env STORE_LISTEN)")
	fs.StringVar(&cfg.pgURL, "pg", env("STORE_PG_URL", defaultPG), "PostgreSQL URL for FerretDB (env STORE_PG_URL)")
	fs.DurationVar(&cfg.timeout, "timeout", envDuration("STORE_TIMEOUT", 15*time.Second), "a request without reply for this long restarts FerretDB (env STORE_TIMEOUT)")
	fs.IntVar(&cfg.maxUpdateStmt, "max-update-statements", envInt("STORE_MAX_UPDATE_STATEMENTS", 10), "refuse update commands with more statements (env STORE_MAX_UPDATE_STATEMENTS)")
	readyFile := fs.String("ready-file", env("STORE_READY_FILE", ""), "write our pid here once clients are accepted; removed on exit (env STORE_READY_FILE)")
	fs.StringVar(&cfg.socket, "socket", env("STORE_SOCKET", ""), "unix socket between front and FerretDB child (default: in the temp dir, named after the front's pid)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.timeout <= 0 || cfg.maxUpdateStmt < 1 {
		return fmt.Errorf("--timeout must be > 0 and --max-update-statements >= 1")
	}
	if cfg.socket == "" {
		// Named after our pid: a second front started by mistake must not
		// replace the socket file of the first one's child.
		cfg.socket = filepath.Join(os.TempDir(), fmt.Sprintf("zone-store-%d.sock", os.Getpid()))
	}
	log := newLogger("front")
	exe, err := os.Executable()
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	signal.Ignore(syscall.SIGHUP) // started with setsid/nohup; a closed terminal is not a stop

	// Bind first, accept later: a busy port fails here, before a child is
	// started; clients that connect while FerretDB starts wait in the backlog.
	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		return err
	}

	sup := newSupervisor(log, exe, cfg.socket, cfg.pgURL)
	supDone := make(chan struct{})
	go func() {
		sup.run(ctx)
		close(supDone)
	}()
	if err := sup.waitReady(ctx); err != nil {
		_ = ln.Close()
		<-supDone
		log.Info("stopped before the store was ready")
		return nil
	}

	log.Info("store listening",
		"listen", ln.Addr().String(),
		"child_pid", sup.currentPID(),
		"pg", redactURL(cfg.pgURL),
		"socket", cfg.socket,
		"timeout", cfg.timeout.String(),
		"max_update_statements", cfg.maxUpdateStmt,
		"ferretdb", ferretDBVersion(),
	)
	// The ready file tells store.sh that the store answering on the port is
	// this process (it holds the port), not some other one already there.
	if *readyFile != "" {
		tmp := *readyFile + ".tmp"
		if err := os.WriteFile(tmp, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err == nil {
			_ = os.Rename(tmp, *readyFile)
		}
		defer os.Remove(*readyFile)
	}
	f := newFront(cfg, log, sup)
	f.serve(ctx, ln) // returns once ctx is done and all clients are closed
	<-supDone
	log.Info("store stopped")
	return nil
}

func cmdChild(args []string) error {
	fs := flag.NewFlagSet("child", flag.ContinueOnError)
	socket := fs.String("socket", "", "unix socket to listen on")
	pgURL := fs.String("pg", env("STORE_PG_URL", defaultPG), "PostgreSQL URL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *socket == "" {
		return fmt.Errorf("child needs --socket")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	signal.Ignore(syscall.SIGHUP)
	return runChild(ctx, newLogger("child"), *socket, *pgURL)
}

func cmdPing(args []string) error {
	fs := flag.NewFlagSet("ping", flag.ContinueOnError)
	addr := fs.String("addr", env("STORE_LISTEN", "127.0.0.1:27017"), "store address")
	timeout := fs.Duration("timeout", 5*time.Second, "give up after")
	quiet := fs.Bool("q", false, "print nothing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := net.DialTimeout("tcp", *addr, *timeout)
	if err != nil {
		return err
	}
	defer c.Close()
	start := time.Now()
	if err := pingConn(c, *timeout); err != nil {
		return err
	}
	if !*quiet {
		fmt.Printf("ok: hello + ping on %s in %s\n", *addr, time.Since(start).Round(time.Microsecond))
	}
	return nil
}

// redactURL drops the password from a PostgreSQL URL for logging.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable URL)"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	return u.String()
}

// ferretDBVersion reads the embedded FerretDB module version from the build
// info: embedded FerretDB reports its own version as "unknown".
func ferretDBVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/FerretDB/FerretDB" {
				return strings.TrimPrefix(d.Version, "v")
			}
		}
	}
	return "unknown"
}

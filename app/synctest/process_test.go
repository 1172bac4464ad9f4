package synctest_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/servertest"
)

// Real processes: the involve-server binary (built once per test run) started,
// administered through its command line, and killed with SIGKILL.

var (
	buildOnce sync.Once
	buildDir  string
	buildBin  string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// goTool finds the go command (PATH, then GOROOT).
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// moduleRoot is the repository's root: two levels above this file.
func moduleRoot() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "..")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// serverBinary builds cmd/involve-server once per test binary run (a few seconds from
// the build cache) and returns its path.
func serverBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "synctest-bin-")
		if buildErr != nil {
			return
		}
		buildBin = filepath.Join(buildDir, "involve-server")
		cmd := exec.Command(goTool(), "build", "-tags", "sqlite_fts5", "-o", buildBin, "./cmd/involve-server")
		cmd.Dir = moduleRoot()
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build ./cmd/involve-server: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildBin
}

// serverStorage is where a server process keeps its data: --data-dir DIR (SQLite) or
// --db URL (PostgreSQL), then --key-file with the master key file, in a temporary
// folder of its own (outside the data folder, as docs/server.md asks; a PostgreSQL
// server has no default place for it).
func serverStorage(t *testing.T, kind string) []string {
	t.Helper()
	keyFile := []string{"--key-file", filepath.Join(t.TempDir(), "involve-server.key")}
	if kind == "postgres" {
		return append([]string{"--db", servertest.FreshSchemaURL(t)}, keyFile...)
	}
	return append([]string{"--data-dir", t.TempDir()}, keyFile...)
}

// serverBin is the involve-server binary with the storage its commands use, and the
// team "South London" added from its command line.
type serverBin struct {
	t       *testing.T
	path    string
	storage []string
	teamID  string
}

// newServerBin builds the binary, makes storage of a kind and adds the team.
func newServerBin(t *testing.T, kind string) *serverBin {
	t.Helper()
	b := &serverBin{t: t, path: serverBinary(t), storage: serverStorage(t, kind)}
	b.teamID, _, _ = strings.Cut(strings.TrimSpace(b.admin("team", "add", "South London")), "\t")
	return b
}

// admin runs an administration command over the binary's storage.
func (b *serverBin) admin(args ...string) string {
	b.t.Helper()
	return admin(b.t, b.path, b.storage, args...)
}

// code makes an enrolment code for the team; flags (--expires 1s) come before --qr.
func (b *serverBin) code(flags ...string) string {
	b.t.Helper()
	args := append([]string{"enrol", "--team", b.teamID, "--role", "staff"}, flags...)
	return lastLine(b.admin(append(args, "--qr", b.t.TempDir()+"/qr.png")...))
}

// start starts `involve-server serve` over the binary's storage.
func (b *serverBin) start() *serverProc {
	b.t.Helper()
	return startServer(b.t, b.path, b.storage)
}

// admin runs an administration command of the server binary and returns its stdout.
func admin(t testing.TB, bin string, storage []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append(args, storage...)...)
	cmd.Env = cleanEnv()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("involve-server %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// cleanEnv is the environment without INVOLVE_SERVER_* settings of whoever runs the
// tests.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "INVOLVE_SERVER_") {
			env = append(env, kv)
		}
	}
	return env
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// serverProc is a running involve-server.
type serverProc struct {
	t      testing.TB
	cmd    *exec.Cmd
	url    string
	exited chan struct{}
	mu     sync.Mutex
	log    []string // its stderr, last lines
}

var listenRe = regexp.MustCompile(`msg="involve-server listening" url=(\S+)`)

// startServer starts `involve-server serve` on a free loopback port over storage and
// waits until it listens.
func startServer(t testing.TB, bin string, storage []string) *serverProc {
	t.Helper()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--rate", "0", "--log-level", "info"}, storage...)
	cmd := exec.Command(bin, args...)
	cmd.Env = cleanEnv()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProc{t: t, cmd: cmd, exited: make(chan struct{})}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if m := listenRe.FindStringSubmatch(line); m != nil {
				select {
				case urls <- m[1]:
				default:
				}
			}
			p.mu.Lock()
			p.log = append(p.log, line)
			if len(p.log) > 200 {
				p.log = p.log[len(p.log)-200:]
			}
			p.mu.Unlock()
		}
		io.Copy(io.Discard, stderr)
	}()
	go func() {
		cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() { p.kill() })
	select {
	case p.url = <-urls:
	case <-p.exited:
		t.Fatalf("involve-server exited before listening:\n%s", p.lastLog(20))
	case <-time.After(30 * time.Second):
		p.kill()
		t.Fatalf("involve-server did not listen within 30 s:\n%s", p.lastLog(20))
	}
	return p
}

func (p *serverProc) lastLog(n int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.log
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return strings.Join(l, "\n")
}

// kill sends SIGKILL and waits for the process to end.
func (p *serverProc) kill() {
	select {
	case <-p.exited:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	select {
	case <-p.exited:
	case <-time.After(10 * time.Second):
		p.t.Errorf("involve-server did not die within 10 s of SIGKILL")
	}
}

// child runs this test binary again as a child process running one test (a laptop
// that is killed); env says what it does.
func child(ctx context.Context, test string, env ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+test+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// A real sync server and a second "laptop" on the command line, for the sync test
// (tests/1-sync.test.mjs).
//
// Binaries: E2E_SERVER_BIN (involve-server) and E2E_CLI_BIN (the involve binary, whose
// subcommands connect/sync/status/export/import run without a display). scripts/e2e.sh
// builds both into build/bin/ and sets them; run by hand without them, they are built
// here with `go build -tags sqlite_fts5` (seconds when Go's cache is warm).
//
// The server runs in its own process group; its pid is appended to E2E_SYNC_PIDS (when
// set) so that scripts/e2e.sh stops it even if this process is killed.
import { spawn, execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// A loaded 2-core machine: give every command plenty of time.
const CMD_TIMEOUT = Number(process.env.E2E_CMD_TIMEOUT_MS || 60000);

function withGoPath(env = process.env) {
  const path = env.PATH || '';
  return { ...env, PATH: path.split(':').includes('/usr/local/go/bin') ? path : `/usr/local/go/bin:${path}` };
}

/** Runs a command; resolves { stdout, stderr }; rejects with both in the message on failure. */
export function run(file, args, { cwd = ROOT, timeout = CMD_TIMEOUT, env } = {}) {
  return new Promise((res, rej) => {
    execFile(file, args, { cwd, timeout, env: env || process.env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const what = `${file} ${args.join(' ')}`;
        rej(new Error(`${what} failed (${err.killed ? `killed after ${timeout} ms` : `exit ${err.code}`})\nstdout: ${stdout}\nstderr: ${stderr}`));
        return;
      }
      res({ stdout, stderr });
    });
  });
}

/** Paths of involve-server and the command-line app, building them if not given. */
export async function binaries() {
  let server = process.env.E2E_SERVER_BIN;
  let cli = process.env.E2E_CLI_BIN;
  const opts = { env: withGoPath(), timeout: 600000 };
  if (!server || !existsSync(server)) {
    server = join(ROOT, 'build', 'bin', 'involve-server');
    await run('go', ['build', '-tags', 'sqlite_fts5', '-o', server, './cmd/involve-server'], opts);
  }
  if (!cli || !existsSync(cli)) {
    cli = join(ROOT, 'build', 'bin', 'involve-cli');
    await run('go', ['build', '-tags', 'sqlite_fts5', '-o', cli, '.'], opts);
  }
  return { server, cli };
}

/**
 * Starts `involve-server serve` on 127.0.0.1 (a port the kernel picks) with a new data
 * folder, waits for /healthz. Returns { url, dir, admin(...args), enrol(team), stop() }.
 */
export async function startServer(serverBin, { startTimeout = 60000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'involve-e2e-server-'));
  const child = spawn(serverBin, ['serve', '--addr', '127.0.0.1:0', '--data-dir', dir, '--log-level', 'info'], {
    cwd: dir,
    detached: true, // own process group: scripts/e2e.sh can stop it by its pid
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (process.env.E2E_SYNC_PIDS) appendFileSync(process.env.E2E_SYNC_PIDS, `${child.pid}\n`);
  let log = '';
  let exited = null;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s) => {
    log += s;
    if (log.length > 1 << 20) log = log.slice(-(1 << 19));
  });
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const killNow = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  process.once('exit', killNow);

  // The listening line carries the real address: url=http://127.0.0.1:PORT
  const end = Date.now() + startTimeout;
  let url = '';
  while (Date.now() < end) {
    if (exited) throw new Error(`involve-server exited (${JSON.stringify(exited)}) before it listened:\n${log}`);
    const m = /msg="involve-server listening" url=(\S+)/.exec(log);
    if (m) {
      url = m[1];
      try {
        const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
        if (r.ok) break;
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!url) {
    killNow();
    throw new Error(`involve-server did not listen within ${startTimeout} ms:\n${log}`);
  }

  const admin = async (...args) => (await run(serverBin, [...args, '--data-dir', dir])).stdout;
  return {
    url,
    dir,
    log: () => log,
    admin,
    /** A one-time enrolment code for a laptop of team, of a role (capture, staff or
     *  lead; staff by default), the last line of `enrol`'s output. */
    async enrol(team, role = 'staff') {
      const out = (await admin('enrol', '--team', team, '--role', role)).trim().split('\n');
      const code = out[out.length - 1].trim();
      if (!/^[A-Z0-9]{4}(-[A-Z0-9]{4})+$/.test(code)) throw new Error(`no enrolment code on the last line of:\n${out.join('\n')}`);
      return code;
    },
    /** SIGTERM (graceful shutdown), then SIGKILL after graceMs; removes the data folder. */
    async stop(graceMs = 10000) {
      process.removeListener('exit', killNow);
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
        const t = setTimeout(killNow, graceMs);
        await gone;
        clearTimeout(t);
      }
      const pids = process.env.E2E_SYNC_PIDS;
      if (pids && existsSync(pids)) {
        // stopped: scripts/e2e.sh must not signal this pid later (it may be reused)
        const rest = readFileSync(pids, 'utf8').split('\n').filter((l) => l.trim() && l.trim() !== String(child.pid));
        writeFileSync(pids, rest.map((l) => `${l}\n`).join(''));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A second laptop on the command line: its own data folder, and the app's subcommands.
 * cli.run('sync') → stdout; cli.status() → { pending, conflicts, rejected, … } as numbers
 * where they are numbers; cli.exportLines() → the raw JSON Lines of `export`.
 */
export function cliDevice(cliBin) {
  const dir = mkdtempSync(join(tmpdir(), 'involve-e2e-cli-'));
  const env = { ...process.env, INVOLVE_DATA_DIR: dir };
  const runCmd = async (cmd, ...args) => (await run(cliBin, [cmd, '--data-dir', dir, ...args], { env })).stdout;
  return {
    dir,
    run: runCmd,
    async status() {
      const out = await runCmd('status');
      const st = {};
      for (const line of out.split('\n')) {
        const m = /^([a-z ]+):\s*(.*)$/.exec(line.trim());
        if (m) st[m[1].trim()] = /^\d+$/.test(m[2]) ? Number(m[2]) : m[2];
      }
      return st;
    },
    async exportLines() {
      return (await runCmd('export', '--format', 'jsonl')).split('\n').filter((l) => l.trim() !== '');
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

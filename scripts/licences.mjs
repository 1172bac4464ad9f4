#!/usr/bin/env node
// Lists the open-source components built into Involve and their licences, as JSON on
// stdout (the Makefile writes it to frontend/dist/third-party-licences.json, which the
// app embeds and the About screen shows).
//
//  - Go: the modules of the packages linked into the desktop app (Linux and Windows
//    builds) and the server (`go list -deps`), with the licence recognised from the
//    LICENSE/COPYING file in Go's module cache; plus Go's own standard library.
//  - npm: the production packages of frontend/ (package-lock.json entries that are not
//    dev-only; @types/* are left out: they are not shipped), with their declared licence.
//
// The output has no dates and is sorted: the same sources give the same file.
//   node scripts/licences.mjs [--check]   (--check: exit 1 if a licence is not recognised)
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function goList(env, tags, pkgs) {
  const out = execFileSync(
    'go',
    ['list', '-deps', '-tags', tags, '-f',
      '{{with .Module}}{{if not .Main}}{{.Path}}\t{{.Version}}\t{{if .Replace}}{{.Replace.Dir}}{{else}}{{.Dir}}{{end}}{{end}}{{end}}',
      ...pkgs],
    { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return out.split('\n').filter(Boolean).map((l) => {
    const [path, version, dir] = l.split('\t');
    return { path, version, dir };
  });
}

// The licence a LICENSE text is, by the phrases each one has. Order matters (BSD-3 before 2).
function classify(text) {
  const t = text.replace(/\s+/g, ' ');
  if (/Apache License,? Version 2\.0/i.test(t) || /Apache License\s*Version 2\.0/i.test(t)) return 'Apache-2.0';
  if (/Mozilla Public License,? (version|v\.?) ?2\.0/i.test(t)) return 'MPL-2.0';
  if (/Permission is hereby granted, free of charge/i.test(t)) return 'MIT';
  if (/Permission to use, copy, modify, and\/or distribute this software for any purpose/i.test(t)) return 'ISC';
  if (/Redistribution and use in source and binary forms/i.test(t)) {
    return /Neither the name|names of (its|the) contributors may be used/i.test(t) ? 'BSD-3-Clause' : 'BSD-2-Clause';
  }
  if (/This is free and unencumbered software released into the public domain/i.test(t)) return 'Unlicense';
  return null;
}

function licenceOf(dir) {
  if (!dir || !existsSync(dir)) return { licence: 'UNKNOWN (module not downloaded)' };
  const files = readdirSync(dir).filter((f) => /^(LICEN[CS]E|COPYING)([.-].*)?$/i.test(f)).sort();
  for (const f of files) {
    const l = classify(readFileSync(join(dir, f), 'utf8'));
    if (l) return { licence: l, file: f };
  }
  return { licence: files.length ? `see ${files[0]}` : 'UNKNOWN (no licence file)' };
}

function sqliteVersion(dir) {
  try {
    const m = /#define SQLITE_VERSION\s+"([^"]+)"/.exec(readFileSync(join(dir, 'sqlite3-binding.h'), 'utf8'));
    return m ? m[1] : '';
  } catch {
    return '';
  }
}

const seen = new Map();
const builds = [
  [{ GOOS: 'linux', GOARCH: 'amd64' }, 'desktop,production,webkit2_41,sqlite_fts5', ['.']],
  [{ GOOS: 'windows', GOARCH: 'amd64', CGO_ENABLED: '1' }, 'desktop,production,sqlite_fts5', ['.']],
  [{ GOOS: 'linux', GOARCH: 'amd64' }, 'sqlite_fts5', ['./cmd/involve-server']],
];
for (const [env, tags, pkgs] of builds) {
  for (const m of goList(env, tags, pkgs)) if (!seen.has(m.path)) seen.set(m.path, m);
}
const goVersion = execFileSync('go', ['env', 'GOVERSION'], { cwd: root, encoding: 'utf8' }).trim();
const go = [
  { name: 'Go standard library', version: goVersion, licence: 'BSD-3-Clause', url: 'https://go.dev/LICENSE' },
];
for (const m of [...seen.values()].sort((a, b) => a.path.localeCompare(b.path))) {
  const { licence } = licenceOf(m.dir);
  go.push({ name: m.path, version: m.version, licence, url: `https://pkg.go.dev/${m.path}@${m.version}?tab=licenses` });
  if (m.path === 'github.com/mattn/go-sqlite3') {
    // go-sqlite3 compiles SQLite's own C source (the amalgamation) into the app.
    go.push({ name: 'SQLite (built into go-sqlite3)', version: sqliteVersion(m.dir), licence: 'Public domain', url: 'https://sqlite.org/copyright.html' });
  }
  if (m.path === 'codeberg.org/go-pdf/fpdf') {
    // app/publish embeds DejaVu Sans for the poster (app/publish/fonts/LICENSE).
    go.push({ name: 'DejaVu Sans font (embedded in the poster PDF)', version: '2.37', licence: 'Bitstream-Vera', url: 'https://dejavu-fonts.github.io/License.html' });
  }
}

const lock = JSON.parse(readFileSync(join(root, 'frontend', 'package-lock.json'), 'utf8'));
const npmMap = new Map();
for (const [key, p] of Object.entries(lock.packages ?? {})) {
  if (!key || p.dev || p.devOptional || p.link) continue;
  const name = p.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
  if (name.startsWith('@types/')) continue;
  const id = `${name}@${p.version}`;
  if (!npmMap.has(id)) {
    npmMap.set(id, { name, version: p.version, licence: p.license ?? 'UNKNOWN', url: `https://www.npmjs.com/package/${name}/v/${p.version}` });
  }
}
const npm = [...npmMap.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));

const result = {
  about: 'Open-source components built into Involve, with their licences. Made by scripts/licences.mjs.',
  go,
  npm,
};
process.stdout.write(JSON.stringify(result, null, 1) + '\n');

if (process.argv.includes('--check')) {
  const unknown = [...go, ...npm].filter((c) => /^(UNKNOWN|see )/.test(c.licence));
  if (unknown.length) {
    for (const c of unknown) process.stderr.write(`licences: not recognised: ${c.name} ${c.version}: ${c.licence}\n`);
    process.exit(1);
  }
}

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Prints rows as an aligned table: the first column left-aligned, the figures right-aligned. */
export function printTable(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const fmt = (r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The built emulator's startEmulator; exits with a message when dist/ is missing. */
export async function loadStartEmulator() {
  const emulator = join(ROOT, 'dist/emulator/index.js');
  if (!existsSync(emulator) || !existsSync(join(ROOT, 'dist/provider/main.js'))) {
    console.error('dist/ is missing: run npm run build first');
    process.exit(1);
  }
  return (await import(pathToFileURL(emulator).href)).startEmulator;
}

/** Writes `<dir>/cli.tfrc`, a CLI configuration that points Terraform at bin/ (dev_overrides), and returns its path. */
export function writeDevOverrides(dir) {
  const file = join(dir, 'cli.tfrc');
  writeFileSync(file, `provider_installation {\n  dev_overrides {\n    "registry.terraform.io/kestra-iam/kestra" = ${JSON.stringify(join(ROOT, 'bin'))}\n  }\n  direct {}\n}\n`);
  return file;
}

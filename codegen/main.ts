// `npm run codegen`: schemas/ → generated/. `npm run codegen:check`: fail when generated/ is stale.
//
// For every schema document it writes generated/<name>/:
//   types.ts       TypeScript types (openapi-typescript)
//   schemas.ts     the structural JSON Schema of every component (runtime copy, annotations
//                  stripped): `jsonSchemas` (all) and `jsonSchemasFor<Name>` (what <Name> reaches)
//   validators.ts  ahead-of-time compiled TypeBox checks (TypeCompiler.Code) — Workers forbid eval
//   index.ts       typed entry point: one named export per check, `<Name>(value): value is
//                  Schemas['<Name>']`, so a bundle keeps only the checks it imports; and
//                  `validators`, every check in one object, for tests
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSchemaSources, type SchemaSource } from './load-schema-sources.ts';
import { renderGenerated } from './render-generated.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function listGenerated(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listGenerated(path)));
    else out.push(path);
  }
  return out;
}

async function main(): Promise<void> {
  const sources: SchemaSource[] = await loadSchemaSources(join(root, 'schemas'));
  const files = new Map<string, string>();
  for (const source of sources) {
    for (const [file, text] of await renderGenerated(source)) files.set(join(root, 'generated', source.name, file), text);
  }
  const stale: string[] = [];
  for (const [path, text] of files) {
    if ((await readIfExists(path)) === text) continue;
    stale.push(path);
    if (!check) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    }
  }
  const orphans = (await listGenerated(join(root, 'generated'))).filter((path) => !files.has(path));
  const rel = (path: string) => path.slice(root.length + 1);
  if (check) {
    if (stale.length + orphans.length === 0) {
      console.log(`codegen:check: generated/ is up to date (${files.size} files from ${sources.length} schemas)`);
      return;
    }
    console.error('codegen:check: generated/ is stale; run `npm run codegen` and commit the result.');
    for (const path of stale) console.error(`  differs: ${rel(path)}`);
    for (const path of orphans) console.error(`  not produced by any schema: ${rel(path)}`);
    process.exitCode = 1;
    return;
  }
  for (const path of orphans) console.warn(`codegen: ${rel(path)} is not produced by any schema; delete it`);
  console.log(`codegen: ${stale.length} of ${files.size} files written from ${sources.length} schemas`);
}

await main();

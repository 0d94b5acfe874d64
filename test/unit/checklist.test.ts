/**
 * Keeps CONTRIBUTING.md's checklist true: every resource, data source and ephemeral resource the provider
 * registers has an example, a generated doc page, an acceptance test, a cdktn binding and (where CDKTF has the
 * concept) a CDKTF binding; a resource has an import example exactly when it can be imported.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../provider/bridge/logging.js';
import { kestraProvider } from '../../provider/kestra-provider.js';
import { REPO_ROOT } from '../support/paths.js';

type Kind = 'resource' | 'data source' | 'ephemeral resource';

/** The binding's folder under <flavour>/kestra/src/ for a type's short name (dashes for underscores). */
type BindingFolder = (short: string) => string;

const LAYOUT: Record<Kind, { keyword: string; dir: string; example: string; cdktf: BindingFolder | undefined; cdktn: BindingFolder }> = {
  resource: { keyword: 'resource', dir: 'resources', example: 'resource.tf', cdktf: (short) => short, cdktn: (short) => short },
  'data source': { keyword: 'data', dir: 'data-sources', example: 'data-source.tf', cdktf: (short) => `data-kestra-${short}`, cdktn: (short) => `data-kestra-${short}` },
  // CDKTF 0.21 generates no bindings for ephemeral resources; cdktn does.
  'ephemeral resource': { keyword: 'ephemeral', dir: 'ephemeral-resources', example: 'ephemeral-resource.tf', cdktf: undefined, cdktn: (short) => `ephemeral-kestra-${short}` },
};

const acceptanceSources = readdirSync(join(REPO_ROOT, 'test/acceptance'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => readFileSync(join(REPO_ROOT, 'test/acceptance', f), 'utf8'));

/** What the checklist asks for a type and does not find, in words. */
function missingPieces(kind: Kind, typeName: string, importable = false): string[] {
  const layout = LAYOUT[kind];
  const short = typeName.replace(/^kestra_/, '');
  const exampleDir = join('examples', layout.dir, typeName);
  const wanted: [string, boolean][] = [
    [`example ${exampleDir}/${layout.example}`, existsSync(join(REPO_ROOT, exampleDir, layout.example))],
    [`doc docs/${layout.dir}/${short}.md (npm run docs)`, existsSync(join(REPO_ROOT, 'docs', layout.dir, `${short}.md`))],
    [`acceptance test with ${layout.keyword} "${typeName}"`, acceptanceSources.some((source) => source.includes(`${layout.keyword} "${typeName}"`))],
  ];
  const folder = short.replaceAll('_', '-');
  if (layout.cdktf) {
    const binding = `cdktf/kestra/src/${layout.cdktf(folder)}/index.ts`;
    wanted.push([`CDKTF binding ${binding} (npm run cdktf:generate)`, existsSync(join(REPO_ROOT, binding))]);
  }
  const cdktnBinding = `cdktn/kestra/src/${layout.cdktn(folder)}/index.ts`;
  wanted.push([`cdktn binding ${cdktnBinding} (npm run cdktf:generate)`, existsSync(join(REPO_ROOT, cdktnBinding))]);
  if (kind === 'resource') {
    const script = existsSync(join(REPO_ROOT, exampleDir, 'import.sh'));
    wanted.push([importable ? `import example ${exampleDir}/import.sh` : `no ${exampleDir}/import.sh: the resource cannot be imported`, script === importable]);
  }
  return wanted.filter(([, present]) => !present).map(([piece]) => piece);
}

const provider = kestraProvider(createLogger({ level: 'off' }));
const registered: [Kind, string, boolean][] = [
  ...provider.resources.map((r): [Kind, string, boolean] => ['resource', r.typeName, r.importState !== undefined]),
  ...provider.dataSources.map((d): [Kind, string, boolean] => ['data source', d.typeName, false]),
  ...provider.ephemeralResources.map((e): [Kind, string, boolean] => ['ephemeral resource', e.typeName, false]),
];

test.each(registered)('%s %s has everything CONTRIBUTING.md lists', (kind, typeName, importable) => {
  expect(missingPieces(kind, typeName, importable)).toEqual([]);
});

test('a type without its pieces is caught, piece by piece', () => {
  expect(missingPieces('resource', 'kestra_nothing', true)).toEqual([
    'example examples/resources/kestra_nothing/resource.tf',
    'doc docs/resources/nothing.md (npm run docs)',
    'acceptance test with resource "kestra_nothing"',
    'CDKTF binding cdktf/kestra/src/nothing/index.ts (npm run cdktf:generate)',
    'cdktn binding cdktn/kestra/src/nothing/index.ts (npm run cdktf:generate)',
    'import example examples/resources/kestra_nothing/import.sh',
  ]);
  expect(missingPieces('ephemeral resource', 'kestra_nothing')).toEqual([
    'example examples/ephemeral-resources/kestra_nothing/ephemeral-resource.tf',
    'doc docs/ephemeral-resources/nothing.md (npm run docs)',
    'acceptance test with ephemeral "kestra_nothing"',
    'cdktn binding cdktn/kestra/src/ephemeral-kestra-nothing/index.ts (npm run cdktf:generate)',
  ]);
});

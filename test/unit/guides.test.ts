/**
 * The guides under docs/guides/ are registry pages (front matter with page_title, subcategory and description),
 * every configuration they show is the file a test applies (an `<!-- example: PATH -->` line before a code block
 * that must equal examples/PATH, byte for byte), and every guide configuration under examples/guides/ is shown.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/paths.js';

const GUIDES = join(REPO_ROOT, 'docs', 'guides');
const guides = readdirSync(GUIDES).filter((f) => f.endsWith('.md')).sort();

/** What is wrong with a guide page, in words (empty when nothing is). */
function problems(page: string, readFile: (path: string) => string | undefined): string[] {
  const found: string[] = [];
  const front = /^---\n([\s\S]*?)\n---\n/.exec(page);
  const meta = front ? (parse(front[1]!) as Record<string, unknown>) : {};
  if (!front) found.push('no front matter');
  for (const key of ['page_title', 'description']) if (typeof meta[key] !== 'string' || meta[key] === '') found.push(`front matter without ${key}`);
  if (front && !('subcategory' in meta)) found.push('front matter without subcategory');
  for (const [, path, body] of page.matchAll(/^<!-- example: (\S+) -->\n```[\w-]*\n([\s\S]*?)\n```$/gm)) {
    const file = readFile(path!);
    if (file === undefined) found.push(`${path} does not exist`);
    else if (file.trimEnd() !== body) found.push(`${path} differs from what the guide shows`);
  }
  const markers = [...page.matchAll(/<!-- example: (\S+) -->/g)].length;
  const checked = [...page.matchAll(/^<!-- example: (\S+) -->\n```[\w-]*\n[\s\S]*?\n```$/gm)].length;
  if (markers !== checked) found.push('an example marker not followed by a code block');
  return found;
}

const repoFile = (path: string) => (existsSync(join(REPO_ROOT, path)) ? readFileSync(join(REPO_ROOT, path), 'utf8') : undefined);

test.each(guides)('docs/guides/%s is a registry page whose examples are the tested files', (guide) => {
  expect(problems(readFileSync(join(GUIDES, guide), 'utf8'), repoFile)).toEqual([]);
});

test('every configuration under examples/guides/ is shown in a guide', () => {
  const pages = guides.map((guide) => readFileSync(join(GUIDES, guide), 'utf8')).join('\n');
  const configurations = readdirSync(join(REPO_ROOT, 'examples', 'guides'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(tf|ya?ml)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name).slice(REPO_ROOT.length).replace(/^\//, ''));
  expect(configurations.length).toBeGreaterThan(0);
  expect(configurations.filter((path) => !pages.includes(`<!-- example: ${path} -->`))).toEqual([]);
});

test('a stale or missing example, or a page without front matter, is caught', () => {
  const files: Record<string, string> = { 'examples/a.tf': 'resource "x" "y" {}\n' };
  const page = (body: string) => `---\npage_title: "A"\nsubcategory: ""\ndescription: |-\n  About A.\n---\n\n${body}\n`;
  expect(problems(page('<!-- example: examples/a.tf -->\n```terraform\nresource "x" "y" {}\n```'), (p) => files[p])).toEqual([]);
  expect(problems(page('<!-- example: examples/a.tf -->\n```terraform\nresource "x" "z" {}\n```'), (p) => files[p])).toEqual(['examples/a.tf differs from what the guide shows']);
  expect(problems(page('<!-- example: examples/b.tf -->\n```terraform\n{}\n```'), (p) => files[p])).toEqual(['examples/b.tf does not exist']);
  expect(problems(page('<!-- example: examples/a.tf -->\nno code block'), (p) => files[p])).toEqual(['an example marker not followed by a code block']);
  expect(problems('# A guide\n', (p) => files[p])).toEqual(['no front matter', 'front matter without page_title', 'front matter without description']);
});

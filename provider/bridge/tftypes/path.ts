/** One step into a value, shaped like tfplugin6 `AttributePath.Step`: an attribute, a map key or a list index. */
export type PathStep = { attribute: string } | { key: string } | { index: number };

/** The one human form of a path in messages: `groups[1].id`, `tags["env"]`; the root itself is `(root)`. */
export function formatPath(steps: readonly PathStep[]): string {
  if (steps.length === 0) return '(root)';
  return steps
    .map((step, i) => {
      if ('attribute' in step) return i === 0 ? step.attribute : `.${step.attribute}`;
      if ('key' in step) return `[${JSON.stringify(step.key)}]`;
      return `[${step.index}]`;
    })
    .join('');
}

import type { Diagnostic } from '../bridge/protocol/provider-server.js';
import type { AttributePath } from './path.js';

/** Diagnostics gather up during a call and travel back to Terraform; they are never thrown. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  addError(summary: string, detail?: string): void {
    this.add('error', summary, detail);
  }

  addWarning(summary: string, detail?: string): void {
    this.add('warning', summary, detail);
  }

  addAttributeError(path: AttributePath, summary: string, detail?: string): void {
    this.add('error', summary, detail, path);
  }

  addAttributeWarning(path: AttributePath, summary: string, detail?: string): void {
    this.add('warning', summary, detail, path);
  }

  append(other: Diagnostics): void {
    this.items.push(...other.items);
  }

  hasError(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  private add(severity: Diagnostic['severity'], summary: string, detail: string | undefined, path?: AttributePath): void {
    this.items.push({ severity, summary, ...(detail ? { detail } : {}), ...(path ? { attribute: path.steps } : {}) });
  }
}

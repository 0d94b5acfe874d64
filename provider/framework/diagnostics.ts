import type { Diagnostic } from '../bridge/protocol/provider-server.js';
import type { AttributePath } from './path.js';

/** Diagnostics gather up during a call and travel back to Terraform; they are never thrown. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  addError(summary: string, detail?: string): void {
    this.items.push({ severity: 'error', summary, ...(detail ? { detail } : {}) });
  }

  addWarning(summary: string, detail?: string): void {
    this.items.push({ severity: 'warning', summary, ...(detail ? { detail } : {}) });
  }

  addAttributeError(path: AttributePath, summary: string, detail?: string): void {
    this.items.push({ severity: 'error', summary, ...(detail ? { detail } : {}), attribute: path.steps });
  }

  addAttributeWarning(path: AttributePath, summary: string, detail?: string): void {
    this.items.push({ severity: 'warning', summary, ...(detail ? { detail } : {}), attribute: path.steps });
  }

  append(other: Diagnostics): void {
    this.items.push(...other.items);
  }

  hasError(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

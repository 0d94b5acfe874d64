/**
 * The mails the server would send (invitations, password resets), kept in memory instead of sent, so that a test
 * can follow the link a user would have received: `GET /__emulator/outbox` with --enable-control. Only the most
 * recent ones are kept.
 */

export interface Mail {
  id: number;
  sentAt: string;
  to: string;
  subject: string;
  /** The link the mail carries (invitation, password reset). */
  link: string;
}

const KEPT = 1000;

export class Outbox {
  private mails: Mail[] = [];
  private next = 1;

  send(mail: Omit<Mail, 'id'>): void {
    this.mails.push({ id: this.next++, ...mail });
    if (this.mails.length > KEPT) this.mails.splice(0, this.mails.length - KEPT);
  }

  list(): Mail[] {
    return [...this.mails];
  }

  clear(): void {
    this.mails = [];
  }
}

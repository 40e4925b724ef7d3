/**
 * The local inbox: where emails would go. Kept as JSON lines in the data folder and in memory, shown at
 * GET /local/inbox, and each arrival is logged (messages carry case codes, never personal data).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutboxMessage } from '#core/process/model';
import type { Sender } from '#functions/notifier/deliver';

export interface InboxEntry extends OutboxMessage {
  deliveredAt: string;
}

export class LocalInbox implements Sender {
  readonly messages: InboxEntry[] = [];
  /** Delivering a message id twice keeps one copy, so the notifier needs no claim before sending. */
  readonly idempotent = true;
  private readonly delivered = new Set<string>();
  private readonly file?: string;

  constructor(
    dataDir: string | undefined,
    private readonly now: () => Date,
    private readonly log = false,
  ) {
    if (dataDir) {
      this.file = join(dataDir, 'inbox.jsonl');
      if (existsSync(this.file)) {
        for (const line of readFileSync(this.file, 'utf8').split('\n')) {
          if (!line.trim()) continue;
          const entry = JSON.parse(line) as InboxEntry;
          this.messages.push(entry);
          this.delivered.add(entry.messageId);
        }
      }
    }
  }

  async send(message: OutboxMessage) {
    if (this.delivered.has(message.messageId)) return { providerId: `local-${message.messageId}` };
    this.delivered.add(message.messageId);
    const entry: InboxEntry = { ...message, deliveredAt: this.now().toISOString() };
    this.messages.push(entry);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    if (this.log) console.log(`[inbox] ${entry.deliveredAt} to ${entry.address}: ${entry.subject}`);
    return { providerId: `local-${message.messageId}` };
  }

  find(filter: { to?: string; caseCode?: string; since?: string }): InboxEntry[] {
    return this.messages.filter(
      (m) =>
        (!filter.to || m.address === filter.to) &&
        (!filter.caseCode || m.caseCode.toUpperCase() === filter.caseCode.toUpperCase()) &&
        (!filter.since || m.deliveredAt >= filter.since),
    );
  }
}

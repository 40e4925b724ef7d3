/**
 * Queued messages in due order: pure, with no import beyond the model's types, so the notifier and the
 * sweeper bundle it without the rules (functions/store/transaction.ts writes them).
 */
import type { OutboxMessage } from '#core/process/model';

/**
 * A queued message as stored: the message, and the messages of the same transaction it must follow
 * (those due just before it: a wake-up that fires a reminder and its breach together, after downtime,
 * queues both; the notifier sends a message only once those before it are sent, functions/notifier/deliver.ts).
 */
export type QueuedMessage = OutboxMessage & { after?: string[] };

/** When a message is due: its own instant, else (a message queued before it was kept) its creation. */
export const dueAtOf = (message: Pick<OutboxMessage, 'createdAt' | 'dueAt'>): string =>
  message.dueAt ?? message.createdAt;

/**
 * Each message with the messages it follows: those of the latest earlier due instant among `messages`
 * (the messages of one transaction). By transitivity every earlier one goes first; messages due at the
 * same instant (one checkpoint's recipients) need not wait for each other.
 */
export function inDueOrder(messages: readonly OutboxMessage[]): QueuedMessage[] {
  const instants = [...new Set(messages.map(dueAtOf))].sort();
  return messages.map((message) => {
    const at = instants.indexOf(dueAtOf(message));
    const before = at > 0 ? messages.filter((m) => dueAtOf(m) === instants[at - 1]).map((m) => m.messageId) : [];
    return before.length ? { ...message, after: before } : message;
  });
}

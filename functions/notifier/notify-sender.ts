/**
 * GOV.UK Notify: one generic email template with ((subject)) and ((body)) placeholders, so the wording
 * lives in the process definitions. Messages carry a case code and a sign-in link, never personal data.
 */
import { NotifyClient } from 'notifications-node-client';
import type { OutboxMessage } from '../core/process/model';
import type { Sender } from './deliver';

export class NotifySender implements Sender {
  private readonly client: NotifyClient;
  constructor(apiKey: string, private readonly templateId: string) {
    this.client = new NotifyClient(apiKey);
  }

  async send(message: OutboxMessage) {
    const response = await this.client.sendEmail(this.templateId, message.address, {
      personalisation: { subject: message.subject, body: message.body },
      reference: message.messageId,
    });
    return { providerId: (response as { data?: { id?: string } }).data?.id };
  }
}

/**
 * GOV.UK Notify: one generic email template with ((subject)) and ((body)) placeholders, so the wording
 * lives in the process definitions. Messages carry a case code and a sign-in link, never personal data.
 */
import { NotifyClient } from 'notifications-node-client';
import type { OutboxMessage } from '#core/process/model';
import type { Sender } from './deliver';

export class NotifySender implements Sender {
  private readonly client: NotifyClient;
  constructor(
    apiKey: string,
    private readonly templateId: string,
  ) {
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

/**
 * The NotifySender of a function in AWS (the notifier and the sweeper), built on first use from the
 * GOV.UK Notify API key in Secrets Manager (NOTIFY_API_KEY_SECRET_ARN) and NOTIFY_TEMPLATE_ID, then
 * kept for the container's life. A failed secret read is not kept: the next call tries again.
 */
export function notifySenderFromEnvironment(env: NodeJS.ProcessEnv = process.env): () => Promise<NotifySender> {
  let sender: Promise<NotifySender> | undefined;
  return () =>
    (sender ??= (async () => {
      const secretArn = env.NOTIFY_API_KEY_SECRET_ARN;
      if (!secretArn) throw new Error('NOTIFY_API_KEY_SECRET_ARN is not set');
      const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
      const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
      return new NotifySender(secret.SecretString ?? '', env.NOTIFY_TEMPLATE_ID ?? '');
    })().catch((error: unknown) => {
      sender = undefined;
      throw error;
    }));
}

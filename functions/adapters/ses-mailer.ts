import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** One-click unsubscribe (RFC 8058) for every email to a volunteer. */
  readonly unsubscribeUrl?: string;
}

export interface Mailer {
  send(message: EmailMessage): Promise<string>;
}

let client: SESv2Client | undefined;

/** SES v2 through the configuration set (bounce and complaint suppression, event publishing). */
export const sesMailer = (config: { from: string; configurationSet: string }): Mailer => ({
  async send(message) {
    client ??= new SESv2Client({ maxAttempts: 3 });
    const { MessageId } = await client.send(
      new SendEmailCommand({
        FromEmailAddress: config.from,
        Destination: { ToAddresses: [message.to] },
        ConfigurationSetName: config.configurationSet,
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: message.text, Charset: 'UTF-8' },
              Html: { Data: message.html, Charset: 'UTF-8' },
            },
            Headers: message.unsubscribeUrl
              ? [
                  { Name: 'List-Unsubscribe', Value: `<${message.unsubscribeUrl}>` },
                  { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
                ]
              : undefined,
          },
        },
      }),
    );
    return MessageId ?? 'unknown';
  },
});

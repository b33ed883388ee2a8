import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { asciiEmailAddress } from '../../shared/email-address.ts';
import type { Mailer } from '../domain/email-delivery.ts';
import { traced } from '../lib/tracer.ts';

let client: SESv2Client | undefined;
/** One SES client per process, created on first use, with timeouts that are enforced (not only logged). */
const sharedClient = () => {
  client ??= traced(
    new SESv2Client({
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
    }),
  );
  return client;
};

/** SES v2 through the configuration set (bounce and complaint suppression, event publishing). */
export const sesMailer = (config: {
  from: string;
  configurationSet: string;
  client?: SESv2Client;
}): Mailer => ({
  async send(message) {
    const ses = config.client ?? sharedClient();
    const { MessageId } = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: config.from,
        // Mail servers want the domain in ASCII: an address at søren.dk goes to xn--sren-gra.dk.
        Destination: { ToAddresses: [asciiEmailAddress(message.to)] },
        ConfigurationSetName: config.configurationSet,
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: message.text, Charset: 'UTF-8' },
              Html: { Data: message.html, Charset: 'UTF-8' },
            },
            Headers: [
              ...(message.unsubscribeUrl
                ? [
                    { Name: 'List-Unsubscribe', Value: `<${message.unsubscribeUrl}>` },
                    { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
                  ]
                : []),
              // The request or job run that decided the email (support follows it into the logs).
              ...(message.correlationId
                ? [{ Name: 'X-Venner-Correlation-Id', Value: message.correlationId }]
                : []),
            ],
          },
        },
      }),
    );
    return MessageId ?? 'unknown';
  },
});

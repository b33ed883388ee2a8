import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDb } from '../../functions/adapters/dynamodb-client.ts';
import { type DemoOptions, type DemoReport, seedDemoProgramme } from './demo-programme.ts';

/** The marker that says a stack already has its demo programme: seeding twice would double it. */
const markerKey = { pk: 'SYSTEM', sk: 'DEMO-PROGRAMME' };

/**
 * Seeds the demo programme into the stack whose function environment `env` describes (the
 * process env must already point the AWS clients at it), once: a second run says so and stops.
 */
export const seedDemoOnce = async (
  env: Record<string, string>,
  options: DemoOptions,
): Promise<DemoReport | 'already-seeded'> => {
  const db = dynamoDb();
  const { Item } = await db.send(new GetCommand({ TableName: env.TABLE_KOMMUNER, Key: markerKey }));
  if (Item) return 'already-seeded';
  const report = await seedDemoProgramme(env, options);
  await db.send(
    new PutCommand({
      TableName: env.TABLE_KOMMUNER,
      Item: { ...markerKey, seededAt: new Date().toISOString(), ...report },
    }),
  );
  return report;
};

export const demoSummary = (report: DemoReport) =>
  `${report.volunteers} bekræftede frivillige, ${report.handovers} overdragelser, ${report.proposals} forslag (${report.active} sagt ja til, ${report.declined} afslået), ${report.ended} afsluttede match, ${report.followUpsAnswered} besvarede opfølgninger, ${report.digestContacts} digest-modtagere`;
